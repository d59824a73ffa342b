/**
 * Gateways into a big expanded component, drawn as one bundle per external network and frame
 * instead of one dashed line per router: a trunk from the external network into the frame, down its
 * left margin to a line in the gap above the top-most router, a bus down the gap left of each
 * column holding routers, and a short tick into each router. Every gateway stays a line an admin can
 * follow (network -> trunk -> bus -> tick -> router); hundreds of long dashed lines across the view
 * (seconds of Chromium's raster) become one solid path. Pure.
 */
import type { GraphEdge, TopologyGraph } from '@shared/topology';
import { absolutePosition, FRAME_HEADER, frameId, type GraphLayout, type Placed } from './elk-graph';

/** More gateways than this from one external network into one frame are drawn as a bundle. */
export const MAX_SEPARATE_GATEWAYS = 12;
/** How far left of a router's side its bus runs (inside the gap between columns), in px. */
const BUS_INSET = 10;
/** Apart from each other when several external networks bundle into one frame, in px. */
const BUNDLE_SPACING = 4;

export interface Point {
  x: number;
  y: number;
}

export interface GatewayBundle {
  id: string;
  /** The external network's node id and the frame the gateways go into. */
  source: string;
  frame: string;
  /** Router node ids, in the order of the gateways. */
  routers: string[];
  /** Where the trunk from the external network enters the frame, under its title (absolute). */
  entry: Point;
  /** The distribution line, the buses and the ticks (absolute; SVG path data). */
  busPath: string;
}

/**
 * The part of a bundle inside the frame: down the frame's left margin from `entry` (just under the
 * title) to a distribution line in the gap above the top-most router, then a bus down the gap left
 * of each column holding routers, with a tick into each router. `taps` are the routers' left
 * handles, `top` the top of the highest router (absolute); `inset` is how far left of a column its
 * bus runs (the frame's left padding is 16 px, the gaps between columns 24 px and more).
 */
export function busGeometry(frame: Point, taps: readonly Point[], top: number, inset: number) {
  const columns = new Map<number, Point[]>();
  for (const t of taps) {
    const list = columns.get(Math.round(t.x));
    if (list) list.push(t);
    else columns.set(Math.round(t.x), [t]);
  }
  const xs = [...columns.keys()].sort((a, b) => a - b);
  const entry = { x: frame.x + 16 - inset, y: frame.y + FRAME_HEADER };
  const lineY = top - inset / 2;
  const parts = [`M${entry.x},${entry.y}V${lineY}H${xs[xs.length - 1] - inset}`];
  for (const x of xs) {
    const column = columns.get(x)!;
    const busX = x - inset;
    parts.push(`M${busX},${lineY}V${Math.max(...column.map((t) => t.y))}`);
    for (const t of column) parts.push(`M${busX},${t.y}H${t.x}`);
  }
  return { entry, busPath: parts.join('') };
}

/** The trunk from the external network's right side into the frame, arriving from above. */
export function trunkPath(from: Point, to: Point): string {
  const bend = Math.max(40, Math.abs(to.x - from.x) / 2);
  return `M${from.x},${from.y}C${from.x + bend},${from.y} ${to.x},${to.y - Math.min(bend, 80)} ${to.x},${to.y}`;
}

/** Gateway edges from a top-level external network into a frame, grouped by network and frame. */
function gatewayGroups(graph: TopologyGraph, edges: readonly GraphEdge[]): Map<string, GraphEdge[]> {
  const parentOf = new Map(graph.nodes.map((n) => [n.id, n.parentId]));
  const groups = new Map<string, GraphEdge[]>();
  for (const e of edges) {
    const frame = parentOf.get(e.target);
    if (e.kind !== 'gateway' || !frame || parentOf.get(e.source)) continue;
    const key = `${e.source}\n${frame}`;
    const list = groups.get(key);
    if (list) list.push(e);
    else groups.set(key, [e]);
  }
  return groups;
}

/** Splits the edges to draw into bundles and the edges still drawn one by one. */
export function bundleGateways(
  graph: TopologyGraph,
  layout: GraphLayout,
  edges: readonly GraphEdge[],
): { bundles: GatewayBundle[]; rest: GraphEdge[] } {
  const bundled = new Set<GraphEdge>();
  const bundles: GatewayBundle[] = [];
  const perFrame = new Map<string, number>();
  for (const [key, group] of gatewayGroups(graph, edges)) {
    const [source, frameKey] = key.split('\n');
    const frame = layout.frames.find((f) => f.id === frameId(frameKey));
    const from = layout.nodes.get(source);
    if (group.length <= MAX_SEPARATE_GATEWAYS || !frame || !from) continue;
    const placed = group.map((e) => layout.nodes.get(e.target)).filter((p): p is Placed => !!p);
    if (placed.length !== group.length) continue;
    const index = perFrame.get(frameKey) ?? 0;
    perFrame.set(frameKey, index + 1);
    const corners = placed.map((p) => ({ at: absolutePosition(layout, p), height: p.height }));
    const taps = corners.map(({ at, height }) => ({ x: at.x, y: at.y + height / 2 }));
    const top = Math.min(...corners.map(({ at }) => at.y));
    const inset = BUS_INSET + index * BUNDLE_SPACING;
    const { entry, busPath } = busGeometry(absolutePosition(layout, frame), taps, top, inset);
    bundles.push({
      id: `gateways:${source}:${frameKey}`,
      source,
      frame: frameId(frameKey),
      routers: group.map((e) => e.target),
      entry,
      busPath,
    });
    for (const e of group) bundled.add(e);
  }
  return { bundles, rest: bundled.size ? edges.filter((e) => !bundled.has(e)) : [...edges] };
}
