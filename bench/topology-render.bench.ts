/**
 * Renderer figures for a generated tenant of 10,000 ports, 2,000 servers, 500 routers and 1,000
 * networks, in headless Chromium (Debian's /usr/bin/chromium): the real TopologyTree and
 * TopologyGraphView, production build, served from 127.0.0.1. Prints the tree's first render
 * (targets < 500 ms), the graph's first render (< 1.5 s, ELK in a web worker) and the renderer heap.
 * Figures only; nothing is asserted.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { describe, it } from 'vitest';
import { recordSummary } from './summary';

const repo = resolve(__dirname, '..');
const pageRoot = join(repo, 'bench/topology-render');
const outDir = join(repo, 'bench/results/topology-render');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

async function serve(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = path.endsWith('/') ? join(path, 'index.html') : path;
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`, server };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (n: number) => `${n.toFixed(0)} ms`;

describe('topology renderer (headless Chromium)', () => {
  it('renders the trees and the graph of a 10,000-port tenant', async () => {
    const t0 = Date.now();
    // vitest runs with NODE_ENV=test, which would make Vite bundle React's development build.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    await build({
      configFile: false,
      mode: 'production',
      logLevel: 'error',
      root: pageRoot,
      base: './',
      plugins: [react()],
      resolve: {
        alias: {
          '@shared': join(repo, 'src/shared'),
          '@renderer': join(repo, 'src/renderer/src'),
          '@main': join(repo, 'src/main'),
        },
      },
      build: { outDir, emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 10_000 },
    }).finally(() => {
      process.env.NODE_ENV = nodeEnv;
    });
    console.log(`bench page built in ${((Date.now() - t0) / 1000).toFixed(1)} s (production React)`);

    const { url, server } = await serve(outDir);
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const cdp = await page.context().newCDPSession(page);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url);
      await page.waitForFunction(() => typeof (window as unknown as { __run?: unknown }).__run === 'function');
      const heap = async () => {
        await cdp.send('HeapProfiler.collectGarbage');
        return (await cdp.send('Runtime.getHeapUsage')).usedSize / 1048576;
      };
      const run = async (what: 'tree' | 'graph' | 'graph-one-project') => {
        await page.evaluate((w) => {
          const win = window as unknown as {
            __bench: { done: boolean; results: Record<string, unknown> };
            __run: (w: string) => Promise<void>;
          };
          win.__bench.done = false;
          win.__bench.results = {};
          void win.__run(w);
        }, what);
        await page.waitForFunction(
          () => (window as unknown as { __bench: { done: boolean } }).__bench.done,
          undefined,
          { timeout: 600_000 },
        );
        const out = await page.evaluate(
          () =>
            (window as unknown as { __bench: { results: Record<string, number | string>; error?: string } }).__bench,
        );
        if (out.error) throw new Error(`${what}: ${out.error}`);
        return out.results;
      };

      const heapIdle = await heap();
      const trees: Array<Record<string, number | string>> = [];
      for (let i = 0; i < 5; i++) trees.push(await run('tree'));
      const heapTree = await heap();
      const tree = trees.map((t) => t.treeFirstRenderMs as number);
      console.log(
        `tree first render (model + router tree + first paint): first ${ms(tree[0])}, median of 5 ${ms(median(tree))} (target < 500 ms); model+tree build median ${ms(median(trees.map((t) => t.treeModelMs as number)))}; ${trees[0].treeRows} root rows, ${trees[0].treeRowsInDom} rows in the DOM (virtualized)`,
      );
      console.log(
        `  expanding all 500 routers: median ${ms(median(trees.map((t) => t.treeExpandAllRoutersMs as number)))}`,
      );

      const graphs: Array<Record<string, number | string>> = [];
      for (let i = 0; i < 3; i++) graphs.push(await run('graph'));
      const heapGraph = await heap();
      const graph = graphs.map((g) => g.graphFirstRenderMs as number);
      console.log(
        `graph first render (model + graph + ELK layout in a worker + paint): first ${ms(graph[0])}, median of 3 ${ms(median(graph))} (target < 1.5 s); graph model ${ms(median(graphs.map((g) => g.graphModelMs as number)))}, layout ${ms(median(graphs.map((g) => g.graphLayoutMs as number)))} of which ELK ${ms(median(graphs.map((g) => g.graphElkMs as number)))} (${graphs[0].graphElkWhere}); ${graphs[0].graphMode} mode, ${graphs[0].graphNodes} nodes, ${graphs[0].graphNodesInDom} in the DOM`,
      );
      const single: Array<Record<string, number | string>> = [];
      for (let i = 0; i < 5; i++) single.push(await run('graph-one-project'));
      const one = single.map((g) => g.graphFirstRenderMs as number);
      console.log(
        `  same size in ONE project (no grouping by project): first ${ms(one[0])}, median of 5 ${ms(median(one))}; ELK ${ms(median(single.map((g) => g.graphElkMs as number)))}; ${single[0].graphNodes} nodes`,
      );
      console.log(
        `  expanding its biggest component (packed as a grid): median ${ms(median(single.map((g) => g.expandMs as number)))} (target < 500 ms): graph model + layout ${ms(median(single.map((g) => g.expandedLayoutMs as number)))} of which ELK ${ms(median(single.map((g) => g.expandedElkMs as number)))}, React Flow render the rest; ${single[0].expandedNodes} nodes, ${single[0].expandedNodesInDom} in the DOM`,
      );
      console.log(
        `  the same component as a layered layout with links (worker): median ${ms(median(single.map((g) => g.linkedMs as number)))} (target < 1.5 s), layout ${ms(median(single.map((g) => g.linkedLayoutMs as number)))} (in the worker ${ms(median(single.map((g) => g.linkedWorkerMs as number)))}), ${single[0].linkedEdgesInDom} edges in the DOM of which ${single[0].linkedBundlesInDom} gateway bundles; again from the per-component cache: median ${ms(median(single.map((g) => g.linkedCachedMs as number)))}`,
      );
      const linkedOverGrid =
        median(single.map((g) => g.linkedMs as number)) / median(single.map((g) => g.expandMs as number));
      console.log(
        `  layered with links / grid, same run: ${linkedOverGrid.toFixed(2)}x (runs: ${single.map((g) => `${ms(g.linkedMs as number)} / ${ms(g.expandMs as number)}`).join(', ')})`,
      );
      console.log(
        `renderer heap (after GC): page with the tenant loaded ${heapIdle.toFixed(1)} MB, after the tree runs ${heapTree.toFixed(1)} MB, after the graph runs ${heapGraph.toFixed(1)} MB`,
      );
      if (errors.length) console.log(`page errors: ${errors.join('; ')}`);
      const med = (xs: Array<Record<string, number | string>>, k: string) => median(xs.map((g) => g[k] as number));
      recordSummary('topology-render', [
        {
          what: 'graph overview, 10,000 ports, first render',
          stacklens: ms(med(graphs, 'graphFirstRenderMs')),
          reference: '-',
          ratio: '-',
          target: '< 1,500 ms',
        },
        {
          what: 'expand a 4,500-node component (grid)',
          stacklens: ms(med(single, 'expandMs')),
          reference: '-',
          ratio: '-',
          target: '< 500 ms',
        },
        {
          what: 'the same, layered with links (worker)',
          stacklens: `${ms(med(single, 'linkedMs'))} (cached ${ms(med(single, 'linkedCachedMs'))})`,
          reference: `grid expand ${ms(med(single, 'expandMs'))}`,
          ratio: `${(med(single, 'linkedMs') / med(single, 'expandMs')).toFixed(2)}x`,
          target: '< 1,500 ms',
        },
      ]);
    } finally {
      await browser.close();
      server.close();
    }
  });
});
