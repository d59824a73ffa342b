/**
 * The command palette's data, pure: static entries (pages, clouds to connect or switch to,
 * actions), resources found by each loaded topology's search index, a ranking that prefers
 * word-start matches, and the recent-items list. The component only renders and dispatches.
 */
import type { EntityRef, SearchResult } from '@shared/topology';

/** What choosing an entry does; the palette component maps each to navigation or a mutation. */
export type PaletteTarget =
  | { type: 'page'; page: string }
  | { type: 'cloud'; cloudId: string; connect: boolean }
  | { type: 'entity'; cloudId: string; ref: EntityRef }
  | { type: 'lookup'; cloudId: string; instanceId: string }
  | { type: 'listener'; cloudId: string; instanceId?: string; routerId?: string };

export interface PaletteEntry {
  /** Stable across renders and sessions (recents are stored by it). */
  key: string;
  group: 'Recent' | 'Pages' | 'Clouds' | 'Actions' | 'Resources';
  label: string;
  detail?: string;
  /** Extra words that find the entry (e.g. "settings" for the clouds page). */
  keywords?: string;
  target: PaletteTarget;
}

/** A loaded topology: its cloud and a search over it. */
export interface PaletteSource {
  cloudId: string;
  cloudName: string;
  search: (query: string) => SearchResult;
}

/**
 * How well `text` matches `query`: 3 whole-text prefix, 2 word-start, 1 substring, 0 no match.
 * Every word of the query must match somewhere.
 */
export function matchScore(text: string, query: string): number {
  const haystack = text.toLowerCase();
  let total = 0;
  for (const word of query.toLowerCase().split(/\s+/).filter(Boolean)) {
    const at = haystack.indexOf(word);
    if (at < 0) return 0;
    const wordStart = new RegExp(`(^|[\\s\\-_./:(])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(haystack);
    total += at === 0 ? 3 : wordStart ? 2 : 1;
  }
  return total;
}

/** Static entries matching the query, best first (ties keep their order). */
export function rankEntries(entries: readonly PaletteEntry[], query: string, limit = 20): PaletteEntry[] {
  if (!query.trim()) return entries.slice(0, limit);
  return entries
    .map((entry, order) => ({
      entry,
      order,
      score: Math.max(
        matchScore(entry.label, query) * 2,
        matchScore(`${entry.label} ${entry.detail ?? ''} ${entry.keywords ?? ''}`, query),
      ),
    }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, limit)
    .map((x) => x.entry);
}

/** Resources matching the query in every loaded topology, a few per cloud so one cloud cannot drown the rest. */
export function resourceEntries(sources: readonly PaletteSource[], query: string, perCloud = 8): PaletteEntry[] {
  if (query.trim().length < 2) return [];
  const many = sources.length > 1;
  return sources.flatMap((source) => {
    const seen = new Set<string>();
    const out: PaletteEntry[] = [];
    for (const hit of source.search(query).hits) {
      const key = `entity:${source.cloudId}:${hit.ref.kind}:${hit.ref.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const matched = hit.field === 'name' ? '' : `${hit.value} \u00b7 `;
      out.push({
        key,
        group: 'Resources',
        label: hit.label,
        detail: `${matched}${hit.context}${many ? ` \u00b7 ${source.cloudName}` : ''}`,
        target: { type: 'entity', cloudId: source.cloudId, ref: hit.ref },
      });
      if (out.length >= perCloud) break;
    }
    return out;
  });
}

/** Puts `entry` first in the recents, without duplicates, at most `max` long. */
export function pushRecent(recents: readonly PaletteEntry[], entry: PaletteEntry, max = 8): PaletteEntry[] {
  return [{ ...entry, group: 'Recent' as const }, ...recents.filter((r) => r.key !== entry.key)].slice(0, max);
}

/**
 * Everything shown for a query: recents first when the query is empty (or those that match),
 * then static entries, then resources.
 */
export function paletteResults(
  staticEntries: readonly PaletteEntry[],
  recents: readonly PaletteEntry[],
  sources: readonly PaletteSource[],
  query: string,
): PaletteEntry[] {
  const recent = rankEntries(recents, query, 5);
  const shown = new Set(recent.map((r) => r.key));
  const rest = [...rankEntries(staticEntries, query), ...resourceEntries(sources, query)].filter(
    (e) => !shown.has(e.key),
  );
  return [...recent, ...rest];
}
