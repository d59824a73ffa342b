/**
 * The renderer's bounded copy of the request log (main keeps its own ring buffer): pure helpers
 * that merge batches by sequence number and filter for the view.
 */
import type { ProxyLogEntry } from '@shared/models/proxy';

/** Lines kept in the renderer: enough to scroll back, bounded so memory and renders stay flat. */
export const rendererLogCapacity = 5000;

/**
 * Appends `batch` to `previous` (both ordered by seq), dropping entries already present, keeping
 * the newest `capacity`. Returns `previous` itself when nothing new arrived (no re-render).
 */
export function appendEntries(
  previous: readonly ProxyLogEntry[],
  batch: readonly ProxyLogEntry[],
  capacity = rendererLogCapacity,
): ProxyLogEntry[] {
  const lastSeq = previous.length > 0 ? previous[previous.length - 1].seq : 0;
  let fresh = batch.filter((e) => e.seq > lastSeq);
  if (fresh.length === 0) return previous as ProxyLogEntry[];
  if (fresh.some((e, i) => i > 0 && e.seq < fresh[i - 1].seq)) fresh = [...fresh].sort((a, b) => a.seq - b.seq);
  const merged =
    previous.length + fresh.length > capacity
      ? [...previous.slice(previous.length + fresh.length - capacity), ...fresh]
      : [...previous, ...fresh];
  return merged.length > capacity ? merged.slice(merged.length - capacity) : merged;
}

/** The listener card's counters that filter the log (a click on one shows its requests). */
export type StatusClass = 'ok' | 'clientErrors' | 'serverErrors' | 'rateLimited' | 'unresolved';

/**
 * Whether an entry counts under `kind`, as main's counters count it: 429 apart from the 4xx, and
 * "unresolved" a 400/404 answered before any instance was known.
 */
export function inStatusClass(e: ProxyLogEntry, kind: StatusClass): boolean {
  switch (kind) {
    case 'ok':
      return e.status < 300;
    case 'clientErrors':
      return e.status >= 400 && e.status < 500 && e.status !== 429;
    case 'serverErrors':
      return e.status >= 500;
    case 'rateLimited':
      return e.status === 429;
    case 'unresolved':
      return (e.status === 400 || e.status === 404) && !e.instanceId;
  }
}

export interface LogFilter {
  /** Free text: matched against source, peer, method, path, instance, project, status, error. */
  text: string;
  listenerId: string | null;
  errorsOnly: boolean;
  /** A counter clicked on a listener card. */
  status?: StatusClass | null;
}

export const emptyFilter: LogFilter = { text: '', listenerId: null, errorsOnly: false, status: null };

/**
 * The entries the view shows. Case-insensitive; every word of the text must match the entry or
 * `names(entry)` (the listener's and the instance's names, which only the view knows).
 */
export function filterEntries(
  entries: readonly ProxyLogEntry[],
  filter: LogFilter,
  names: (e: ProxyLogEntry) => string = () => '',
): ProxyLogEntry[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0 && !filter.listenerId && !filter.errorsOnly && !filter.status)
    return entries as ProxyLogEntry[];
  return entries.filter((e) => {
    if (filter.listenerId && e.listenerId !== filter.listenerId) return false;
    if (filter.errorsOnly && e.status < 400) return false;
    if (filter.status && !inStatusClass(e, filter.status)) return false;
    if (words.length === 0) return true;
    const haystack = [
      e.source,
      e.peer,
      e.method,
      e.path,
      e.instanceId,
      e.projectId,
      String(e.status),
      e.error,
      e.routerId,
      e.networkId,
      names(e),
    ]
      .filter(Boolean)
      .join(' ')
      .toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}
