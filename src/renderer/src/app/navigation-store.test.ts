import { describe, expect, it, vi } from 'vitest';
import { createNavigationStore } from './navigation-store';
import type { Route } from './routes';

const current = (store: ReturnType<typeof createNavigationStore>): Route => {
  const { entries, index } = store.getSnapshot();
  return entries[index].route;
};

describe('navigation store', () => {
  it('starts on the initial route with nowhere to go back to', () => {
    const store = createNavigationStore({ page: 'clouds' });
    store.back();
    expect(current(store)).toEqual({ page: 'clouds' });
    expect(store.getSnapshot().entries).toHaveLength(1);
  });

  it('carries typed parameters and walks back and forward over the visits', () => {
    const store = createNavigationStore({ page: 'clouds' });
    store.navigate({ page: 'topology', cloudId: 'lab' });
    store.navigate({ page: 'metadata', cloudId: 'lab', instanceId: 'i-1' });
    store.back();
    expect(current(store)).toEqual({ page: 'topology', cloudId: 'lab' });
    store.back();
    expect(current(store)).toEqual({ page: 'clouds' });
    store.forward();
    store.forward();
    expect(current(store)).toEqual({ page: 'metadata', cloudId: 'lab', instanceId: 'i-1' });
    store.forward();
    expect(store.getSnapshot().index).toBe(2);
  });

  it('drops the forward branch on a new visit', () => {
    const store = createNavigationStore({ page: 'clouds' });
    store.navigate({ page: 'topology' });
    store.navigate({ page: 'health' });
    store.back();
    store.navigate({ page: 'proxy' });
    expect(store.getSnapshot().entries.map((e) => e.route.page)).toEqual(['clouds', 'topology', 'proxy']);
    store.forward();
    expect(current(store)).toEqual({ page: 'proxy' });
  });

  it('adds no step for the route already shown, but does for new parameters', () => {
    const store = createNavigationStore({ page: 'clouds' });
    store.navigate({ page: 'clouds' });
    expect(store.getSnapshot().entries).toHaveLength(1);
    store.navigate({ page: 'metadata', cloudId: 'lab', instanceId: 'i-1' });
    store.navigate({ page: 'metadata', cloudId: 'lab', instanceId: 'i-2' });
    expect(store.getSnapshot().entries).toHaveLength(3);
  });

  it('gives every visit its own key, so asking twice for the same instance is two requests', () => {
    const store = createNavigationStore({ page: 'clouds' });
    store.navigate({ page: 'metadata', instanceId: 'i-1' });
    const first = store.getSnapshot().entries[1].key;
    store.navigate({ page: 'clouds' });
    store.navigate({ page: 'metadata', instanceId: 'i-1' });
    const keys = store.getSnapshot().entries.map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys[3]).not.toBe(first);
  });

  it('keeps the newest visits within the limit', () => {
    const store = createNavigationStore({ page: 'clouds' }, 3);
    for (const page of ['topology', 'health', 'proxy', 'metadata'] as const) store.navigate({ page });
    const { entries, index } = store.getSnapshot();
    expect(entries.map((e) => e.route.page)).toEqual(['health', 'proxy', 'metadata']);
    expect(index).toBe(2);
  });

  it('tells subscribers of each change and stops when they unsubscribe', () => {
    const store = createNavigationStore({ page: 'clouds' });
    const listener = vi.fn();
    const off = store.subscribe(listener);
    store.navigate({ page: 'proxy' });
    store.back();
    store.back(); // nothing to go back to: no news
    off();
    store.forward();
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
