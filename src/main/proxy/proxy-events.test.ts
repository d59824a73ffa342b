import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ListenerStatus, ProxyLogEntry } from '@shared/models/proxy';
import { createEventBatcher } from './proxy-events';

const status = (id: string, state: ListenerStatus['state'], requests = 0) =>
  ({ id, state, warnings: [], counters: { requests } }) as unknown as ListenerStatus;
const entry = (seq: number) => ({ seq }) as ProxyLogEntry;

describe('proxy event batching', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends state changes at once and coalesces counter updates, reading the status once per flush', () => {
    const sent: ListenerStatus[] = [];
    const batcher = createEventBatcher({ status: (s) => sent.push(s), requests: () => undefined });
    batcher.status(status('a', 'running'), true);
    expect(sent.map((s) => s.state)).toEqual(['running']);
    let reads = 0;
    for (let i = 1; i <= 1000; i += 1) batcher.countersChanged('a', () => (reads++, status('a', 'running', i)));
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(250);
    expect(reads).toBe(1);
    expect(sent.at(-1)?.counters.requests).toBe(1000);
  });

  it('a state change cancels a pending counter update of the same listener', () => {
    const sent: ListenerStatus[] = [];
    const batcher = createEventBatcher({ status: (s) => sent.push(s), requests: () => undefined });
    batcher.countersChanged('a', () => status('a', 'running', 5));
    batcher.status(status('a', 'stopped', 5), true);
    vi.advanceTimersByTime(1000);
    expect(sent.map((s) => s.state)).toEqual(['stopped']);
  });

  it('batches request entries every 100 ms and caps a batch at the newest 500', () => {
    const batches: ProxyLogEntry[][] = [];
    const batcher = createEventBatcher({ status: () => undefined, requests: (e) => batches.push(e) });
    for (let i = 1; i <= 3000; i += 1) batcher.request(entry(i));
    vi.advanceTimersByTime(100);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(500);
    expect(batches[0].at(-1)?.seq).toBe(3000);
  });
});
