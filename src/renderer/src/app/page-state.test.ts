import { describe, expect, it, vi } from 'vitest';
import { createPageStateStore, pageStateKey } from './page-state';

describe('page state store', () => {
  it('keeps each page and cloud apart', () => {
    const store = createPageStateStore();
    store.set(pageStateKey('metadata', 'lab', 'instance'), 'i-1');
    store.set(pageStateKey('metadata', 'other', 'instance'), 'i-2');
    store.set(pageStateKey('health', 'lab', 'instance'), 'i-3');
    expect(store.get(pageStateKey('metadata', 'lab', 'instance'))).toBe('i-1');
    expect(store.get(pageStateKey('metadata', 'other', 'instance'))).toBe('i-2');
    expect(store.get(pageStateKey('metadata', null, 'instance'))).toBeUndefined();
  });

  it('tells subscribers of real changes only', () => {
    const store = createPageStateStore();
    const listener = vi.fn();
    const off = store.subscribe(listener);
    store.set('k', 'a');
    store.set('k', 'a');
    off();
    store.set('k', 'b');
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.get('k')).toBe('b');
  });
});
