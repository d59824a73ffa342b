/**
 * The graph view: routers, networks, subnets and instances drawn with @xyflow/react, laid out by
 * ELK in a web worker. Big groups start collapsed (click a group or component to expand it).
 * Search hits are highlighted and the view centres on the one asked for.
 */
import { useEffect, useMemo, useState, useEffectEvent } from 'react';
import { Badge, Group, Text, useComputedColorScheme } from '@mantine/core';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Edge,
  type Node,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { buildGraph, graphNodeFor, type EntityRef, type TopologyGraph, type TopologyModel } from '@shared/topology';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LoadingState } from '../../../components/LoadingState';
import { absolutePosition, MAX_LAYERED_FRAME, usesGrid, type GraphLayout } from './elk-graph';
import { nodeTypes, type FrameNodeData, type TopologyNodeData } from './GraphNodes';
import { layoutGraph } from './run-layout';
import { kindColor } from '../node-style';
import classes from '../topology.module.css';

export interface TopologyGraphViewProps {
  model: TopologyModel;
  selected: EntityRef | null;
  /** Search hits to highlight. */
  highlighted: readonly EntityRef[];
  /** Centre on this entity when the nonce changes. */
  focus: { ref: EntityRef; nonce: number } | null;
  onSelect: (ref: EntityRef) => void;
  onInstanceLookup?: (instanceId: string) => void;
  height: string;
  /** Told when a layout is on screen (benchmarks and tests wait for it). */
  onLaidOut?: (info: { nodes: number; edges: number; mode: TopologyGraph['mode']; layoutMs: number }) => void;
}

/**
 * Above this many nodes there is no minimap: it draws every node (it ignores
 * onlyRenderVisibleElements), which cost more than the rest of an expanded 4,500-node grid.
 */
const MAX_MINIMAP_NODES = 1500;

/** Above this many edges, edges carry no IP labels (hover a node or open its details instead). */
const MAX_LABELLED_EDGES = 300;

const EDGE_STYLE: Record<string, { stroke: string; strokeDasharray?: string }> = {
  gateway: { stroke: 'var(--mantine-color-teal-6)', strokeDasharray: '6 4' },
  interface: { stroke: 'var(--mantine-color-violet-5)' },
  subnet: { stroke: 'var(--mantine-color-blue-4)' },
  port: { stroke: 'var(--mantine-color-gray-5)' },
};

function toFlow(
  graph: TopologyGraph,
  layout: GraphLayout,
  selectedId: string | undefined,
  highlightedIds: ReadonlySet<string>,
  onInstanceLookup: TopologyGraphViewProps['onInstanceLookup'],
  onCollapse: (key: string) => void,
  linked: { keys: ReadonlySet<string>; onToggle: (key: string) => void },
) {
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
  const nodes: Node[] = layout.frames.map((frame): Node<FrameNodeData> => ({
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
  }));
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
        selected: node.id === selectedId,
        highlighted: highlightedIds.has(node.id),
        onInstanceLookup,
      } satisfies TopologyNodeData,
      // Sizes come from the layout: xyflow need not measure 10,000 DOM nodes, and the minimap knows them.
      width: placed.width,
      height: placed.height,
      style: { width: placed.width, height: placed.height },
    });
  }
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
  const edges: Edge[] = drawn.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    // IPv6 addresses do not fit on an edge; the details drawer has them.
    label: labelled && e.label && !e.label.includes(':') ? e.label : undefined,
    style: EDGE_STYLE[e.kind],
    labelStyle: { fontSize: 10, fontFamily: 'var(--mantine-font-family-monospace)' },
    labelBgStyle: { fill: 'var(--mantine-color-body)' },
    focusable: false,
  }));
  return { nodes, edges };
}

