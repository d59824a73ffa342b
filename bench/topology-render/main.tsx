/**
 * Benchmark page (built by bench/topology-render.bench.ts, opened in headless Chromium): renders
 * the real TopologyTree and TopologyGraphView for a generated 10,000-port tenant and records
 * first-render times in window.__bench.
 */
import '@mantine/core/styles.css';
import { useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { buildGraph, buildRouterTree, buildNetworkTree, buildTopologyModel } from '@shared/topology';
import { BENCH_TENANT, generateTenant } from '@shared/topology/testing/generate-tenant';
import { TopologyTree } from '@renderer/features/topology/TopologyTree';
import { TopologyGraphView } from '@renderer/features/topology/graph/TopologyGraphView';
import { lastLayout } from '@renderer/features/topology/graph/run-layout';

type Result = Record<string, number | string>;
const w = window as unknown as {
  __bench: { results: Result; done: boolean; error?: string };
  __run: (what: string) => Promise<void>;
};
w.__bench = { results: {}, done: false };

const snapshot = generateTenant(BENCH_TENANT);
// The same size in one project (no grouping by project: the overview shows every component).
const oneProject = generateTenant({ ...BENCH_TENANT, projects: 1 });
const container = document.getElementById('root')!;
// The provider stays mounted, as in the app: a run measures the view, not Mantine's start-up.
let show: (content: ReactNode) => void = () => undefined;
function Host() {
  const [content, setContent] = useState<ReactNode>(null);
  show = setContent;
  return <MantineProvider>{content}</MantineProvider>;
}
createRoot(container).render(<Host />);
const root = { render: (content: ReactNode) => show(content) };
const noop = () => undefined;
const frame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));

async function waitFor(check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** Clicks the element once it is on screen (xyflow mounts nodes a frame or two after a layout). */
async function clickWhenShown(selector: string): Promise<void> {
  await waitFor(() => !!container.querySelector(selector));
  (container.querySelector(selector) as HTMLElement).click();
}

w.__run = async (what: string) => {
  try {
    root.render(null);
    await frame();
    if (what === 'tree') {
      const t0 = performance.now();
      const model = buildTopologyModel(snapshot);
      const roots = buildRouterTree(model);
      const t1 = performance.now();
      root.render(
        <TopologyTree
          label="Router tree"
          roots={roots}
          expanded={new Set()}
          onToggle={noop}
          selectedKey={null}
          onSelect={noop}
          highlighted={new Set()}
          scrollTo={null}
          actions={{}}
          model={model}
          emptyText=""
          height="800px"
        />,
      );
      await waitFor(() => container.querySelectorAll('[role=treeitem]').length > 0);
      await frame();
      w.__bench.results.treeModelMs = t1 - t0;
      w.__bench.results.treeFirstRenderMs = performance.now() - t0;
      w.__bench.results.treeRowsInDom = container.querySelectorAll('[role=treeitem]').length;
      w.__bench.results.treeRows = roots.length;
      // Expanding every router (500 more levels of rows) stays virtualized.
      const t2 = performance.now();
      const all = new Set(roots.map((r) => r.key));
      const net = buildNetworkTree(model);
      root.render(
        <TopologyTree
          label="Router tree"
          roots={roots}
          expanded={all}
          onToggle={noop}
          selectedKey={null}
          onSelect={noop}
          highlighted={new Set()}
          scrollTo={null}
          actions={{}}
          model={model}
          emptyText=""
          height="800px"
        />,
      );
      await frame();
      w.__bench.results.treeExpandAllRoutersMs = performance.now() - t2;
      w.__bench.results.networkRoots = net.length;
    } else {
      const tenant = what === 'graph-one-project' ? oneProject : snapshot;
      let laidOut: { nodes: number; mode: string; layoutMs: number } | undefined;
      // The graph model alone, timed on a model of its own (not part of the first-render figure).
      const probe = buildTopologyModel(tenant);
      const tg = performance.now();
      buildGraph(probe);
      w.__bench.results.graphModelMs = performance.now() - tg;
      await frame();
      const t0 = performance.now();
      const model = buildTopologyModel(tenant);
      root.render(
        <TopologyGraphView
          model={model}
          selected={null}
          highlighted={[]}
          focus={null}
          onSelect={noop}
          height="800px"
          onLaidOut={(info) => (laidOut = info)}
        />,
      );
      await waitFor(() => !!laidOut && container.querySelectorAll('.react-flow__node').length > 0);
      await frame();
      w.__bench.results.graphFirstRenderMs = performance.now() - t0;
      w.__bench.results.graphLayoutMs = laidOut!.layoutMs;
      w.__bench.results.graphElkMs = lastLayout.elkMs;
      w.__bench.results.graphElkWhere = lastLayout.where;
      w.__bench.results.graphNodes = laidOut!.nodes;
      w.__bench.results.graphMode = laidOut!.mode;
      w.__bench.results.graphNodesInDom = container.querySelectorAll('.react-flow__node').length;
      if (what === 'graph-one-project') {
        // Open the biggest component, as a user would by clicking it.
        const before = laidOut!;
        const t3 = performance.now();
        await clickWhenShown('[data-kind=component]');
        await waitFor(() => laidOut !== before && container.querySelectorAll('.react-flow__node').length > 0);
        await frame();
        w.__bench.results.expandMs = performance.now() - t3;
        w.__bench.results.expandedNodes = laidOut!.nodes;
        w.__bench.results.expandedElkMs = lastLayout.elkMs;
        w.__bench.results.expandedLayoutMs = laidOut!.layoutMs;
        w.__bench.results.expandedNodesInDom = container.querySelectorAll('.react-flow__node').length;
        // The same component as a layered layout with its links (computed in the worker), then back
        // to the grid and to links again (the layout now comes from the per-component cache).
        const toLinks = async () => {
          const was = laidOut;
          const t = performance.now();
          await clickWhenShown('[aria-label^="Links for"]');
          await waitFor(() => laidOut !== was && container.querySelectorAll('.react-flow__node').length > 0);
          await frame();
          return { ms: performance.now() - t, layoutMs: laidOut!.layoutMs };
        };
        const linked = await toLinks();
        w.__bench.results.linkedMs = linked.ms;
        w.__bench.results.linkedLayoutMs = linked.layoutMs;
        w.__bench.results.linkedWorkerMs = lastLayout.elkMs;
        w.__bench.results.linkedEdgesInDom = container.querySelectorAll('.react-flow__edge').length;
        w.__bench.results.linkedBundlesInDom = container.querySelectorAll('[data-testid^="rf__edge-gateways:"]').length;
        const back = laidOut;
        await clickWhenShown('[aria-label^="Grid for"]');
        await waitFor(() => laidOut !== back);
        await frame();
        w.__bench.results.linkedCachedMs = (await toLinks()).ms;
      }
    }
  } catch (err) {
    w.__bench.error = err instanceof Error ? err.message : String(err);
  }
  w.__bench.done = true;
};
