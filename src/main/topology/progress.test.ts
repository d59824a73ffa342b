import { describe, expect, it } from 'vitest';
import { ProgressTracker, type TopologyProgress } from './progress';

describe('ProgressTracker', () => {
  it('adds up parallel calls of one resource and reports done when the last one ends', () => {
    const events: TopologyProgress[] = [];
    const tracker = new ProgressTracker((p) => events.push(p));
    const own = tracker.begin('networks');
    const shared = tracker.begin('networks');
    tracker.request('networks');
    own.page(2);
    tracker.request('networks');
    shared.page(1);
    own.end();
    tracker.request('networks');
    shared.page(3);
    shared.end();
    expect(events).toEqual([
      { resource: 'networks', pages: 1, items: 2, done: false },
      { resource: 'networks', pages: 2, items: 3, done: false },
      { resource: 'networks', pages: 3, items: 5, done: false },
      { resource: 'networks', pages: 3, items: 5, done: true },
    ]);
    expect(tracker.stats()).toEqual({ apiCalls: 3, pages: 3, callsByResource: { networks: 3 } });
  });

  it('reports done once, even when a call is ended twice', () => {
    const events: TopologyProgress[] = [];
    const tracker = new ProgressTracker((p) => events.push(p));
    const call = tracker.begin('servers');
    call.page(2);
    call.page(4);
    call.end();
    call.end();
    expect(events.map((e) => [e.items, e.done])).toEqual([
      [2, false],
      [4, false],
      [4, true],
    ]);
    expect(tracker.stats().pages).toBe(2);
  });
});