function FlowCanvas({
  graph,
  layout,
  props,
  onToggleGroup,
  toggled,
  linked,
}: {
  graph: TopologyGraph;
  layout: GraphLayout;
  props: TopologyGraphViewProps;
  onToggleGroup: (key: string) => void;
  toggled: string | null;
  linked: { keys: ReadonlySet<string>; onToggle: (key: string) => void };
}) {
  const scheme = useComputedColorScheme('light');
  const flow = useReactFlow();
  const { model, selected, highlighted, focus, onSelect, onInstanceLookup } = props;
  const selectedId = selected ? graphNodeFor(graph, model, selected) : undefined;
  const highlightedIds = useMemo(
    () => new Set(highlighted.map((ref) => graphNodeFor(graph, model, ref)).filter((id): id is string => !!id)),
    [graph, model, highlighted],
  );
  const { nodes, edges } = useMemo(
    () => toFlow(graph, layout, selectedId, highlightedIds, onInstanceLookup, onToggleGroup, linked),
    [graph, layout, selectedId, highlightedIds, onInstanceLookup, onToggleGroup, linked],
  );

  const centreOnFocus = useEffectEvent(() => {
    if (!focus) return;
    const id = graphNodeFor(graph, model, focus.ref);
    const placed = id ? layout.nodes.get(id) : undefined;
    if (!placed) return;
    const at = absolutePosition(layout, placed);
    void flow.setCenter(at.x + placed.width / 2, at.y + placed.height / 2, { zoom: 1.1, duration: 300 });
  });
  useEffect(() => centreOnFocus(), [focus?.nonce, layout]);

  // After an expand, show what opened (its frame); after a collapse, the node it became.
  const showToggled = useEffectEvent(() => {
    if (!toggled) return;
    const frame = layout.frames.find((f) => f.id === `frame:${toggled}`);
    const big = frame && (graph.frames.find((f) => f.key === toggled)?.size ?? 0) > MAX_LAYERED_FRAME;
    if (frame && big) {
      // Fitting thousands of nodes would draw them all at once: start at its top-left corner instead.
      const at = absolutePosition(layout, frame);
      // No animation: every frame of it would mount and unmount a different set of the thousands.
      void flow.setViewport({ x: -at.x * 0.8 + 40, y: -at.y * 0.8 + 40, zoom: 0.8 });
    } else {
      const id = frame ? frame.id : layout.nodes.has(toggled) ? toggled : null;
      if (id) void flow.fitView({ nodes: [{ id }], duration: 300, maxZoom: 1, padding: 0.1 });
    }
  });
  useEffect(() => showToggled(), [layout]);

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      colorMode={scheme}
      fitView
      fitViewOptions={{ padding: 0.06, maxZoom: 1.1, minZoom: graph.mode === 'full' ? 0.55 : 0.02 }}
      minZoom={0.02}
      maxZoom={2}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      onlyRenderVisibleElements={nodes.length > 200}
      proOptions={{ hideAttribution: true }}
      onNodeClick={(_event, node) => {
        if (node.type !== 'topology') return;
        const data = (node.data as TopologyNodeData).node;
        if (data.groupKey) onToggleGroup(data.groupKey);
        else if (data.ref) onSelect(data.ref);
      }}
      aria-label="Topology graph"
    >
      <Background gap={24} />
      <Controls showInteractive={false} />
      {nodes.length > 24 && nodes.length <= MAX_MINIMAP_NODES && (
        <MiniMap
          pannable
          zoomable
          ariaLabel="Graph overview map"
          position="top-right"
          style={{ width: 170, height: 110 }}
          nodeColor={(n) =>
            n.type === 'frame'
              ? 'transparent'
              : `var(--mantine-color-${kindColor[(n.data as TopologyNodeData).node.kind]}-5)`
          }
          nodeStrokeWidth={0}
        />
      )}
    </ReactFlow>
  );
}

