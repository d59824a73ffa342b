/**
 * The navigation history: a list of visited routes and where we are in it, like a browser's, so
 * Back and Forward work. Pure and framework-free (tested alone); NavigationProvider holds one.
 */
import type { Route } from './routes';

export interface HistoryEntry {
  /** Unique per visit: a page applies a route's parameters once per entry, not on every render. */
  key: number;
  route: Route;
}

export interface NavigationSnapshot {
  entries: readonly HistoryEntry[];
  index: number;
}

export interface NavigationStore {
  getSnapshot: () => NavigationSnapshot;
  subscribe: (listener: () => void) => () => void;
  navigate: (route: Route) => void;
  back: () => void;
  forward: () => void;
}

/** Visits kept: enough to walk back through a session's work, bounded. */
export const historyLimit = 100;

function sameRoute(a: Route, b: Route): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function createNavigationStore(initial: Route, limit = historyLimit): NavigationStore {
  let nextKey = 1;
  let snapshot: NavigationSnapshot = { entries: [{ key: nextKey++, route: initial }], index: 0 };
  const listeners = new Set<() => void>();
  const publish = (next: NavigationSnapshot) => {
    snapshot = next;
    for (const listener of listeners) listener();
  };
  return {
    getSnapshot: () => snapshot,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    navigate: (route) => {
      const { entries, index } = snapshot;
      // Clicking the page you are on adds no step to walk back through.
      if (sameRoute(entries[index].route, route)) return;
      // A new visit drops the forward branch, as in a browser.
      const kept = [...entries.slice(0, index + 1), { key: nextKey++, route }];
      const trimmed = kept.slice(Math.max(0, kept.length - limit));
      publish({ entries: trimmed, index: trimmed.length - 1 });
    },
    back: () => {
      if (snapshot.index > 0) publish({ ...snapshot, index: snapshot.index - 1 });
    },
    forward: () => {
      if (snapshot.index < snapshot.entries.length - 1) publish({ ...snapshot, index: snapshot.index + 1 });
    },
  };
}
