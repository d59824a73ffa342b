/**
 * The laid-out graph as xyflow nodes and edges: frames first (drawn behind), then the topology
 * nodes with their selection, search and doctor marks, then the edges worth drawing.
 */
import { Position, type Edge, type Node, type NodeHandle } from '@xyflow/react';
import type { TopologyGraph } from '@shared/topology';
import { HANDLE_SIZE, usesGrid, type GraphLayout } from './elk-graph';
import { bundleGateways, type GatewayBundle } from './gateway-bundles';
import type { GatewayBundleData } from './GatewayBundleEdge';
import type { FrameNodeData, TopologyNodeData } from './GraphNodes';

/** Above this many edges, edges carry no IP labels (hover a node or open its details instead). */
const MAX_LABELLED_EDGES = 300;

const EDGE_STYLE: Record<string, { stroke: string; strokeDasharray?: string }> = {
  gateway: { stroke: 'var(--mantine-color-teal-6)', strokeDasharray: '6 4' },
  interface: { stroke: 'var(--mantine-color-violet-5)' },
  subnet: { stroke: 'var(--mantine-color-blue-4)' },
  port: { stroke: 'var(--mantine-color-gray-5)' },
};

/** Big components drawn layered with their links instead of a grid, and the switch between them. */
export interface LinkedFrames {
  keys: ReadonlySet<string>;
  onToggle: (key: string) => void;
}

export interface FlowMarks {
  selectedId: string | undefined;
  highlightedIds: ReadonlySet<string>;
  /** Node id -> blocked instances it shows (the doctor's "metadata blocked"). */
  blocked: ReadonlyMap<string, number>;
  onInstanceLookup?: (instanceId: string) => void;
}

export function toFlow(
  graph: TopologyGraph,
  layout: GraphLayout,
  marks: FlowMarks,
  onCollapse: (key: string) => void,
  linked: LinkedFrames,
): { nodes: Node[]; edges: Edge[] } {
  const nodes: Node[] = [...frameNodes(graph, layout, onCollapse, linked), ...topologyNodes(graph, layout, marks)];
  return { nodes, edges: flowEdges(graph, layout, linked) };
}

function frameNodes(
  graph: TopologyGraph,
  layout: GraphLayout,
  onCollapse: (key: string) => void,
  linked: LinkedFrames,
): Node<FrameNodeData>[] {
  const big = (f: TopologyGraph['frames'][number]) => f.kind === 'component' && usesGrid(f);
  const labels = new Map(
    graph.frames.map((f) => [
      f.key,
      !big(f)
        ? f.label
        : linked.keys.has(f.key)
          ? `${f.label}: ${f.size} nodes, layered with links`
          : `${f.label}: ${f.size} nodes, shown as a grid without links (the button beside collapse draws them)`,
    ]),
  );
  const bigKeys = new Set(graph.frames.filter(big).map((f) => f.key));
  return layout.frames.map((frame) => ({
    id: frame.id,
    type: 'frame',
    position: { x: frame.x, y: frame.y },
    ...(frame.parent ? { parentId: frame.parent, extent: 'parent' as const } : {}),
    data: {
      label: labels.get(frame.componentKey) ?? '',
      componentKey: frame.componentKey,
      onCollapse,
      ...(bigKeys.has(frame.componentKey)
        ? { links: { shown: linked.keys.has(frame.componentKey), onToggle: linked.onToggle } }
        : {}),
    },
    width: frame.width,
    height: frame.height,
    style: { width: frame.width, height: frame.height },
    selectable: false,
    zIndex: -1,
    // Where a bundle of gateways (gateway-bundles.ts) ends as far as xyflow knows: the top middle.
    handles: [
      {
        type: 'target' as const,
        position: Position.Top,
        x: frame.width / 2 - HANDLE_SIZE / 2,
        y: -HANDLE_SIZE / 2,
        width: HANDLE_SIZE,
        height: HANDLE_SIZE,
      },
    ],
  }));
}

