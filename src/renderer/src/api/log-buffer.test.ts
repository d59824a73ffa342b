import { describe, expect, it } from 'vitest';
import type { ProxyLogEntry } from '@shared/models/proxy';
import { appendEntries, emptyFilter, filterEntries, type StatusClass } from './log-buffer';

function entry(seq: number, extra: Partial<ProxyLogEntry> = {}): ProxyLogEntry {
  return {
    seq,
    listenerId: 'l1',
    time: '2026-01-01T00:00:00Z',
    source: '10.0.0.10',
    peer: '127.0.0.1',
    method: 'GET',
    path: '/openstack',
    status: 200,
    latencyMs: 1,
    hasTrace: false,
    ...extra,
  };
}

describe('appendEntries', () => {
  it('appends only entries newer than the last one, in order', () => {
    const merged = appendEntries([entry(1), entry(2)], [entry(2), entry(4), entry(3)]);
    expect(merged.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  it('returns the same array when nothing is new (no re-render)', () => {
    const previous = [entry(1)];
    expect(appendEntries(previous, [entry(1)])).toBe(previous);
  });

  it('keeps only the newest entries up to the capacity', () => {
    let log: ProxyLogEntry[] = [];
    for (let i = 1; i <= 50; i += 1) log = appendEntries(log, [entry(i * 2 - 1), entry(i * 2)], 25);
    expect(log).toHaveLength(25);
    expect(log[0].seq).toBe(76);
    expect(log[24].seq).toBe(100);
  });
});

describe('filterEntries', () => {
  const entries = [
    entry(1),
    entry(2, { status: 404, error: 'not-found', source: '10.0.0.99' }),
    entry(3, { listenerId: 'l2', instanceId: '11111111-aaaa', path: '/openstack/latest/user_data' }),
  ];

  it('matches every word against the visible fields', () => {
    expect(
      filterEntries(entries, { text: 'not-found', listenerId: null, errorsOnly: false }).map((e) => e.seq),
    ).toEqual([2]);
    expect(
      filterEntries(entries, { text: 'user_data 1111', listenerId: null, errorsOnly: false }).map((e) => e.seq),
    ).toEqual([3]);
    expect(filterEntries(entries, { text: '404', listenerId: null, errorsOnly: false }).map((e) => e.seq)).toEqual([2]);
  });

  it('filters by listener and by errors', () => {
    expect(filterEntries(entries, { text: '', listenerId: 'l2', errorsOnly: false }).map((e) => e.seq)).toEqual([3]);
    expect(filterEntries(entries, { text: '', listenerId: null, errorsOnly: true }).map((e) => e.seq)).toEqual([2]);
  });

  it('filters by a counter, counting as the listener card does', () => {
    const more = [
      ...entries,
      entry(4, { status: 429, error: 'rate-limited' }),
      entry(5, { status: 404, instanceId: '2222', error: 'nova-not-found' }),
      entry(6, { status: 502, error: 'nova-unreachable' }),
    ];
    const only = (status: StatusClass) => filterEntries(more, { ...emptyFilter, status }).map((e) => e.seq);
    expect(only('ok')).toEqual([1, 3]);
    expect(only('clientErrors')).toEqual([2, 5]);
    expect(only('rateLimited')).toEqual([4]);
    expect(only('serverErrors')).toEqual([6]);
    // Unresolved: refused before any instance was known (nova's own 404 is not).
    expect(only('unresolved')).toEqual([2]);
  });

  it('matches names the view knows (listener, instance) as well', () => {
    const names = (e: ProxyLogEntry) => (e.instanceId ? 'alpha-vm1 cloud-init' : 'cloud-init');
    expect(filterEntries(entries, { ...emptyFilter, text: 'alpha-vm1' }, names).map((e) => e.seq)).toEqual([3]);
  });
});