/** The graph tab. */
export function TopologyGraphView(props: TopologyGraphViewProps) {
  const { model, height, onLaidOut, focus } = props;
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => setExpanded(new Set()), [model]);
  const graph = useMemo(() => buildGraph(model, { expandedGroups: expanded }), [model, expanded]);
  // Big components drawn as a layered layout with their links instead of a grid.
  const [linkedKeys, setLinkedKeys] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => setLinkedKeys(new Set()), [model]);
  const [laid, setLaid] = useState<{
    graph: TopologyGraph;
    layout: GraphLayout;
    linked: ReadonlySet<string>;
  } | null>(null);
  const [toggled, setToggled] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reportLaidOut = useEffectEvent((info: Parameters<NonNullable<typeof onLaidOut>>[0]) => onLaidOut?.(info));
  useEffect(() => {
    let cancelled = false;
    const t0 = performance.now();
    setError(null);
    layoutGraph(graph, { layered: linkedKeys })
      .then((layout) => {
        if (cancelled) return;
        setLaid({ graph, layout, linked: linkedKeys });
        requestAnimationFrame(() =>
          reportLaidOut({
            nodes: graph.nodes.length,
            edges: graph.edges.length,
            mode: graph.mode,
            layoutMs: performance.now() - t0,
          }),
        );
      })
      .catch((err: unknown) => !cancelled && setError(err));
    return () => {
      cancelled = true;
    };
  }, [graph, linkedKeys]);

  // Jumping to a search hit opens the projects, components and groups it is hidden in.
  const openFocusGroups = useEffectEvent(() => {
    if (!focus) return;
    setExpanded((old) => {
      const keys = new Set(old);
      for (let depth = 0; depth < 4; depth++) {
        const g = buildGraph(model, { expandedGroups: keys });
        const shown = g.nodes.find((n) => n.id === graphNodeFor(g, model, focus.ref));
        if (!shown?.groupKey || keys.has(shown.groupKey)) break;
        keys.add(shown.groupKey);
      }
      return keys.size === old.size ? old : keys;
    });
  });
  useEffect(() => openFocusGroups(), [focus?.nonce]);

  const toggle = useMemo(
    () => (key: string) => {
      setToggled(key);
      setExpanded((old) => {
        const next = new Set(old);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return next;
      });
    },
    [],
  );

  const toggleLinks = useMemo(
    () => (key: string) => {
      setToggled(key);
      setLinkedKeys((old) => {
        const next = new Set(old);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return next;
      });
    },
    [],
  );
  const linked = useMemo(
    () => ({ keys: laid?.linked ?? new Set<string>(), onToggle: toggleLinks }),
    [laid?.linked, toggleLinks],
  );

  if (error) return <ErrorAlert error={error} title="The graph could not be laid out" />;
  if (graph.nodes.length === 0) {
    return (
      <Text size="sm" c="dimmed" p="md" role="status">
        Nothing to draw: this view has no routers, networks or instances.
      </Text>
    );
  }
  return (
    <div
      className={classes.graphArea}
      style={{ height }}
      data-testid="topology-graph"
      data-mode={graph.mode}
      data-laid-out={laid?.graph === graph || undefined}
    >
      {graph.mode === 'overview' && (
        <Group gap="xs" px="sm" py={6} style={{ position: 'absolute', zIndex: 5, top: 0, left: 0 }}>
          <Badge variant="light" color="indigo" tt="none">
            Overview: {graph.components.length} components
            {graph.groupKeys.some((k) => k.startsWith('project:'))
              ? ` in ${graph.groupKeys.filter((k) => k.startsWith('project:')).length} projects`
              : ''}
          </Badge>
          <Text size="xs" c="dimmed">
            Click a project or component to expand it; the frame's button collapses it again.
          </Text>
        </Group>
      )}
      {laid ? (
        <ReactFlowProvider>
          <FlowCanvas
            graph={laid.graph}
            layout={laid.layout}
            props={props}
            onToggleGroup={toggle}
            toggled={toggled}
            linked={linked}
          />
        </ReactFlowProvider>
      ) : (
        <LoadingState label={`Laying out ${graph.nodes.length} nodes…`} minHeight={240} />
      )}
    </div>
  );
}
