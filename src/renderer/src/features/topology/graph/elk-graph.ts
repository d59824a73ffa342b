/**
 * The graph model as an ELK graph, and ELK's answer as positions. Pure (tested without ELK):
 * 'full' graphs get one layered layout (external networks first, then routers, subnets,
 * instances, left to right); 'overview' graphs get a box packing of component (or project) nodes;
 * an expanded project is a frame packed the same way, an expanded component a frame laid out by
 * layered inside.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { GraphFrame, GraphNodeKind, TopologyGraph } from '@shared/topology';

export const NODE_SIZE: Record<GraphNodeKind, { width: number; height: number }> = {
  router: { width: 200, height: 58 },
  network: { width: 210, height: 58 },
  subnet: { width: 190, height: 52 },
  instance: { width: 200, height: 58 },
  'instance-group': { width: 180, height: 52 },
  component: { width: 250, height: 72 },
  project: { width: 270, height: 72 },
};

// Left to right: a tenant has far more networks and instances per layer than layers, and a wide
// screen holds a column of them better than a row.
const LAYERED = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '18',
  'elk.layered.spacing.nodeNodeBetweenLayers': '90',
  'elk.spacing.componentComponent': '48',
  'elk.layered.thoroughness': '4',
  'elk.edgeRouting': 'POLYLINE',
};

/** Room at the top of a frame for its title. */
export const FRAME_HEADER = 30;

/**
 * A component bigger than this is packed as a grid: ELK's layered layout grows much faster than
 * linearly (about 36 s for 2,600 nodes here), and nobody reads a 2,600-node picture anyway.
 */
export const MAX_LAYERED_FRAME = 300;

/** Projects, and components too big for a layered layout, are packed as a grid. */
export function usesGrid(frame: GraphFrame): boolean {
  return frame.kind === 'project' || frame.size > MAX_LAYERED_FRAME;
}

export function frameId(componentKey: string): string {
  return `frame:${componentKey}`;
}

export function toElkGraph(graph: TopologyGraph): ElkNode {
  const leaf = (id: string, kind: GraphNodeKind): ElkNode => ({ id, ...NODE_SIZE[kind] });
  if (graph.mode === 'full') {
    return {
      id: 'root',
      layoutOptions: LAYERED,
      children: graph.nodes.map((n) => leaf(n.id, n.kind)),
      edges: graph.edges.map((e): ElkExtendedEdge => ({ id: e.id, sources: [e.source], targets: [e.target] })),
    };
  }
  const padding = `[top=${FRAME_HEADER + 12},left=16,bottom=16,right=16]`;
  const BOX = { 'elk.algorithm': 'box', 'elk.aspectRatio': '1.8', 'elk.spacing.nodeNode': '24' };
  const frames = new Map<string, ElkNode>();
  for (const frame of graph.frames) {
    frames.set(frame.key, {
      id: frameId(frame.key),
      layoutOptions: { ...(usesGrid(frame) ? BOX : LAYERED), 'elk.padding': padding },
      children: [],
      edges: [],
    });
  }
  const root: ElkNode = {
    id: 'root',
    layoutOptions: { ...BOX, 'elk.padding': '[top=12,left=12,bottom=12,right=12]' },
    children: [],
  };
  // Frames first (parents are listed before children), then the nodes into their frame.
  for (const frame of graph.frames)
    (frame.parentKey ? frames.get(frame.parentKey)! : root).children!.push(frames.get(frame.key)!);
  for (const node of graph.nodes)
    (node.parentId ? frames.get(node.parentId)! : root).children!.push(leaf(node.id, node.kind));
  const parentOf = new Map(graph.nodes.map((n) => [n.id, n.parentId]));
  for (const edge of graph.edges) {
    const parent = parentOf.get(edge.source);
    // Edges inside one frame shape its layout; edges between frames and the top level are drawn only.
    if (parent && parent === parentOf.get(edge.target))
      frames.get(parent)!.edges!.push({ id: edge.id, sources: [edge.source], targets: [edge.target] });
  }
  return root;
}

export interface Placed {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Frame id for nodes laid out inside a frame (positions are then relative to it). */
  parent?: string;
}

export interface GraphLayout {
  nodes: Map<string, Placed>;
  /** Parents before children. `componentKey` is the frame's group key (a component or a project). */
  frames: Array<{ id: string; componentKey: string } & Placed>;
  width: number;
  height: number;
}

/** Reads positions back from ELK's result (positions stay relative to the enclosing frame). */
export function fromElk(result: ElkNode): GraphLayout {
  const nodes = new Map<string, Placed>();
  const frames: GraphLayout['frames'] = [];
  const walk = (children: ElkNode[] | undefined, parent: string | undefined) => {
    for (const child of children ?? []) {
      const placed = {
        x: child.x ?? 0,
        y: child.y ?? 0,
        width: child.width ?? 0,
        height: child.height ?? 0,
        ...(parent ? { parent } : {}),
      };
      if (child.id.startsWith('frame:')) {
        frames.push({ id: child.id, componentKey: child.id.slice('frame:'.length), ...placed });
        walk(child.children, child.id);
      } else nodes.set(child.id, placed);
    }
  };
  walk(result.children, undefined);
  return { nodes, frames, width: result.width ?? 0, height: result.height ?? 0 };
}

/** Absolute position of a node or frame (frames nest: add up the parents). */
export function absolutePosition(layout: GraphLayout, placed: Placed): { x: number; y: number } {
  let x = placed.x;
  let y = placed.y;
  let parent = placed.parent;
  while (parent) {
    const frame = layout.frames.find((f) => f.id === parent);
    if (!frame) break;
    x += frame.x;
    y += frame.y;
    parent = frame.parent;
  }
  return { x, y };
}
