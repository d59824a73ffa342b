/**
 * One snapshot on screen: counts, warnings (Nova unavailable, offline file), the router tree, the
 * network tree and the graph in tabs, the search box, and the details drawer.
 */
import { useCallback, useEffect, useEffectEvent, useMemo, useState } from 'react';
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
import { SearchBox } from './SearchBox';
import { TopologyTree } from './TopologyTree';
import { TopologyGraphView } from './graph/TopologyGraphView';
import { warmUpLayout } from './graph/run-layout';
import { locate, MAX_REVEAL, useTreeNavigation, type TreeTab } from './use-tree-navigation';

export type ViewTab = TreeTab | 'graph';

export interface TopologyViewProps {
  snapshot: TopologySnapshot;
  onInstanceLookup?: (instanceId: string) => void;
  /** Instances the doctor found blocked (marked in the trees and the graph). */
  blockedInstances?: ReadonlySet<string>;
  /** Open this resource once per nonce (a deep link: the command palette's jump). */
  focusRequest?: { ref: EntityRef; nonce: number } | null;
}

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

export function TopologyView({ snapshot, onInstanceLookup, blockedInstances, focusRequest }: TopologyViewProps) {
  const model = useMemo(() => buildTopologyModel(snapshot), [snapshot]);
  const routerTree = useMemo(() => buildRouterTree(model), [model]);
  const networkTree = useMemo(() => buildNetworkTree(model), [model]);
  const [tab, setTab] = useState<ViewTab>('routers');
  const nav = useTreeNavigation(model);
  const [selected, setSelected] = useState<{ ref: EntityRef; key?: string } | null>(null);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [graphFocus, setGraphFocus] = useState<{ ref: EntityRef; nonce: number } | null>(null);

  // The search index is built on the first search, once per snapshot.
  const index = useMemo(() => {
    let built: SearchIndex | undefined;
    return (query: string) => (built ??= buildSearchIndex(model)).search(query);
  }, [model]);

  const highlightedRefs = useMemo(() => (result?.hits ?? []).map((h) => h.ref), [result]);
  const highlighted = useMemo(() => new Set(highlightedRefs.map(refKey)), [highlightedRefs]);

  // A narrow search (an IP, a MAC) opens every match in the current tree.
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
    [nav],
  );

  const onResult = useCallback(
    (found: SearchResult | null) => {
      setResult(found);
      revealAll(found, tab);
    },
    [revealAll, tab],
  );

  const open = useCallback(
    (ref: EntityRef) => {
      if (tab === 'graph') {
        setSelected({ ref });
        setGraphFocus((old) => ({ ref, nonce: (old?.nonce ?? 0) + 1 }));
        return;
      }
      // Jump in the current tree, or in the other one if the entity is only there (a router in the network tree).
      let where: TreeTab = tab;
      if (!locate(model, where, ref).length && locate(model, where === 'routers' ? 'networks' : 'routers', ref).length)
        where = where === 'routers' ? 'networks' : 'routers';
      const key = nav.reveal(where, [ref]);
      if (where !== tab) setTab(where);
      setSelected({ ref, key: key ?? undefined });
    },
    [model, nav, tab],
  );

  const onPick = useCallback((hit: SearchHit) => open(hit.ref), [open]);
  // A deep link opens its row once, as soon as the snapshot holds it.
  const [focusedNonce, setFocusedNonce] = useState<number | null>(null);
  const openRequested = useEffectEvent(() => {
    if (!focusRequest || focusRequest.nonce === focusedNonce || !exists(model, focusRequest.ref)) return;
    setFocusedNonce(focusRequest.nonce);
    open(focusRequest.ref);
  });
  useEffect(() => openRequested(), [focusRequest, model]);
  const onSelectRow = useCallback((node: TreeNode) => node.ref && setSelected({ ref: node.ref, key: node.key }), []);
  const toggleRouters = useCallback((key: string) => nav.toggle('routers', key), [nav]);
  const toggleNetworks = useCallback((key: string) => nav.toggle('networks', key), [nav]);
  const onGraphSelect = useCallback((ref: EntityRef) => setSelected({ ref }), []);

  // Start the ELK worker while the user looks at a tree, so the graph tab opens without that wait.
  useEffect(() => {
    const idle = setTimeout(warmUpLayout, 500);
    return () => clearTimeout(idle);
  }, []);

  // Selection belongs to a snapshot: drop it when the resource is gone after a refresh.
  useEffect(() => {
    setSelected((old) => (old && !exists(model, old.ref) ? null : old));
  }, [model]);

  const switchTab = (next: ViewTab) => {
    setTab(next);
    revealAll(result, next);
  };

  const treeProps = {
    selectedKey: selected?.key ?? null,
    onSelect: onSelectRow,
    highlighted,
    onInstanceLookup,
    blockedInstances,
    height: PANEL_HEIGHT,
  };

  return (
    <>
      <Text size="sm" c="dimmed" aria-label="Topology summary">
        {summary(snapshot)}
      </Text>
      {!snapshot.compute.available && (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title="Instances are not shown"
          aria-label="Compute unavailable"
        >
          {snapshot.compute.reason} The network side (routers, networks, subnets, ports, floating IPs) is complete;
          ports of instances say “Nova unavailable”.
        </Alert>
      )}
      <Group justify="space-between" align="center" wrap="wrap" gap="sm">
        <SegmentedControl
          value={tab}
          onChange={(v) => switchTab(v as ViewTab)}
          aria-label="Topology view"
          data={[
            {
              value: 'routers',
              label: (
                <Group gap={6} wrap="nowrap">
                  <IconBinaryTree2 size={16} />
                  Router tree
                </Group>
              ),
            },
            {
              value: 'networks',
              label: (
                <Group gap={6} wrap="nowrap">
                  <IconNetwork size={16} />
                  Network tree
                </Group>
              ),
            },
            {
              value: 'graph',
              label: (
                <Group gap={6} wrap="nowrap">
                  <IconTopologyStar3 size={16} />
                  Graph
                </Group>
              ),
            },
          ]}
        />
        <Group gap="xs" wrap="nowrap">
          <SearchBox search={index} onResult={onResult} onPick={onPick} />
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
              highlighted={highlightedRefs}
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
