/**
 * Garbage in: 10,000 malformed or hostile requests over raw sockets (seeded, replayable). The
 * proxy must answer each with a 4xx/5xx or close it within its limits, never crash, and keep
 * answering good requests throughout. Bounded: a fixed count, at most 200 sockets at a time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetadataProxyServer } from './metadata-proxy-server';
import { normaliseListener } from './listener-config';
import { createFakeBackend } from './testing/fake-backend';
import { fuzzCase, seededRandom, slowCase, type FuzzCase } from './testing/fuzz-cases';
import { rawExchange, statusCodes, type RawResult } from './testing/raw-socket';
import { send } from './testing/http-client';
import { testToken, tokenHeader } from './testing/test-token';

const routerId = 'aaaaaaaa-0000-4000-8000-000000000001';
const vm = '11111111-1111-1111-1111-111111111111';
const ctx = { routerId, goodIp: '10.0.0.10', maxHeaderBytes: 4096, maxBodyBytes: 8192, token: testToken };
const limits = {
  maxHeaderBytes: ctx.maxHeaderBytes,
  maxBodyBytes: ctx.maxBodyBytes,
  headersTimeoutMs: 600,
  requestTimeoutMs: 1200,
  keepAliveTimeoutMs: 300,
};
const total = 10_000;
const concurrency = 200;
const seed = Number(process.env.FUZZ_SEED ?? 20261125);
// A request must be settled well within the slowest limit (request timeout + checking interval).
const settleLimitMs = limits.requestTimeoutMs + 2000;

let server: MetadataProxyServer;
let port: number;

beforeAll(async () => {
  const config = normaliseListener(
    { name: 'fuzz', cloudId: 'lab', mode: 'agent', port: null, limits },
    { token: testToken },
  );
  server = new MetadataProxyServer(
    config,
    createFakeBackend({
      ports: [{ ip: ctx.goodIp, routerId, networkId: routerId, instanceId: vm, projectId: 'alpha' }],
    }),
  );
  port = (await server.start()).port as number;
});
afterAll(() => server.stop());

function verdict(c: FuzzCase, r: RawResult): string | null {
  const codes = statusCodes(r.data);
  if (r.elapsedMs > settleLimitMs) return `took ${Math.round(r.elapsedMs)} ms`;
  if (!r.closedByServer && codes.length === 0) return 'neither answered nor closed';
  if (c.expect === 'flood') {
    if (codes[0] !== 200) return `first request got ${codes[0]}`;
    if (!codes.includes(503)) return 'the flood was never cut off';
    if (codes.length > 9) return `${codes.length} answers on one connection`;
    if (!r.closedByServer) return 'the flooding connection was not closed';
    return null;
  }
  if (c.expect === 'pipelined') {
    if (codes[0] !== 200) return `good request got ${codes[0]}`;
    if (codes.length > 1 && codes[1] < 400) return `garbage after it got ${codes[1]}`;
    if (codes.length === 1 && !r.closedByServer)
      return 'garbage after the good request was neither answered nor closed';
    return null;
  }
  if (codes.some((code) => code < 400)) return `answered ${codes.join(',')}`;
  return null;
}

async function goodRequestWorks(): Promise<boolean> {
  const res = await send(
    { port },
    { headers: { 'X-Forwarded-For': ctx.goodIp, 'X-Neutron-Router-ID': routerId, ...tokenHeader } },
  );
  return res.status === 200 && JSON.parse(res.body).uuid === vm;
}

describe('proxy fuzz', () => {
  it(
    `answers or closes ${total} hostile requests and keeps serving good ones (seed ${seed})`,
    { timeout: 180_000 },
    async () => {
      const rand = seededRandom(seed);
      // The slow clients go first, all in one wave: each holds its socket for a timeout.
      const slow = 40;
      const cases: FuzzCase[] = [
        ...Array.from({ length: slow }, () => slowCase(ctx)),
        ...Array.from({ length: total - slow }, () => fuzzCase(rand, ctx)),
      ];
      const failures: string[] = [];
      const kinds = new Map<string, number>();
      let goodChecks = 0;
      for (let start = 0; start < cases.length; start += concurrency) {
        const wave = cases.slice(start, start + concurrency);
        const results = await Promise.all(
          wave.map((c) =>
            rawExchange({ port }, c.chunks, {
              gapMs: c.gapMs,
              waitMs: settleLimitMs + 1000,
              endAfterWrite: c.end,
              untilResponses: c.expect === 'pipelined' ? 2 : c.expect === 'flood' ? undefined : 1,
            }),
          ),
        );
        results.forEach((r, i) => {
          const c = wave[i];
          kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
          const problem = verdict(c, r);
          if (problem) failures.push(`#${start + i} ${c.kind}: ${problem}; got ${JSON.stringify(r.data.slice(0, 80))}`);
        });
        if ((start / concurrency) % 5 === 0) {
          expect(await goodRequestWorks()).toBe(true);
          goodChecks += 1;
        }
      }
      expect(failures.slice(0, 20)).toEqual([]);
      expect(server.status.state).toBe('running');
      expect(await goodRequestWorks()).toBe(true);
      expect(goodChecks).toBeGreaterThanOrEqual(10);
      // Every kind was exercised, and the server accounted for every connection it refused.
      expect(kinds.size).toBe(22);
      const counters = server.status.counters;
      expect(counters.requests + counters.rejectedConnections).toBeGreaterThanOrEqual(total * 0.9);
      expect(counters.ok).toBeGreaterThanOrEqual(goodChecks);
    },
  );
});
