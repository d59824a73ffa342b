/**
 * The graph model as an ELK graph, and ELK's answer as positions. Pure (tested without ELK):
 * 'full' graphs get one layered layout (external networks first, then routers, subnets,
 * instances, left to right); 'overview' graphs get a box packing of component (or project) nodes;
 * an expanded project is a frame packed the same way, an expanded component a frame laid out by
 * layered inside.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { GraphFrame, GraphNode, GraphNodeKind, TopologyGraph } from '@shared/topology';

export const NODE_SIZE: Record<GraphNodeKind, { width: number; height: number }> = {
  router: { width: 200, height: 58 },
  network: { width: 210, height: 58 },
  subnet: { width: 230, height: 52 },
  instance: { width: 200, height: 58 },
  'instance-group': { width: 180, height: 52 },
  component: { width: 250, height: 72 },
  project: { width: 270, height: 72 },
};

/** Side of the (hidden) handles of a graph node, in px. */
export const HANDLE_SIZE = 6;

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

/** A frame packed as a grid here, before ELK: its size and its nodes' positions inside it. */
export interface GridFrame {
  width: number;
  height: number;
  nodes: Map<string, Placed>;
}

const GRID_GAP = 24;
const GRID_PAD = { top: FRAME_HEADER + 12, side: 16 };

/**
 * Big component frames packed as a grid of equal cells, row by row, about 1.8 times wider than
 * high. It is what ELK's box packing gives them, in linear time: ELK took seconds on 4,500 nodes.
 */
export function gridFrames(graph: TopologyGraph, except: ReadonlySet<string> = new Set()): Map<string, GridFrame> {
  const members = bigFrameMembers(graph);
  return new Map(
    [...members].filter(([key]) => !except.has(key)).map(([key, nodes]) => [key, packGrid(nodes, frameId(key))]),
  );
}

/** The nodes of each expanded component too big for ELK's layered layout. */
export function bigFrameMembers(graph: TopologyGraph): Map<string, GraphNode[]> {
  const big = new Set(graph.frames.filter((f) => f.kind === 'component' && usesGrid(f)).map((f) => f.key));
  const members = new Map<string, GraphNode[]>();
  for (const node of graph.nodes) {
    if (!node.parentId || !big.has(node.parentId)) continue;
    const list = members.get(node.parentId);
    if (list) list.push(node);
    else members.set(node.parentId, [node]);
  }
  return members;
}

function packGrid(nodes: GraphNode[], parent: string): GridFrame {
  const cellW = Math.max(...nodes.map((n) => NODE_SIZE[n.kind].width)) + GRID_GAP;
  const cellH = Math.max(...nodes.map((n) => NODE_SIZE[n.kind].height)) + GRID_GAP;
  const cols = Math.max(1, Math.round(Math.sqrt((nodes.length * 1.8 * cellH) / cellW)));
  const rows = Math.ceil(nodes.length / cols);
  const placed = new Map<string, Placed>();
  nodes.forEach((n, i) => {
    const x = GRID_PAD.side + (i % cols) * cellW;
    const y = GRID_PAD.top + Math.floor(i / cols) * cellH;
    placed.set(n.id, { x, y, ...NODE_SIZE[n.kind], parent });
  });
  return {
    width: 2 * GRID_PAD.side + cols * cellW - GRID_GAP,
    height: GRID_PAD.top + GRID_PAD.side + rows * cellH - GRID_GAP,
    nodes: placed,
  };
}

/** The ELK graph; frames in `grids` are already laid out and go to ELK as fixed-size boxes. */
export function toElkGraph(
  graph: TopologyGraph,
  grids: ReadonlyMap<string, Pick<GridFrame, 'width' | 'height'>> = new Map(),
): ElkNode {
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
    const grid = grids.get(frame.key);
    if (grid) {
      frames.set(frame.key, { id: frameId(frame.key), width: grid.width, height: grid.height });
      continue;
    }
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
  for (const node of graph.nodes) {
    if (node.parentId && grids.has(node.parentId)) continue;
    (node.parentId ? frames.get(node.parentId)! : root).children!.push(leaf(node.id, node.kind));
  }
  const parentOf = new Map(graph.nodes.map((n) => [n.id, n.parentId]));
  for (const edge of graph.edges) {
    const parent = parentOf.get(edge.source);
    // Edges inside one frame shape its layout; edges between frames and the top level are drawn only.
    if (parent && parent === parentOf.get(edge.target) && !grids.has(parent))
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
export function fromElk(result: ElkNode, grids: ReadonlyMap<string, GridFrame> = new Map()): GraphLayout {
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
        const componentKey = child.id.slice('frame:'.length);
        frames.push({ id: child.id, componentKey, ...placed });
        for (const [id, cell] of grids.get(componentKey)?.nodes ?? []) nodes.set(id, cell);
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
