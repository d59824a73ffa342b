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

/** A UUID (with or without dashes) or a 32-hex id, as OpenStack prints them. */
const LONG_ID = /\b(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})\b/gi;

/** Whether the whole value is such an id. */
export function isLongId(value: string): boolean {
  LONG_ID.lastIndex = 0;
  const m = LONG_ID.exec(value);
  return m !== null && m.index === 0 && m[0].length === value.length;
}

/** A text cut around the long ids it holds, so each id can be shown short with the whole one at hand. */
export function splitIds(text: string): Array<string | { id: string }> {
  const out: Array<string | { id: string }> = [];
  let last = 0;
  for (const m of text.matchAll(LONG_ID)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push({ id: m[0] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** The text with each long id shortened in the middle: for plain labels (graph nodes) whose title keeps the whole text. */
export function shortenIds(text: string): string {
  return text.replace(LONG_ID, (id) => middleShorten(id));
}
