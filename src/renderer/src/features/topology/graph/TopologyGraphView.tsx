/**
 * The graph view: routers, networks, subnets and instances drawn with @xyflow/react, laid out by
 * ELK in a web worker. Big groups start collapsed (click a group or component to expand it).
 * Search hits are highlighted and the view centres on the one asked for; instances the doctor
 * found blocked are outlined in red. Text is never drawn too small to read: the first view and the
 * fit button keep names readable, and the detail drawn follows the zoom (readable-view.ts); the
 * minimap and the zoom buttons sit in a rail beside the canvas, never over it (GraphChrome.tsx).
 */
import { useEffect, useMemo, useRef, useState, useEffectEvent } from 'react';
import { Badge, Group, Text, useComputedColorScheme } from '@mantine/core';
import { Background, ReactFlow, ReactFlowProvider, useReactFlow, useStore } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { buildGraph, graphNodeFor, type EntityRef, type TopologyGraph, type TopologyModel } from '@shared/topology';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LoadingState } from '../../../components/LoadingState';
import { blockedGraphNodes } from './blocked-nodes';
import { absolutePosition, MAX_LAYERED_FRAME, type GraphLayout } from './elk-graph';
import { edgeTypes } from './GatewayBundleEdge';
import { GraphRail, LevelOfDetail, useReadableFit } from './GraphChrome';
import { nodeTypes, type TopologyNodeData } from './GraphNodes';
import { READABLE_FIT, type Rect } from './readable-view';
import { layoutGraph } from './run-layout';
import { toFlow, type LinkedFrames } from './to-flow';
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
  /** Instances the doctor found blocked (outlined, and counted on the groups hiding them). */
  blockedInstances?: ReadonlySet<string>;
  height: string;
  /** Told when a layout is on screen (benchmarks and tests wait for it). */
  onLaidOut?: (info: { nodes: number; edges: number; mode: TopologyGraph['mode']; layoutMs: number }) => void;
}

/**
 * Above this many nodes there is no minimap: it draws every node (it ignores
 * onlyRenderVisibleElements), which cost more than the rest of an expanded 4,500-node grid.
 */
const MAX_MINIMAP_NODES = 1500;

interface Laid {
  graph: TopologyGraph;
  layout: GraphLayout;
  linked: ReadonlySet<string>;
}

// ---- the canvas -------------------------------------------------------------------------------

/**
 * The first view (everything, names readable; or the searched entity), then the viewport follows
 * the searched entity and what an expand or collapse changed.
 */
function useViewportFollow(
  graph: TopologyGraph,
  layout: GraphLayout,
  props: TopologyGraphViewProps,
  toggled: string | null,
) {
  const flow = useReactFlow();
  const fit = useReadableFit(layout);
  const { model, focus } = props;
  const centreOnFocus = useEffectEvent((): boolean => {
    if (!focus) return false;
    const id = graphNodeFor(graph, model, focus.ref);
    const placed = id ? layout.nodes.get(id) : undefined;
    if (!placed) return false;
    const at = absolutePosition(layout, placed);
    void flow.setCenter(at.x + placed.width / 2, at.y + placed.height / 2, { zoom: 1.1, duration: 300 });
    return true;
  });
  // The pane's size is known (and the viewport can move) once xyflow has measured it.
  const ready = useStore((s) => s.width > 0 && s.height > 0 && !!s.panZoom);
  const firstView = useEffectEvent(() => centreOnFocus() || fit());
  useEffect(() => {
    if (ready) firstView();
  }, [ready]);
  useEffect(() => void centreOnFocus(), [focus?.nonce, layout]);

  // After an expand, show what opened (its frame); after a collapse, the node it became.
  const showToggled = useEffectEvent(() => {
    if (!toggled) return;
    const frame = layout.frames.find((f) => f.id === `frame:${toggled}`);
    const placed = frame ?? layout.nodes.get(toggled);
    if (!placed) return;
    const at = absolutePosition(layout, placed);
    const bounds: Rect = { ...at, width: placed.width, height: placed.height };
    const big = frame && (graph.frames.find((f) => f.key === toggled)?.size ?? 0) > MAX_LAYERED_FRAME;
    // Thousands of nodes: their top-left corner at 0.8 (fewer to mount than at the lowest readable
    // zoom), and no animation: every frame of it would mount and unmount a different set of them.
    if (big) fit(bounds, { minZoom: 0.8, maxZoom: 0.8, padding: 40 });
    else fit(bounds, { ...READABLE_FIT, maxZoom: 1 }, 300);
  });
  useEffect(() => showToggled(), [layout]);
}

/** The xyflow nodes and edges with the selection, search hits and doctor marks applied. */
function useFlowElements(
  graph: TopologyGraph,
  layout: GraphLayout,
  props: TopologyGraphViewProps,
  onToggleGroup: (key: string) => void,
  linked: LinkedFrames,
) {
  const { model, selected, highlighted, onInstanceLookup, blockedInstances } = props;
  const selectedId = selected ? graphNodeFor(graph, model, selected) : undefined;
  const highlightedIds = useMemo(
    () => new Set(highlighted.map((ref) => graphNodeFor(graph, model, ref)).filter((id): id is string => !!id)),
    [graph, model, highlighted],
  );
  const blocked = useMemo(() => blockedGraphNodes(graph, model, blockedInstances), [graph, model, blockedInstances]);
  return useMemo(
    () => toFlow(graph, layout, { selectedId, highlightedIds, blocked, onInstanceLookup }, onToggleGroup, linked),
    [graph, layout, selectedId, highlightedIds, blocked, onInstanceLookup, onToggleGroup, linked],
  );
}

