/**
 * Topology model at scale: a generated tenant of 10,000 ports, 2,000 servers, 500 routers and
 * 1,000 networks. Prints the model build (indexes + both trees), search-index build, search
 * latency over a mixed query set (p50/p95/max) and graph build. Figures only; nothing is asserted.
 */
import { describe, it } from 'vitest';
import {
  buildGraph,
  buildNetworkTree,
  buildRouterTree,
  buildSearchIndex,
  buildTopologyModel,
  countNodes,
} from '@shared/topology';
import { BENCH_TENANT, generateTenant } from '@shared/topology/testing/generate-tenant';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const value = fn();
  return [value, performance.now() - t0];
}

describe('topology model (generated tenant)', () => {
  it('builds, searches and lays out the graph model', () => {
    const snapshot = generateTenant(BENCH_TENANT);
    console.log(
      `tenant: ${snapshot.ports.length} ports, ${snapshot.servers.length} servers, ${snapshot.routers.length} routers, ${snapshot.networks.length} networks, ${snapshot.subnets.length} subnets, ${snapshot.floatingIps.length} floating IPs`,
    );
    const builds: number[] = [];
    let roots = 0;
    for (let run = 0; run < 7; run++) {
      const [, ms] = time(() => {
        const model = buildTopologyModel(snapshot);
        roots = buildRouterTree(model).length + buildNetworkTree(model).length;
      });
      builds.push(ms);
    }
    const model = buildTopologyModel(snapshot);
    const [, indexOnly] = time(() => buildTopologyModel(snapshot));
    console.log(
      `model build (indexes + both trees' ${roots} root rows with counts; deeper rows build on expand): first ${builds[0].toFixed(1)} ms, median of 7 ${[...builds].sort((a, b) => a - b)[3].toFixed(1)} ms (target < 100 ms); indexes alone ${indexOnly.toFixed(1)} ms`,
    );
    const [nodes, fullMs] = time(() => countNodes(buildRouterTree(model)) + countNodes(buildNetworkTree(model)));
    console.log(`  expanding every row of both trees: ${nodes} nodes in ${fullMs.toFixed(1)} ms`);

    const [index, indexMs] = time(() => buildSearchIndex(model));
    console.log(`search index build: ${indexMs.toFixed(1)} ms (${index.size} keys)`);
    const sample = (i: number) => snapshot.ports[(i * 7919) % snapshot.ports.length];
    const queries: string[] = [];
    for (let i = 0; i < 100; i++) {
      const port = sample(i);
      queries.push(
        port.fixedIps[0]?.ip ?? '10.0.0.10',
        port.macAddress,
        port.id.slice(0, 8),
        `vm-${i * 13}`,
        `router-${i}`,
        '10.0.0.10',
        `10.0.${i % 64}.`,
        'spare-9',
      );
    }
    queries.push('10.0.5.0/24', '100.64.0.0/16', 'fa:16:3e');
    const times: number[] = [];
    let hits = 0;
    for (const q of queries) {
      const [result, ms] = time(() => index.search(q));
      hits += result.hits.length;
      times.push(ms);
    }
    times.sort((a, b) => a - b);
    console.log(
      `search: ${queries.length} queries, ${hits} hits; p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms (target < 10 ms), max ${times[times.length - 1].toFixed(1)} ms`,
    );
    const [tenTen] = time(() => index.search('10.0.0.10'));
    console.log(
      `  '10.0.0.10' -> ${tenTen.hits.length} ports on ${new Set(tenTen.hits.map((h) => h.context)).size} networks`,
    );

    const [graph, graphMs] = time(() => buildGraph(model));
    console.log(
      `graph model (${graph.mode}): ${graph.nodes.length} nodes, ${graph.edges.length} edges, ${graph.components.length} components, ${graph.groupKeys.length} collapsible groups in ${graphMs.toFixed(1)} ms`,
    );
  });
});
