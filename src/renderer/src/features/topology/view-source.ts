/**
 * Which topology the page shows: a connected cloud (live) or the snapshot opened offline. Set from
 * elsewhere too (the welcome screen's "Open the sample"), so it is a tiny external store of a UI
 * choice; the data itself stays in react-query.
 */
import { useSyncExternalStore } from 'react';

export type ViewSource = { kind: 'live'; cloudId: string } | { kind: 'offline' } | null;

let current: ViewSource = null;
const listeners = new Set<() => void>();

export function setViewSource(source: ViewSource): void {
  current = source;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The user's choice, or null (then the page picks the navbar's cloud or the first connected one). */
export function useViewSource(): ViewSource {
  return useSyncExternalStore(subscribe, () => current);
}

/** The page id of the topology page in app/pages.tsx. */
export const TOPOLOGY_PAGE_ID = 'topology';
