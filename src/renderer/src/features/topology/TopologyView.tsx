/**
 * One snapshot on screen: counts, warnings (Nova unavailable, offline file), the router tree, the
 * network tree and the graph in tabs, the search box, and the details drawer.
 */
import { useCallback, useEffect, useEffectEvent, useMemo, useState, type Dispatch, type SetStateAction } from 'react';
import { Alert, Button, Group, SegmentedControl, Text } from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowsMinimize,
  IconBinaryTree2,
  IconNetwork,
  IconTopologyStar3,
} from '@tabler/icons-react';
import type { TopologySnapshot } from '@shared/models/topology';
import {
  buildNetworkTree,
  buildRouterTree,
  buildSearchIndex,
  buildTopologyModel,
  entitiesOfKind,
  refKey,
  type EntityRef,
  type SearchHit,
  type SearchIndex,
  type SearchResult,
  type TopologyModel,
  type TreeNode,
} from '@shared/topology';
import { DetailsPanel } from './DetailsPanel';
import { NO_FILTERS, filterResult, filtersActive, type HitFilters } from './match-filter';
import { SearchBox } from './SearchBox';
import { SearchFilters } from './SearchFilters';
import { TopologyTree } from './TopologyTree';
import { TopologyGraphView } from './graph/TopologyGraphView';
import { warmUpLayout } from './graph/run-layout';
import { locate, MAX_REVEAL, useTreeNavigation, type TreeNavigation, type TreeTab } from './use-tree-navigation';

export type ViewTab = TreeTab | 'graph';

export interface TopologyViewProps {
  snapshot: TopologySnapshot;
  onInstanceLookup?: (instanceId: string) => void;
  /** Instances the doctor found blocked (marked in the trees and the graph). */
  blockedInstances?: ReadonlySet<string>;
  /** A router or network row's "Resolve here" (the metadata page's resolve panel). */
  onResolveHere?: (ref: EntityRef) => void;
  /** Open this resource once (the command palette's jump); `onFocusDone` says it was done. */
  focusRequest?: { ref: EntityRef; nonce: number } | null;
  onFocusDone?: (nonce: number) => void;
}

type GraphFocus = { ref: EntityRef; nonce: number } | null;

const PANEL_HEIGHT = 'max(380px, calc(100dvh - 300px))';

function exists(model: TopologyModel, ref: EntityRef): boolean {
  return entitiesOfKind(model, ref.kind).has(ref.id);
}

