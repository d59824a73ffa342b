/**
 * Keyboard handling of the topology trees, following the WAI-ARIA tree view pattern
 * (https://www.w3.org/WAI/ARIA/apg/patterns/treeview/): Up/Down move, Right expands or enters,
 * Left collapses or goes to the parent, Home/End, `*` expands the siblings, Enter opens the
 * details, Shift+F10 (or the Menu key) opens the row menu. Pure: rows and a key in, an effect out;
 * the component applies it (focus a row, toggle, open the drawer or the menu).
 */

/** What the reducer needs of a visible row (a TreeRow satisfies it). */
export interface KeyRow {
  node: { key: string; hasChildren: boolean };
  depth: number;
  expanded: boolean;
}

export interface TreeKeyEvent {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** The effect of one key press; null when the tree does not handle the key. */
export type TreeKeyEffect =
  | { type: 'focus'; key: string }
  | { type: 'expand'; keys: string[] }
  | { type: 'collapse'; key: string }
  | { type: 'open'; key: string }
  | { type: 'menu'; key: string };

function parentIndex(rows: readonly KeyRow[], index: number): number {
  const depth = rows[index].depth;
  for (let i = index - 1; i >= 0; i--) if (rows[i].depth < depth) return i;
  return -1;
}

/** Keys of the collapsed rows with children at the same level and under the same parent as `index`. */
export function collapsedSiblings(rows: readonly KeyRow[], index: number): string[] {
  const depth = rows[index].depth;
  const start = parentIndex(rows, index) + 1;
  const out: string[] = [];
  for (let i = start; i < rows.length && rows[i].depth >= depth; i++)
    if (rows[i].depth === depth && rows[i].node.hasChildren && !rows[i].expanded) out.push(rows[i].node.key);
  return out;
}

function horizontal(rows: readonly KeyRow[], index: number, right: boolean): TreeKeyEffect | null {
  const row = rows[index];
  if (right) {
    if (!row.node.hasChildren) return null;
    if (!row.expanded) return { type: 'expand', keys: [row.node.key] };
    const child = rows[index + 1];
    return child && child.depth > row.depth ? { type: 'focus', key: child.node.key } : null;
  }
  if (row.expanded) return { type: 'collapse', key: row.node.key };
  const parent = parentIndex(rows, index);
  return parent >= 0 ? { type: 'focus', key: rows[parent].node.key } : null;
}

const focusAt = (rows: readonly KeyRow[], index: number): TreeKeyEffect | null =>
  rows[index] ? { type: 'focus', key: rows[index].node.key } : null;

/**
 * The effect of `event` on the tree whose visible rows are `rows`, with `focusedKey` focused (or
 * none: then the first row counts as focused). Keys with Ctrl/Cmd/Alt belong to the app.
 */
export function treeKeyEffect(
  rows: readonly KeyRow[],
  focusedKey: string | null,
  event: TreeKeyEvent,
): TreeKeyEffect | null {
  if (rows.length === 0 || event.ctrlKey || event.metaKey || event.altKey) return null;
  const found = focusedKey === null ? -1 : rows.findIndex((r) => r.node.key === focusedKey);
  const index = Math.max(found, 0);
  const key = rows[index].node.key;
  if ((event.key === 'F10' && event.shiftKey) || event.key === 'ContextMenu') return { type: 'menu', key };
  switch (event.key) {
    case 'ArrowDown':
      return found < 0 ? focusAt(rows, 0) : focusAt(rows, index + 1);
    case 'ArrowUp':
      return found < 0 ? focusAt(rows, 0) : focusAt(rows, index - 1);
    case 'Home':
      return focusAt(rows, 0);
    case 'End':
      return focusAt(rows, rows.length - 1);
    case 'ArrowRight':
      return horizontal(rows, index, true);
    case 'ArrowLeft':
      return horizontal(rows, index, false);
    case '*': {
      const keys = collapsedSiblings(rows, index);
      return keys.length ? { type: 'expand', keys } : null;
    }
    case 'Enter':
    case ' ':
      return { type: 'open', key };
    default:
      return null;
  }
}
