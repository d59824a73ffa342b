import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ListenerInput, ListenerStatus, ProxyLogEntry } from '@shared/models/proxy';
import { MetadataProxyServer } from './metadata-proxy-server';
import { normaliseListener } from './listener-config';
import { createFakeBackend, type FakeBackendOptions } from './testing/fake-backend';
import { send as rawSend } from './testing/http-client';
import { testToken, tokenHeader } from './testing/test-token';
import { rawExchange } from './testing/raw-socket';

/** Every request carries the listener's token: these tests are about what comes after it. */
const send = (target: Parameters<typeof rawSend>[0], options: Parameters<typeof rawSend>[1] = {}) =>
  rawSend(target, { ...options, headers: { ...tokenHeader, ...options.headers } });

const routerA = 'aaaaaaaa-0000-4000-8000-000000000001';
const vmA = '11111111-1111-1111-1111-111111111111';
const ports: FakeBackendOptions['ports'] = [
  { ip: '10.0.0.10', routerId: routerA, networkId: routerA, instanceId: vmA, projectId: 'alpha' },
];
const agentHeaders = { 'X-Forwarded-For': '10.0.0.10', 'X-Neutron-Router-ID': routerA };
const goodRequest = `GET /openstack HTTP/1.1\r\nHost: 127.0.0.1\r\nX-StackLens-Token: ${testToken}\r\nX-Forwarded-For: 10.0.0.10\r\nX-Neutron-Router-ID: ${routerA}\r\n\r\n`;

const running: MetadataProxyServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function startListener(input: Partial<ListenerInput> = {}, backendOptions: Partial<FakeBackendOptions> = {}) {
  const config = normaliseListener(
    { name: 'limits', cloudId: 'lab', port: null, mode: 'agent', ...input },
    { token: testToken },
  );
  const backend = createFakeBackend({ ports, ...backendOptions });
  const server = new MetadataProxyServer(config, backend);
  const entries: ProxyLogEntry[] = [];
  const statuses: ListenerStatus[] = [];
  server.events.on('request', (e) => entries.push(e));
  server.events.on('status', (s) => statuses.push(s));
  running.push(server);
  const status = await server.start();
  return { server, backend, entries, statuses, port: status.port as number };
}

