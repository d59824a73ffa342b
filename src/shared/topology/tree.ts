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

/** What a row shows; a node adds its (lazily built) children. */
export interface TreeNodeFields {
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
  /** Descendants by kind, shown on the row (most useful when collapsed). */
  counts?: TreeCounts;
}

export interface TreeNode extends TreeNodeFields {
  /** Known without building the children. */
  readonly hasChildren: boolean;
  /** Built on first access and kept: a 10,000-port tree only builds what is expanded. */
  readonly children: TreeNode[];
}

const NO_CHILDREN: TreeNode[] = [];

class LazyTreeNode implements TreeNode {
  key: string;
  kind: TreeNodeKind;
  ref?: EntityRef;
  label: string;
  secondary?: string;
  status?: string;
  badges?: string[];
  counts?: TreeCounts;
  readonly hasChildren: boolean;
  private built: TreeNode[] | undefined;
  private readonly build: (() => TreeNode[]) | undefined;

  constructor(fields: TreeNodeFields, build: (() => TreeNode[]) | undefined, hasChildren: boolean) {
    this.key = fields.key;
    this.kind = fields.kind;
    this.ref = fields.ref;
    this.label = fields.label;
    this.secondary = fields.secondary;
    this.status = fields.status;
    this.badges = fields.badges;
    this.counts = fields.counts;
    this.hasChildren = hasChildren;
    this.build = hasChildren ? build : undefined;
    if (!this.build) this.built = NO_CHILDREN;
  }

  get children(): TreeNode[] {
    if (!this.built) this.built = this.build!();
    return this.built;
  }
}

/** A node whose children are built by `build` on first access (a leaf when `hasChildren` is false). */
export function treeNode(
  fields: TreeNodeFields,
  build?: () => TreeNode[],
  hasChildren = build !== undefined,
): TreeNode {
  return new LazyTreeNode(fields, build, hasChildren);
}

/** A node whose children already exist. */
export function treeNodeWith(fields: TreeNodeFields, children: TreeNode[]): TreeNode {
  return new LazyTreeNode(fields, () => children, children.length > 0);
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
      const open = node.hasChildren && expanded.has(node.key);
      rows.push({ node, depth, expanded: open });
      if (open) walk(node.children, depth + 1);
    }
  };
  walk(roots, 0);
  return rows;
}

/** Entity key (`port:<id>`) -> every node key showing that entity (a port can sit under two subnets). */
export type TreeLocator = Map<string, string[]>;

/**
 * Indexes where each entity appears by walking the whole tree (building every lazy node). For
 * tests and small trees; the views use the model-driven locate functions instead.
 */
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

/** Total number of nodes, building every lazy node (for figures and tests). */
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
