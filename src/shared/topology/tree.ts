/**
 * The tree shape both topology trees share, and the pure helpers the virtualized view uses:
 * flattening to visible rows, locating an entity's rows, and the ancestors to expand.
 */
import type { EntityRef } from './entity';
import { refKey } from './entity';

export type TreeNodeKind =
  | 'router'
  | 'gateway'
  | 'interface'
  | 'network'
  | 'subnet'
  | 'port'
  | 'floating-ip'
  | 'instance'
  | 'missing-instance'
  | 'group';

export interface TreeCounts {
  interfaces?: number;
  subnets?: number;
  ports?: number;
  instances?: number;
}

export interface TreeNode {
  /** Unique in its tree: the path of `kind:id` segments from the root, joined by '/'. */
  key: string;
  kind: TreeNodeKind;
  /** The resource the row shows (groups have none). */
  ref?: EntityRef;
  label: string;
  /** A second, dimmer text: CIDR, MAC, network name ... */
  secondary?: string;
  status?: string;
  badges?: string[];
  children: TreeNode[];
  /** Descendants by kind, shown on the row (most useful when collapsed). */
  counts?: TreeCounts;
}

/** Separator of key segments; OpenStack ids never contain it. */
export const KEY_SEPARATOR = '/';

/** Child key under a parent key. */
export function childKey(parentKey: string | undefined, segment: string): string {
  return parentKey ? `${parentKey}${KEY_SEPARATOR}${segment}` : segment;
}

/** Every ancestor key of a node key, root first (not the key itself). */
export function ancestorKeys(key: string): string[] {
  const out: string[] = [];
  let at = key.indexOf(KEY_SEPARATOR);
  while (at !== -1) {
    out.push(key.slice(0, at));
    at = key.indexOf(KEY_SEPARATOR, at + 1);
  }
  return out;
}

export interface TreeRow {
  node: TreeNode;
  depth: number;
  expanded: boolean;
}

/** The rows a tree shows with the given keys expanded: O(visible rows), not O(tree). */
export function visibleRows(roots: readonly TreeNode[], expanded: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (nodes: readonly TreeNode[], depth: number) => {
    for (const node of nodes) {
      const open = node.children.length > 0 && expanded.has(node.key);
      rows.push({ node, depth, expanded: open });
      if (open) walk(node.children, depth + 1);
    }
  };
  walk(roots, 0);
  return rows;
}

/** Entity key (`port:<id>`) -> every node key showing that entity (a port can sit under two subnets). */
export type TreeLocator = Map<string, string[]>;

/** Indexes where each entity appears in a tree; build once per tree, on first search. */
export function buildLocator(roots: readonly TreeNode[]): TreeLocator {
  const locator: TreeLocator = new Map();
  const stack: TreeNode[] = [...roots];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.ref) {
      const k = refKey(node.ref);
      const list = locator.get(k);
      if (list) list.push(node.key);
      else locator.set(k, [node.key]);
    }
    for (const child of node.children) stack.push(child);
  }
  for (const list of locator.values()) list.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  return locator;
}

/** Finds a node by key (walks the key's path: O(depth × siblings)). */
export function findNode(roots: readonly TreeNode[], key: string): TreeNode | undefined {
  const path = [...ancestorKeys(key), key];
  let level: readonly TreeNode[] = roots;
  let found: TreeNode | undefined;
  for (const step of path) {
    found = level.find((n) => n.key === step);
    if (!found) return undefined;
    level = found.children;
  }
  return found;
}

/** Total number of nodes (for figures and tests). */
export function countNodes(roots: readonly TreeNode[]): number {
  let n = 0;
  const stack: TreeNode[] = [...roots];
  while (stack.length) {
    const node = stack.pop()!;
    n++;
    for (const child of node.children) stack.push(child);
  }
  return n;
}
