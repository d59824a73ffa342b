/**
 * Resolver latency against the lab (loopback only, bounded loops, one request at a time):
 * uncached resolve p50/p99 and Neutron calls per resolve, cached resolve p50/p99 (target < 1 ms),
 * and the REAL neutron-metadata-agent for the same requests in the same run: end to end (resolve
 * + nova through the recorder) against StackLens's resolve + forward to the same recorder, with
 * nova alone measured too so the agent's resolution share can be estimated. The four measurements
 * are interleaved per iteration: on a busy 2-core machine they then see the same load.
 * Figures and ratios only; nothing is asserted. Skips with a message when the lab is not up.
 */
import { describe } from 'vitest';
import { createResolver } from '@main/metadata/resolver';
import { resolveAndForward } from '@main/metadata/resolve-and-forward';
import { forwardToNova } from '@main/metadata/nova-metadata-client';
import { closeHttpAgents } from '@main/openstack/http';
import { lab, labIt } from '../tests/integration/lab';
import { askAgent, clearCaptured, labIds, labSession } from '../tests/integration/metadata-lab';

const RUNS = 105;
const CACHED_RUNS = 20_000;
const PATH = '/openstack/latest/meta_data.json';

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);
const line = (label: string, xs: number[]) =>
  `${label.padEnd(44)} p50 ${fmt(pct(xs, 50)).padStart(10)}  p99 ${fmt(pct(xs, 99)).padStart(10)}  (n=${xs.length})`;

describe('resolver (lab)', () => {
  labIt(['metadata'])('resolver vs the real agent', async () => {
    const l = lab as NonNullable<typeof lab>;
    const ids = labIds(l);
    const requests = [
      { ip: '10.0.0.10', routerId: ids.router('alpha-router') },
      { ip: '10.0.0.10', routerId: ids.router('beta-router') },
      { ip: '10.0.0.11', routerId: ids.router('beta-router') },
      { ip: '192.168.10.10', routerId: ids.router('beta-router') },
      { ip: '::ffff:10.0.0.11', routerId: ids.router('alpha-router') },
      { ip: '10.0.0.10', networkId: ids.network('alpha-net') },
      { ip: '172.16.0.10', networkId: ids.network('beta-isolated') },
    ];
    const session = await labSession(l, 'admin');
    try {
      const client = session.client();
      const uncached = createResolver({ client, visibility: 'cloud' });
      for (const r of requests) await uncached.resolve(r); // warm keep-alive sockets and neutron

      const cached = createResolver({ client, cache: { ttlMs: 600_000, max: 1000 }, visibility: 'cloud' });
      for (const r of requests) await cached.resolve(r);
      const hits: number[] = [];
      let misses = 0;
      for (let i = 0; i < CACHED_RUNS; i++) {
        const t0 = performance.now();
        const trace = await cached.resolve(requests[i % requests.length]);
        hits.push(performance.now() - t0);
        if (!trace.cached) misses++;
      }

      // Interleaved, so every figure sees the same load: StackLens resolve alone, the agent end to
      // end (resolve + recorder + nova), StackLens end to end, nova alone (signed, no resolution).
      const byPath: Record<string, number[]> = { router: [], network: [] };
      const calls: number[] = [];
      const all: number[] = [];
      const agentMs: number[] = [];
      const oursMs: number[] = [];
      const novaMs: number[] = [];
      const target = { url: l.recorderUrl as string, secret: l.metadataSecret };
      for (let i = 0; i < RUNS; i++) {
        const req = requests[i % requests.length];
        let t0 = performance.now();
        const trace = await uncached.resolve(req);
        const ms = performance.now() - t0;
        if (trace.outcome.kind !== 'resolved')
          throw new Error(`bench request did not resolve: ${JSON.stringify(trace.outcome)}`);
        all.push(ms);
        byPath[trace.path].push(ms);
        calls.push(trace.neutronCalls);

        const headers: Record<string, string> = { 'X-Forwarded-For': req.ip };
        if (req.routerId) headers['X-Neutron-Router-ID'] = req.routerId;
        if (req.networkId) headers['X-Neutron-Network-ID'] = req.networkId;
        t0 = performance.now();
        const a = await askAgent(l, headers, PATH);
        agentMs.push(performance.now() - t0);
        t0 = performance.now();
        const o = await resolveAndForward(uncached, target, {
          forwardedFor: req.ip,
          routerId: req.routerId,
          networkId: req.networkId,
          method: 'GET',
          pathAndQuery: PATH,
        });
        oursMs.push(performance.now() - t0);
        if (a.status !== 200 || o.answer?.status !== 200)
          throw new Error(`run ${i}: agent ${a.status}, StackLens ${o.answer?.status}`);
        t0 = performance.now();
        await forwardToNova(target, {
          method: 'GET',
          pathAndQuery: PATH,
          forwardedFor: req.ip,
          instanceId: trace.outcome.instanceId,
          projectId: trace.outcome.projectId,
        });
        novaMs.push(performance.now() - t0);
      }
      await clearCaptured(l);

      const avgCalls = calls.reduce((a, b) => a + b, 0) / calls.length;
      console.log(
        [
          `resolver bench against the lab (${requests.length} requests round-robin, sequential, admin session)`,
          line('StackLens resolve, uncached (all)', all),
          line('  router path (2 Neutron calls)', byPath.router),
          line('  network path (1 Neutron call)', byPath.network),
          `${'Neutron calls per resolve'.padEnd(44)} avg ${avgCalls.toFixed(2)} (router 2, network 1; the agent: 2 / 1 RPCs)`,
          line('StackLens resolve, cached (target < 1 ms)', hits) + `  misses ${misses}`,
          line('real agent end to end (resolve + nova)', agentMs),
          line('StackLens end to end (resolve + nova)', oursMs),
          line('nova alone via the recorder (signed)', novaMs),
          `agent resolution share ≈ agent e2e p50 − nova p50 = ${fmt(pct(agentMs, 50) - pct(novaMs, 50))}; StackLens uncached resolve p50 ${fmt(pct(all, 50))}`,
          `ratios: StackLens/agent end to end p50 ${(pct(oursMs, 50) / pct(agentMs, 50)).toFixed(2)}, p99 ${(pct(oursMs, 99) / pct(agentMs, 99)).toFixed(2)}; ` +
            `StackLens resolve / agent resolution share p50 ${(pct(all, 50) / Math.max(0.001, pct(agentMs, 50) - pct(novaMs, 50))).toFixed(2)}; ` +
            `uncached / cached p50 ${Math.round(pct(all, 50) / pct(hits, 50))}x`,
        ].join('\n'),
      );
    } finally {
      await session.close();
      await closeHttpAgents();
    }
  });
});
