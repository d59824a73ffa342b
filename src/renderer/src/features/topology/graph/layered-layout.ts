/**
 * A layered layout with links for components too big for ELK's layered algorithm (which grows
 * much faster than linearly: about 36 s for 2,600 nodes here). Linear-time steps instead:
 * longest-path layers along the edges (external network, routers, networks, subnets, instances,
 * left to right, as ELK does), one barycentre pass to put a node next to what links to it, and
 * long layers wrapped into several columns so a layer of 4,000 instances stays on a screen's width.
 * Pure; runs in the layout worker.
 */
import type { GraphEdge, GraphNode } from '@shared/topology';
import { FRAME_HEADER, NODE_SIZE, type GridFrame, type Placed } from './elk-graph';

/** Nodes per column before a layer wraps into another column. */
export const ROWS_PER_COLUMN = 40;
const ROW_GAP = 18;
const COLUMN_GAP = 40;
const LAYER_GAP = 120;
const PAD = { top: FRAME_HEADER + 12, side: 16 };

/** Longest-path layer of every node (0 for nodes nothing inside the frame links to). */
function layers(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): Map<string, number> {
  const layer = new Map(nodes.map((n) => [n.id, 0]));
  const out = new Map<string, string[]>();
  const indegree = new Map(nodes.map((n) => [n.id, 0]));
  for (const e of edges) {
    if (!layer.has(e.source) || !layer.has(e.target) || e.source === e.target) continue;
    const targets = out.get(e.source);
    if (targets) targets.push(e.target);
    else out.set(e.source, [e.target]);
    indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
  }
  // Kahn's order; nodes left in a cycle keep the layer they reached.
  const queue = nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    for (const next of out.get(id) ?? []) {
      layer.set(next, Math.max(layer.get(next)!, layer.get(id)! + 1));
      indegree.set(next, indegree.get(next)! - 1);
      if (indegree.get(next) === 0) queue.push(next);
    }
  }
  return layer;
}

/** Positions of the frame's nodes (relative to the frame) and the frame's size. */
export function layeredFrame(nodes: readonly GraphNode[], edges: readonly GraphEdge[], parent: string): GridFrame {
  const layerOf = layers(nodes, edges);
  const byLayer: GraphNode[][] = [];
  for (const n of nodes) (byLayer[layerOf.get(n.id)!] ??= []).push(n);
  const preds = new Map<string, string[]>();
  for (const e of edges) {
    if (!layerOf.has(e.source) || !layerOf.has(e.target)) continue;
    const list = preds.get(e.target);
    if (list) list.push(e.source);
    else preds.set(e.target, [e.source]);
  }

  const rank = new Map<string, number>();
  const placed = new Map<string, Placed>();
  let x = PAD.side;
  let height = 0;
  for (const layer of byLayer.filter(Boolean)) {
    // Barycentre of what links in, from the layers already placed; nodes without keep their order.
    const key = (n: GraphNode, i: number) => {
      const ranks = (preds.get(n.id) ?? []).map((p) => rank.get(p)).filter((r): r is number => r !== undefined);
      return ranks.length ? ranks.reduce((a, b) => a + b, 0) / ranks.length : i;
    };
    const ordered = layer
      .map((n, i) => ({ n, k: key(n, i) }))
      .sort((a, b) => a.k - b.k)
      .map((o) => o.n);
    const width = Math.max(...ordered.map((n) => NODE_SIZE[n.kind].width));
    const rowH = Math.max(...ordered.map((n) => NODE_SIZE[n.kind].height)) + ROW_GAP;
    ordered.forEach((n, i) => {
      // Ranks scale to a common 0..ROWS_PER_COLUMN range so a wrapped layer still lines up with the next.
      rank.set(n.id, (i / ordered.length) * ROWS_PER_COLUMN);
      const col = Math.floor(i / ROWS_PER_COLUMN);
      const y = PAD.top + (i % ROWS_PER_COLUMN) * rowH;
      placed.set(n.id, { x: x + col * (width + COLUMN_GAP), y, ...NODE_SIZE[n.kind], parent });
      height = Math.max(height, y + rowH);
    });
    const columns = Math.ceil(ordered.length / ROWS_PER_COLUMN);
    x += columns * (width + COLUMN_GAP) - COLUMN_GAP + LAYER_GAP;
  }
  return { width: x - LAYER_GAP + PAD.side, height: height - ROW_GAP + PAD.side, nodes: placed };
}