describe('request limits', () => {
  it('answers 413 for a body over the limit, declared or chunked', async () => {
    const { port, backend } = await startListener({ limits: { maxBodyBytes: 1024 } });
    const declared = await send({ port }, { method: 'POST', body: 'x'.repeat(2048), headers: agentHeaders });
    const chunked = await rawExchange({ port }, [
      `POST /openstack HTTP/1.1\r\nHost: 127.0.0.1\r\nX-StackLens-Token: ${testToken}\r\nX-Forwarded-For: 10.0.0.10\r\nX-Neutron-Router-ID: ${routerA}\r\nTransfer-Encoding: chunked\r\n\r\n`,
      `800\r\n${'y'.repeat(0x800)}\r\n0\r\n\r\n`,
    ]);
    expect(declared.status).toBe(413);
    expect(chunked.status).toBe(413);
    expect(backend.forwards).toHaveLength(0);
  });

  it('answers 431 for oversized headers and 400 for garbage, then keeps serving', async () => {
    const { port, server, entries } = await startListener({ limits: { maxHeaderBytes: 2048 } });
    const huge = await rawExchange({ port }, [
      `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-StackLens-Token: ${testToken}\r\nX-Big: ${'a'.repeat(4096)}\r\n\r\n`,
    ]);
    const garbage = await rawExchange({ port }, ['\x00\x01\x02 NOT HTTP\r\n\r\n']);
    expect(huge.status).toBe(431);
    expect(huge.closedByServer).toBe(true);
    expect(garbage.status).toBe(400);
    expect((await send({ port }, { headers: agentHeaders })).status).toBe(200);
    expect(server.status.counters.rejectedConnections).toBe(2);
    expect(entries.map((e) => e.error).slice(0, 2)).toEqual(['headers-too-large', 'malformed-request']);
  });

  it('closes slow clients after the headers and request timeouts', async () => {
    const { port } = await startListener({ limits: { headersTimeoutMs: 300, requestTimeoutMs: 600 } });
    const silent = await rawExchange({ port }, [], { waitMs: 4000 });
    const dribble = await rawExchange(
      { port },
      [
        'GET / HTTP/1.1\r\n',
        `Host: 127.0.0.1\r\nX-StackLens-Token: ${testToken}\r\n`,
        'X-A: 1\r\n',
        'X-B: 2\r\n',
        'X-C: 3\r\n',
      ],
      { gapMs: 150, waitMs: 4000 },
    );
    const slowBody = await rawExchange(
      { port },
      [
        `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-StackLens-Token: ${testToken}\r\nX-Forwarded-For: 10.0.0.10\r\nX-Neutron-Router-ID: ${routerA}\r\nContent-Length: 100\r\n\r\n`,
        'a',
        'b',
        'c',
        'd',
        'e',
        'f',
      ],
      { gapMs: 200, waitMs: 4000 },
    );
    for (const res of [silent, dribble, slowBody]) {
      expect(res.closedByServer).toBe(true);
      expect(res.status).toBe(408);
      expect(res.elapsedMs).toBeLessThan(3000);
    }
  });

  it('rate-limits per source with 429 and Retry-After, other sources unaffected', async () => {
    const { port, server } = await startListener({
      rateLimit: { enabled: true, baseLimit: 100, burstWindowSeconds: 60, burstLimit: 3 },
    });
    const codes: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 5; i += 1) {
      const res = await send({ port }, { headers: agentHeaders });
      codes.push(res.status);
      if (res.status === 429) retryAfter = res.headers['retry-after'] as string;
    }
    const other = await send({ port }, { headers: { ...agentHeaders, 'X-Forwarded-For': '10.0.0.99' } });
    expect(codes).toEqual([200, 200, 200, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(other.status).toBe(404);
    expect(server.status.counters.rateLimited).toBe(2);
  });
});

describe('upstream concurrency', () => {
  it('works on at most maxUpstreamConcurrent requests upstream at once; the rest wait their turn', async () => {
    const { port, backend } = await startListener({ limits: { maxUpstreamConcurrent: 2 } }, { resolveDelayMs: 100 });
    const answers = await Promise.all(Array.from({ length: 6 }, () => send({ port }, { headers: agentHeaders })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(backend.peakConcurrent).toBe(2);
  });

  it('answers 503 "busy" when no slot comes free before the upstream timeout', async () => {
    const { port, entries } = await startListener(
      { limits: { maxUpstreamConcurrent: 1, upstreamTimeoutMs: 150 } },
      { resolveDelayMs: 400 },
    );
    const [first, second] = await Promise.all([
      send({ port }, { headers: agentHeaders }),
      send({ port }, { headers: agentHeaders }),
    ]);
    expect([first.status, second.status].sort()).toEqual([500, 503]);
    expect(entries.map((e) => e.error).sort()).toEqual(['neutron-timeout', 'upstream-busy']);
  });
});

describe('clients that leave', () => {
  it('spends no upstream work on a client that left while it waited for a slot', async () => {
    const { port, backend, entries } = await startListener(
      { limits: { maxUpstreamConcurrent: 1 } },
      { resolveDelayMs: 300 },
    );
    const first = send({ port }, { headers: agentHeaders });
    await new Promise((r) => setTimeout(r, 50));
    const leaver = rawExchange({ port }, [goodRequest], { waitMs: 100 });
    expect((await leaver).status).toBe(0);
    expect((await first).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(backend.resolves).toHaveLength(1);
    expect(entries.map((e) => e.error)).toContain('client-closed');
  });
});

describe('lifecycle', () => {
  it('reports starting, running, stopping, stopped and refuses a port in use', async () => {
    const first = await startListener();
    expect(first.statuses.map((s) => s.state)).toEqual(['starting', 'running']);
    expect(first.server.status.url).toBe(`http://127.0.0.1:${first.port}/${testToken}`);
    const clash = new MetadataProxyServer(
      normaliseListener({ name: 'clash', cloudId: 'lab', mode: 'agent', port: first.port }),
      first.backend,
    );
    await expect(clash.start()).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(clash.status.state).toBe('failed');
    expect(clash.status.error?.message).toContain('already in use');
    await first.server.stop();
    expect(first.statuses.map((s) => s.state)).toEqual(['starting', 'running', 'stopping', 'stopped']);
  });

  it('finishes in-flight requests on stop, refuses new ones and closes idle keep-alives', async () => {
    const { port, server, backend } = await startListener(
      {},
      { resolveDelayMs: (r) => (r.ip === '10.0.0.10' ? 300 : 0) },
    );
    // Answered (404), then left open as an idle keep-alive.
    const keepAliveIdle = rawExchange(
      { port },
      [goodRequest.replace('X-Forwarded-For: 10.0.0.10', 'X-Forwarded-For: 10.0.0.99')],
      { waitMs: 3000 },
    );
    const silent = rawExchange({ port }, [], { waitMs: 3000 });
    const inFlight = send({ port }, { headers: agentHeaders });
    await new Promise((r) => setTimeout(r, 100));
    const stopped = server.stop();
    const refused = send({ port }, { headers: agentHeaders }).then(
      () => 'answered',
      (err: NodeJS.ErrnoException) => err.code,
    );
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.headers.connection).toBe('close');
    await stopped;
    expect(await refused).toBe('ECONNREFUSED');
    const idle = await keepAliveIdle;
    expect(idle.status).toBe(404);
    expect(idle.closedByServer).toBe(true);
    expect(idle.elapsedMs).toBeLessThan(1500);
    expect((await silent).closedByServer).toBe(true);
    expect(backend.forwards.length).toBeGreaterThanOrEqual(1);
  });

  it('cuts requests still running at the stop deadline', async () => {
    const { port, server } = await startListener({ limits: { stopDeadlineMs: 200 } }, { resolveDelayMs: 5000 });
    const hanging = rawExchange({ port }, [goodRequest], { waitMs: 4000 });
    await new Promise((r) => setTimeout(r, 100));
    const began = performance.now();
    await server.stop();
    expect(performance.now() - began).toBeLessThan(2000);
    expect((await hanging).closedByServer).toBe(true);
  });

  it('serves agent mode on a unix socket, replacing a stale socket but never a live one or a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stacklens-proxy-'));
    dirs.push(dir);
    const path = join(dir, 'metadata_proxy');
    // A stale socket: bound then abandoned without unlinking.
    const stale = createNetServer();
    await new Promise<void>((r) => stale.listen(path, r));
    const live = new MetadataProxyServer(
      normaliseListener({ name: 'x', cloudId: 'lab', mode: 'agent', port: null, socketPath: path }),
      createFakeBackend({ ports }),
    );
    await expect(live.start()).rejects.toMatchObject({ code: 'CONFLICT' });
    await new Promise<void>((r) => stale.close(() => r()));
    await writeFile(path, 'not a socket');
    await expect(live.start()).rejects.toThrow('is not a socket');
    await rm(path);
    const { server } = await startListener({ socketPath: path });
    expect(server.status.url).toBe(`unix:${path}`);
    const res = await send({ socketPath: path }, { headers: agentHeaders });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).uuid).toBe(vmA);
  });
});