function FlowCanvas({
  laid,
  props,
  onToggleGroup,
  toggled,
  linked,
}: {
  laid: Laid;
  props: TopologyGraphViewProps;
  onToggleGroup: (key: string) => void;
  toggled: string | null;
  linked: LinkedFrames;
}) {
  const { graph, layout } = laid;
  const scheme = useComputedColorScheme('light');
  const { nodes, edges } = useFlowElements(graph, layout, props, onToggleGroup, linked);
  useViewportFollow(graph, layout, props, toggled);
  const fit = useReadableFit(layout);
  const canvas = useRef<HTMLDivElement>(null);
  return (
    <div className={classes.graphRow}>
      <div ref={canvas} className={classes.graphPane}>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          colorMode={scheme}
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
            else if (data.ref) props.onSelect(data.ref);
          }}
          aria-label="Topology graph"
        >
          <Background gap={24} />
          <LevelOfDetail target={canvas} />
        </ReactFlow>
      </div>
      <GraphRail minimap={nodes.length > 24 && nodes.length <= MAX_MINIMAP_NODES} onFit={() => fit()} scheme={scheme} />
    </div>
  );
}

// ---- state of the graph tab -------------------------------------------------------------------

/** A set of keys that toggles one key at a time, emptied when the model changes. */
function useToggleSet(model: TopologyModel, onToggle: (key: string) => void) {
  const [keys, setKeys] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => setKeys(new Set()), [model]);
  const toggle = useMemo(
    () => (key: string) => {
      onToggle(key);
      setKeys((old) => {
        const next = new Set(old);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return next;
      });
    },
    [onToggle],
  );
  return [keys, toggle, setKeys] as const;
}

/** Runs ELK on every new graph (or layered/grid switch); reports when the layout is on screen. */
function useLaidOut(
  graph: TopologyGraph,
  linkedKeys: ReadonlySet<string>,
  onLaidOut: TopologyGraphViewProps['onLaidOut'],
) {
  const [laid, setLaid] = useState<Laid | null>(null);
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
        const info = { nodes: graph.nodes.length, edges: graph.edges.length, mode: graph.mode };
        requestAnimationFrame(() => reportLaidOut({ ...info, layoutMs: performance.now() - t0 }));
      })
      .catch((err: unknown) => !cancelled && setError(err));
    return () => {
      cancelled = true;
    };
  }, [graph, linkedKeys]);
  return { laid, error };
}

/** Jumping to a search hit opens the projects, components and groups it is hidden in. */
function useOpenFocusGroups(
  model: TopologyModel,
  focus: TopologyGraphViewProps['focus'],
  setExpanded: (update: (old: ReadonlySet<string>) => ReadonlySet<string>) => void,
) {
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
}

function OverviewBanner({ graph }: { graph: TopologyGraph }) {
  const projects = graph.groupKeys.filter((k) => k.startsWith('project:')).length;
  return (
    // A line of its own above the canvas: laid over it, it hid the title of a frame at the top.
    <Group gap="xs" px="sm" py={6} wrap="nowrap" className={classes.graphBanner} data-testid="graph-banner">
      <Badge variant="light" color="indigo" tt="none">
        Overview: {graph.components.length} component{graph.components.length === 1 ? '' : 's'}
        {projects ? ` in ${projects} project${projects === 1 ? '' : 's'}` : ''}
      </Badge>
      <Text size="xs" c="dimmed" truncate>
        Click a project or component to expand it; the frame's button collapses it again.
      </Text>
    </Group>
  );
}

/** The graph tab. */
export function TopologyGraphView(props: TopologyGraphViewProps) {
  const { model, height, onLaidOut, focus } = props;
  const [toggled, setToggled] = useState<string | null>(null);
  const [expanded, toggle, setExpanded] = useToggleSet(model, setToggled);
  // Big components drawn as a layered layout with their links instead of a grid.
  const [linkedKeys, toggleLinks] = useToggleSet(model, setToggled);
  const graph = useMemo(() => buildGraph(model, { expandedGroups: expanded }), [model, expanded]);
  const { laid, error } = useLaidOut(graph, linkedKeys, onLaidOut);
  useOpenFocusGroups(model, focus, setExpanded);
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
      {graph.mode === 'overview' && <OverviewBanner graph={graph} />}
      <div className={classes.graphCanvas}>
        {laid ? (
          <ReactFlowProvider>
            <FlowCanvas laid={laid} props={props} onToggleGroup={toggle} toggled={toggled} linked={linked} />
          </ReactFlowProvider>
        ) : (
          <LoadingState label={`Laying out ${graph.nodes.length} nodes…`} minHeight={240} />
        )}
      </div>
    </div>
  );
}