function topologyNodes(graph: TopologyGraph, layout: GraphLayout, marks: FlowMarks): Node<TopologyNodeData>[] {
  const nodes: Node<TopologyNodeData>[] = [];
  for (const node of graph.nodes) {
    const placed = layout.nodes.get(node.id);
    if (!placed) continue;
    nodes.push({
      id: node.id,
      type: 'topology',
      position: { x: placed.x, y: placed.y },
      ...(placed.parent ? { parentId: placed.parent, extent: 'parent' as const } : {}),
      data: {
        node,
        selected: node.id === marks.selectedId,
        highlighted: marks.highlightedIds.has(node.id),
        blocked: marks.blocked.get(node.id) ?? 0,
        onInstanceLookup: marks.onInstanceLookup,
      },
      // Sizes come from the layout: xyflow need not measure 10,000 DOM nodes, and the minimap knows them.
      width: placed.width,
      height: placed.height,
      style: { width: placed.width, height: placed.height },
      handles: nodeHandles(placed.width, placed.height),
    });
  }
  return nodes;
}

/**
 * Where GraphNodes' two handles sit (the middle of the left and right sides, as xyflow's CSS puts
 * them). xyflow mounts every node it has no handle bounds for, even far off screen, to measure
 * it: with these it mounts only what is in view (98 of a 4,500-node grid instead of all of them).
 */
export function nodeHandles(width: number, height: number): NodeHandle[] {
  const half = HANDLE_SIZE / 2;
  const at = { y: height / 2 - half, width: HANDLE_SIZE, height: HANDLE_SIZE };
  return [
    { type: 'target', position: Position.Left, x: -half, ...at },
    { type: 'source', position: Position.Right, x: width - half, ...at },
  ];
}

function flowEdges(graph: TopologyGraph, layout: GraphLayout, linked: LinkedFrames): Edge[] {
  // Each SVG edge label is measured (getBBox): thousands of them cost seconds, so big graphs go without.
  const labelled = graph.edges.length <= MAX_LABELLED_EDGES;
  // Inside a component packed as a grid, edges would only be a tangle across it (and thousands of
  // SVG paths): the frame's title points to the trees instead.
  const grids = new Set(graph.frames.filter((f) => usesGrid(f) && !linked.keys.has(f.key)).map((f) => f.key));
  const parentOf = new Map(graph.nodes.map((n) => [n.id, n.parentId]));
  const drawn = grids.size
    ? graph.edges.filter(
        (e) => !(grids.has(parentOf.get(e.source) ?? '') && parentOf.get(e.source) === parentOf.get(e.target)),
      )
    : graph.edges;
  const { bundles, rest } = bundleGateways(graph, layout, drawn);
  const one = rest.map((e): Edge => ({
    id: e.id,
    source: e.source,
    target: e.target,
    // IPv6 addresses do not fit on an edge; the details drawer has them.
    label: labelled && e.label && !e.label.includes(':') ? e.label : undefined,
    style: EDGE_STYLE[e.kind],
    labelStyle: { fontSize: 11, fontFamily: 'var(--mantine-font-family-monospace)' },
    labelBgStyle: { fill: 'var(--mantine-color-body)' },
    focusable: false,
    // Edges take no clicks: no invisible 20 px hit path beside each line (half the SVG paths).
    interactionWidth: 0,
  }));
  return [...one, ...bundles.map((b) => bundleEdge(graph, b))];
}

function bundleEdge(graph: TopologyGraph, bundle: GatewayBundle): Edge<GatewayBundleData> {
  const network = graph.nodes.find((n) => n.id === bundle.source)?.label ?? bundle.source;
  const count = `${bundle.routers.length} gateways`;
  return {
    id: bundle.id,
    type: 'gatewayBundle',
    source: bundle.source,
    target: bundle.frame,
    data: { entry: bundle.entry, busPath: bundle.busPath },
    label: count,
    ariaLabel: `${count} from ${network} to the routers of this component`,
    style: { ...EDGE_STYLE.gateway, strokeDasharray: undefined, strokeWidth: 1.5 },
    labelStyle: { fontSize: 11, fontFamily: 'var(--mantine-font-family-monospace)' },
    labelBgStyle: { fill: 'var(--mantine-color-body)' },
    focusable: false,
    interactionWidth: 0,
  };
}
