/**
 * Ids as an admin reads them on a laptop screen: shortened in the middle (both ends stay
 * recognisable, the full value is in the tooltip and the copy button), and names first with a
 * hint of the id: "alpha-router (716a…)".
 */

const ELLIPSIS = '\u2026';

/** "716a3c5e-0b5d-4c1e-9a70-1f2e3d4c5b6a" -> "716a3c5e…4c5b6a"; short values stay whole. */
export function middleShorten(value: string, head = 8, tail = 6): string {
  if (value.length <= head + tail + 1) return value;
  return `${value.slice(0, head)}${ELLIPSIS}${value.slice(-tail)}`;
}

/** The id's first characters and an ellipsis: enough to tell two names apart, never mistaken for a whole id. */
export function idHint(id: string, length = 4): string {
  return id.length <= length ? id : `${id.slice(0, length)}${ELLIPSIS}`;
}

/** "alpha-router (716a…)", or the middle-shortened id when there is no name. */
export function nameWithId(name: string | undefined | null, id: string): string {
  return name ? `${name} (${idHint(id)})` : middleShorten(id);
}
