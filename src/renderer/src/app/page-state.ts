/**
 * What each page was showing (search, selection, filters, the instance looked up...), kept per
 * page and cloud while the app runs, so navigating away and back loses nothing. UI choices only:
 * server data stays in react-query.
 */
import { useCallback, useRef, useSyncExternalStore, type SetStateAction } from 'react';

export interface PageStateStore {
  get: (key: string) => unknown;
  set: (key: string, value: unknown) => void;
  subscribe: (listener: () => void) => () => void;
}

export function createPageStateStore(): PageStateStore {
  const values = new Map<string, unknown>();
  const listeners = new Set<() => void>();
  return {
    get: (key) => values.get(key),
    set: (key, value) => {
      if (values.get(key) === value) return;
      values.set(key, value);
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The key of one piece of a page's state: per page, per cloud (null: the page as a whole). */
export function pageStateKey(page: string, cloudId: string | null | undefined, name: string): string {
  return `${page}|${cloudId ?? ''}|${name}`;
}

/** One store per window; the app's pages share it. */
export const pageStates = createPageStateStore();

/**
 * useState that survives the page unmounting: the value lives in `store` under `key`, and a new
 * key (another cloud) brings back that cloud's value, or `initial`.
 */
export function usePageState<T>(
  key: string,
  initial: T,
  store: PageStateStore = pageStates,
): [T, (value: SetStateAction<T>) => void] {
  const initialRef = useRef(initial);
  const read = useCallback(() => (store.get(key) as T | undefined) ?? initialRef.current, [store, key]);
  const value = useSyncExternalStore(store.subscribe, read);
  const setValue = useCallback(
    (next: SetStateAction<T>) =>
      store.set(key, typeof next === 'function' ? (next as (previous: T) => T)(read()) : next),
    [store, key, read],
  );
  return [value, setValue];
}
