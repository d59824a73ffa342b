/**
 * The graph model as an ELK graph, and ELK's answer as positions. Pure (tested without ELK):
 * 'full' graphs get one layered layout (external networks first, then routers, subnets,
 * instances, left to right); 'overview' graphs get a box packing of component nodes, with each expanded
 * component as a frame laid out by layered inside.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { GraphNodeKind, TopologyGraph } from '@shared/topology';

export const NODE_SIZE: Record<GraphNodeKind, { width: number; height: number }> = {
  router: { width: 200, height: 58 },
  network: { width: 210, height: 58 },
  subnet: { width: 190, height: 52 },
  instance: { width: 200, height: 58 },
  'instance-group': { width: 180, height: 52 },
  component: { width: 240, height: 64 },
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
  const frames = new Map<string, ElkNode>();
  const children: ElkNode[] = [];
  for (const node of graph.nodes) {
    if (!node.parentId) {
      children.push(leaf(node.id, node.kind));
      continue;
    }
    let frame = frames.get(node.parentId);
    if (!frame) {
      frame = { id: frameId(node.parentId), layoutOptions: { ...LAYERED, 'elk.padding': `[top=${FRAME_HEADER + 12},left=16,bottom=16,right=16]` }, children: [], edges: [] };
      frames.set(node.parentId, frame);
      children.push(frame);
    }
    frame.children!.push(leaf(node.id, node.kind));
  }
  const parentOf = new Map(graph.nodes.map((n) => [n.id, n.parentId]));
  for (const edge of graph.edges) {
    const parent = parentOf.get(edge.source);
    // Edges inside one frame shape its layout; edges between frames and the top level are drawn only.
    if (parent && parent === parentOf.get(edge.target)) frames.get(parent)!.edges!.push({ id: edge.id, sources: [edge.source], targets: [edge.target] });
  }
  return {
    id: 'root',
    layoutOptions: { 'elk.algorithm': 'box', 'elk.aspectRatio': '1.8', 'elk.spacing.nodeNode': '24', 'elk.padding': '[top=12,left=12,bottom=12,right=12]' },
    children,
  };
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
  frames: Array<{ id: string; componentKey: string } & Placed>;
  width: number;
  height: number;
}

/** Reads positions back from ELK's result. */
export function fromElk(result: ElkNode): GraphLayout {
  const nodes = new Map<string, Placed>();
  const frames: GraphLayout['frames'] = [];
  for (const child of result.children ?? []) {
    const placed = { x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 };
    if (child.id.startsWith('frame:')) {
      frames.push({ id: child.id, componentKey: child.id.slice('frame:'.length), ...placed });
      for (const inner of child.children ?? []) {
        nodes.set(inner.id, { x: inner.x ?? 0, y: inner.y ?? 0, width: inner.width ?? 0, height: inner.height ?? 0, parent: child.id });
      }
    } else nodes.set(child.id, placed);
  }
  return { nodes, frames, width: result.width ?? 0, height: result.height ?? 0 };
}