function summary(s: TopologySnapshot): string {
  const n = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString()} ${count === 1 ? one : many}`;
  return [
    n(s.routers.length, 'router'),
    n(s.networks.length, 'network'),
    n(s.subnets.length, 'subnet'),
    n(s.ports.length, 'port'),
    n(s.servers.length, 'instance'),
    n(s.floatingIps.length, 'floating IP'),
  ].join(' \u00b7 ');
}

function tabLabel(Icon: typeof IconNetwork, text: string) {
  return (
    <Group gap={6} wrap="nowrap">
      <Icon size={16} />
      {text}
    </Group>
  );
}

const TAB_DATA = [
  { value: 'routers', label: tabLabel(IconBinaryTree2, 'Router tree') },
  { value: 'networks', label: tabLabel(IconNetwork, 'Network tree') },
  { value: 'graph', label: tabLabel(IconTopologyStar3, 'Graph') },
];

function ComputeAlert({ snapshot }: { snapshot: TopologySnapshot }) {
  if (snapshot.compute.available) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title="Instances are not shown"
      aria-label="Compute unavailable"
    >
      {snapshot.compute.reason} The network side (routers, networks, subnets, ports, floating IPs) is complete; ports of
      instances say “Nova unavailable”.
    </Alert>
  );
}

/** Search, filters and what they highlight; a narrow search (an IP, a MAC) opens every match in the current tree. */
function useSearchState(
  model: TopologyModel,
  tab: ViewTab,
  nav: TreeNavigation,
  setGraphFocus: Dispatch<SetStateAction<GraphFocus>>,
) {
  const [result, setResult] = useState<SearchResult | null>(null);
  const [filters, setFilters] = useState<HitFilters>(NO_FILTERS);
  const [onlyMatches, setOnlyMatches] = useState(false);
  // The search index is built on the first search, once per snapshot.
  const index = useMemo(() => {
    let built: SearchIndex | undefined;
    return (query: string) => (built ??= buildSearchIndex(model)).search(query);
  }, [model]);
  const search = useCallback((query: string) => filterResult(model, index, query, filters), [model, index, filters]);
  const highlightedRefs = useMemo(() => (result?.hits ?? []).map((h) => h.ref), [result]);
  const highlighted = useMemo(() => new Set(highlightedRefs.map(refKey)), [highlightedRefs]);
  const matchKeys = useMemo(() => {
    if (!onlyMatches || !result || tab === 'graph') return null;
    return new Set(highlightedRefs.flatMap((ref) => locate(model, tab, ref)));
  }, [onlyMatches, result, tab, highlightedRefs, model]);

  const revealAll = useCallback(
    (found: SearchResult | null, where: ViewTab) => {
      if (!found || found.hits.length === 0 || found.hits.length > MAX_REVEAL) return;
      if (where === 'graph') setGraphFocus((old) => ({ ref: found.hits[0].ref, nonce: (old?.nonce ?? 0) + 1 }));
      else
        nav.reveal(
          where,
          found.hits.map((h) => h.ref),
        );
    },
    [nav, setGraphFocus],
  );
  const onResult = useCallback(
    (found: SearchResult | null) => {
      setResult(found);
      revealAll(found, tab);
    },
    [revealAll, tab],
  );
  return {
    result,
    search,
    filters,
    setFilters,
    onlyMatches,
    setOnlyMatches,
    highlighted,
    highlightedRefs,
    matchKeys,
    revealAll,
    onResult,
  };
}

/** Selection and "jump to": in the current tree, or in the other one if the entity is only there. */
function useSelection(model: TopologyModel, tab: ViewTab, setTab: (t: ViewTab) => void, nav: TreeNavigation) {
  const [selected, setSelected] = useState<{ ref: EntityRef; key?: string } | null>(null);
  const [graphFocus, setGraphFocus] = useState<GraphFocus>(null);
  const open = useCallback(
    (ref: EntityRef) => {
      if (tab === 'graph') {
        setSelected({ ref });
        setGraphFocus((old) => ({ ref, nonce: (old?.nonce ?? 0) + 1 }));
        return;
      }
      let where: TreeTab = tab;
      if (!locate(model, where, ref).length && locate(model, where === 'routers' ? 'networks' : 'routers', ref).length)
        where = where === 'routers' ? 'networks' : 'routers';
      const key = nav.reveal(where, [ref]);
      if (where !== tab) setTab(where);
      setSelected({ ref, key: key ?? undefined });
    },
    [model, nav, tab, setTab],
  );
  // Selection belongs to a snapshot: drop it when the resource is gone after a refresh.
  useEffect(() => {
    setSelected((old) => (old && !exists(model, old.ref) ? null : old));
  }, [model]);
  return { selected, setSelected, graphFocus, setGraphFocus, open };
}

export function TopologyView(props: TopologyViewProps) {
  const { snapshot, onInstanceLookup, blockedInstances, focusRequest, onFocusDone } = props;
  const model = useMemo(() => buildTopologyModel(snapshot), [snapshot]);
  const routerTree = useMemo(() => buildRouterTree(model), [model]);
  const networkTree = useMemo(() => buildNetworkTree(model), [model]);
  const [tab, setTab] = useState<ViewTab>('routers');
  const nav = useTreeNavigation(model);
  const { selected, setSelected, graphFocus, setGraphFocus, open } = useSelection(model, tab, setTab, nav);
  const s = useSearchState(model, tab, nav, setGraphFocus);

  const onPick = useCallback((hit: SearchHit) => open(hit.ref), [open]);
  const onSelectRow = useCallback(
    (node: TreeNode) => node.ref && setSelected({ ref: node.ref, key: node.key }),
    [setSelected],
  );
  const toggleRouters = useCallback((key: string) => nav.toggle('routers', key), [nav]);
  const toggleNetworks = useCallback((key: string) => nav.toggle('networks', key), [nav]);
  const onGraphSelect = useCallback((ref: EntityRef) => setSelected({ ref }), [setSelected]);

  // Start the ELK worker while the user looks at a tree, so the graph tab opens without that wait.
  useEffect(() => {
    const idle = setTimeout(warmUpLayout, 500);
    return () => clearTimeout(idle);
  }, []);

  // The palette's jump: once per request.
  const focusNonce = focusRequest?.nonce;
  const openRequested = useEffectEvent(() => {
    if (!focusRequest) return;
    open(focusRequest.ref);
    onFocusDone?.(focusRequest.nonce);
  });
  // Only a new request (nonce) opens.
  useEffect(() => {
    if (focusNonce !== undefined) openRequested();
  }, [focusNonce]);

  const switchTab = (next: ViewTab) => {
    setTab(next);
    s.revealAll(s.result, next);
  };

  const treeProps = {
    model,
    selectedKey: selected?.key ?? null,
    onSelect: onSelectRow,
    highlighted: s.highlighted,
    only: s.matchKeys,
    onInstanceLookup,
    onResolveHere: props.onResolveHere,
    blockedInstances,
    height: PANEL_HEIGHT,
  };

  return (
    <>
      <Text size="sm" c="dimmed" aria-label="Topology summary">
        {summary(snapshot)}
      </Text>
      <ComputeAlert snapshot={snapshot} />
      <Group justify="space-between" align="center" wrap="wrap" gap="sm">
        <SegmentedControl
          value={tab}
          onChange={(v) => switchTab(v as ViewTab)}
          aria-label="Topology view"
          data={TAB_DATA}
        />
        <Group gap="xs" wrap="nowrap">
          <SearchBox search={s.search} runEmpty={filtersActive(s.filters)} onResult={s.onResult} onPick={onPick} />
          <SearchFilters
            model={model}
            filters={s.filters}
            onFilters={s.setFilters}
            onlyMatches={s.onlyMatches}
            onOnlyMatches={s.setOnlyMatches}
            showOnlyMatches={tab !== 'graph'}
          />
          {tab !== 'graph' && (
            <Button
              variant="default"
              size="sm"
              leftSection={<IconArrowsMinimize size={16} />}
              onClick={() => nav.collapseAll(tab)}
            >
              Collapse all
            </Button>
          )}
        </Group>
      </Group>
      <Group align="flex-start" gap="sm" wrap="nowrap">
        <div style={{ flex: 1, minWidth: 0 }}>
          {tab === 'routers' && (
            <TopologyTree
              label="Router tree"
              roots={routerTree}
              expanded={nav.expanded.routers}
              onToggle={toggleRouters}
              scrollTo={nav.scrollTo.routers}
              emptyText="No routers in this view. The network tree shows networks that are not behind a router."
              {...treeProps}
            />
          )}
          {tab === 'networks' && (
            <TopologyTree
              label="Network tree"
              roots={networkTree}
              expanded={nav.expanded.networks}
              onToggle={toggleNetworks}
              scrollTo={nav.scrollTo.networks}
              emptyText="No networks in this view."
              {...treeProps}
            />
          )}
          {tab === 'graph' && (
            <TopologyGraphView
              model={model}
              selected={selected?.ref ?? null}
              highlighted={s.highlightedRefs}
              focus={graphFocus}
              onSelect={onGraphSelect}
              onInstanceLookup={onInstanceLookup}
              blockedInstances={blockedInstances}
              height={PANEL_HEIGHT}
            />
          )}
        </div>
        {selected && (
          <DetailsPanel
            model={model}
            entity={selected.ref}
            onClose={() => setSelected(null)}
            onOpen={open}
            onInstanceLookup={onInstanceLookup}
            height={PANEL_HEIGHT}
          />
        )}
      </Group>
    </>
  );
}
