/**
 * One snapshot on screen: counts, warnings (Nova unavailable, offline file), the router tree, the
 * network tree and the graph in tabs, the search box, and the details drawer. What the user set
 * up (tab, search, filters, expanded rows, selection, drawer) is kept per view (view-state.ts).
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
import { filterResult, filtersActive } from './match-filter';
import { SearchBox } from './SearchBox';
import { SearchFilters } from './SearchFilters';
import { TopologyTree } from './TopologyTree';
import { TopologyGraphView } from './graph/TopologyGraphView';
import { warmUpLayout } from './graph/run-layout';
import type { RowActions } from './row-menu-actions';
import { locate, MAX_REVEAL, useTreeNavigation, type TreeNavigation, type TreeTab } from './use-tree-navigation';
import { useViewState, type ViewState, type ViewTab } from './view-state';
import classes from './topology.module.css';

export type { ViewTab } from './view-state';

export interface TopologyViewProps {
  snapshot: TopologySnapshot;
  /** Names the view whose state is kept: `live:<cloudId>` or `offline`. */
  stateKey: string;
  /** Row menu and drawer actions (absent ones are hidden). */
  actions: RowActions;
  /** Instances the doctor found blocked (marked in the trees and the graph). */
  blockedInstances?: ReadonlySet<string>;
  /** Open this resource once per nonce (a deep link, the command palette's jump). */
  focusRequest?: { ref: EntityRef; nonce: number } | null;
}

type GraphFocus = { ref: EntityRef; nonce: number } | null;

/** The tree, graph and drawer fill the row below the controls (the page fits the window). */
const PANEL_HEIGHT = '100%';

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
  st: ViewState,
  nav: TreeNavigation,
  setGraphFocus: Dispatch<SetStateAction<GraphFocus>>,
) {
  const { tab, filters, onlyMatches } = st;
  const [result, setResult] = useState<SearchResult | null>(null);
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
  return { result, search, highlighted, highlightedRefs, matchKeys, revealAll, onResult };
}

/** Selection and "jump to": in the current tree, or in the other one if the entity is only there. */
function useSelection(model: TopologyModel, st: ViewState, nav: TreeNavigation) {
  const { tab, setTab, setSelected } = st;
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
    [model, nav, tab, setTab, setSelected],
  );
  // Selection belongs to a snapshot: drop it when the resource is gone after a refresh.
  useEffect(() => {
    setSelected((old) => (old && !exists(model, old.ref) ? null : old));
  }, [model, setSelected]);
  return { graphFocus, setGraphFocus, open };
}

/** A deep link (another page, the palette's jump) opens its row once, as soon as the snapshot holds it. */
function useFocusRequest(
  focusRequest: TopologyViewProps['focusRequest'],
  model: TopologyModel,
  open: (ref: EntityRef) => void,
) {
  const [focusedNonce, setFocusedNonce] = useState<number | null>(null);
  const openRequested = useEffectEvent(() => {
    if (!focusRequest || focusRequest.nonce === focusedNonce || !exists(model, focusRequest.ref)) return;
    setFocusedNonce(focusRequest.nonce);
    open(focusRequest.ref);
  });
  useEffect(() => openRequested(), [focusRequest, model]);
}

interface ControlsProps {
  model: TopologyModel;
  st: ViewState;
  search: ReturnType<typeof useSearchState>;
  nav: TreeNavigation;
  onPick: (hit: SearchHit) => void;
}

function ViewControls({ model, st, search, nav, onPick }: ControlsProps) {
  const { tab } = st;
  const switchTab = (next: ViewTab) => {
    st.setTab(next);
    search.revealAll(search.result, next);
  };
  return (
    <Group justify="space-between" align="center" wrap="wrap" gap="sm">
      <SegmentedControl
        value={tab}
        onChange={(v) => switchTab(v as ViewTab)}
        aria-label="Topology view"
        data={TAB_DATA}
      />
      <Group gap="xs" wrap="nowrap">
        <SearchBox
          search={search.search}
          runEmpty={filtersActive(st.filters)}
          onResult={search.onResult}
          onPick={onPick}
          text={st.text}
          onText={st.setText}
        />
        <SearchFilters
          model={model}
          filters={st.filters}
          onFilters={st.setFilters}
          onlyMatches={st.onlyMatches}
          onOnlyMatches={st.setOnlyMatches}
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
  );
}

const TREES = {
  routers: {
    label: 'Router tree',
    emptyText: 'No routers in this view. The network tree shows networks that are not behind a router.',
  },
  networks: { label: 'Network tree', emptyText: 'No networks in this view.' },
} as const;

export function TopologyView(props: TopologyViewProps) {
  const { snapshot, actions, blockedInstances } = props;
  const model = useMemo(() => buildTopologyModel(snapshot), [snapshot]);
  const routerTree = useMemo(() => buildRouterTree(model), [model]);
  const networkTree = useMemo(() => buildNetworkTree(model), [model]);
  const st = useViewState(props.stateKey);
  const { tab, selected, setSelected } = st;
  const nav = useTreeNavigation(model, props.stateKey);
  const { graphFocus, setGraphFocus, open } = useSelection(model, st, nav);
  const search = useSearchState(model, st, nav, setGraphFocus);
  useFocusRequest(props.focusRequest, model, open);

  const onPick = useCallback((hit: SearchHit) => open(hit.ref), [open]);
  const onSelectRow = useCallback(
    (node: TreeNode) => node.ref && setSelected({ ref: node.ref, key: node.key }),
    [setSelected],
  );
  const onToggle = useCallback((key: string) => tab !== 'graph' && nav.toggle(tab, key), [nav, tab]);
  const onGraphSelect = useCallback((ref: EntityRef) => setSelected({ ref }), [setSelected]);

  // Start the ELK worker while the user looks at a tree, so the graph tab opens without that wait.
  useEffect(() => {
    const idle = setTimeout(warmUpLayout, 500);
    return () => clearTimeout(idle);
  }, []);

  return (
    <>
      <Text size="sm" c="dimmed" aria-label="Topology summary">
        {summary(snapshot)}
      </Text>
      <ComputeAlert snapshot={snapshot} />
      <ViewControls model={model} st={st} search={search} nav={nav} onPick={onPick} />
      <Group align="stretch" gap="sm" wrap="nowrap" className={classes.panels}>
        <div style={{ flex: 1, minWidth: 0 }}>
          {tab !== 'graph' ? (
            <TopologyTree
              key={tab}
              {...TREES[tab]}
              roots={tab === 'routers' ? routerTree : networkTree}
              expanded={nav.expanded[tab]}
              onToggle={onToggle}
              scrollTo={nav.scrollTo[tab]}
              model={model}
              selectedKey={selected?.key ?? null}
              onSelect={onSelectRow}
              highlighted={search.highlighted}
              only={search.matchKeys}
              actions={actions}
              blockedInstances={blockedInstances}
              height={PANEL_HEIGHT}
            />
          ) : (
            <TopologyGraphView
              model={model}
              selected={selected?.ref ?? null}
              highlighted={search.highlightedRefs}
              focus={graphFocus}
              onSelect={onGraphSelect}
              onInstanceLookup={actions.onInstanceLookup}
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
            onInstanceLookup={actions.onInstanceLookup}
            height={PANEL_HEIGHT}
            tab={st.drawerTab}
            onTab={st.setDrawerTab}
          />
        )}
      </Group>
    </>
  );
}
