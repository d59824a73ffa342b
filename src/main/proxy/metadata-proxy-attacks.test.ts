/**
 * A hostile local process or web page against a running listener: no token, a DNS-rebinding
 * Host, absolute-form targets, 300 pipelined requests on one connection, a flood of connections,
 * and X-Forwarded-For rotation to dodge the rate limit. Real sockets, the real server.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ListenerInput, ProxyLogEntry } from '@shared/models/proxy';
import { MetadataProxyServer } from './metadata-proxy-server';
import { normaliseListener } from './listener-config';
import { createFakeBackend, type FakeBackendOptions } from './testing/fake-backend';
import { send } from './testing/http-client';
import { rawExchange, statusCodes } from './testing/raw-socket';

const routerA = 'aaaaaaaa-0000-4000-8000-000000000001';
const vmA = '11111111-1111-1111-1111-111111111111';
const ports: FakeBackendOptions['ports'] = [
  { ip: '10.0.0.10', routerId: routerA, networkId: routerA, instanceId: vmA, projectId: 'alpha' },
];
const agentHeaders = { 'X-Forwarded-For': '10.0.0.10', 'X-Neutron-Router-ID': routerA };

const running: MetadataProxyServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function startListener(input: Partial<ListenerInput> = {}, backendOptions: Partial<FakeBackendOptions> = {}) {
  const config = normaliseListener({ name: 'attacks', cloudId: 'lab', port: null, mode: 'agent', ...input });
  const backend = createFakeBackend({ ports, ...backendOptions });
  const server = new MetadataProxyServer(config, backend);
  const entries: ProxyLogEntry[] = [];
  server.events.on('request', (e) => entries.push(e));
  running.push(server);
  const status = await server.start();
  return {
    server,
    backend,
    entries,
    port: status.port as number,
    url: status.url as string,
    token: config.token as string,
  };
}

describe('listener token', () => {
  it('agent mode on TCP refuses a request without the token and answers one with it (header or path)', async () => {
    const { port, backend, entries, token, url } = await startListener();
    const bare = await send({ port }, { headers: agentHeaders });
    expect(bare.status).toBe(403);
    expect(backend.resolves).toHaveLength(0);
    expect(
      (await send({ port }, { headers: { ...agentHeaders, 'X-StackLens-Token': 'slt-' + 'x'.repeat(32) } })).status,
    ).toBe(403);

    const viaHeader = await send({ port }, { headers: { ...agentHeaders, 'X-StackLens-Token': token } });
    expect(viaHeader.status).toBe(200);
    expect(JSON.parse(viaHeader.body).uuid).toBe(vmA);
    // The status URL carries the token as a path prefix: a client appends nova's paths to it.
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/${token}$`));
    const viaPath = await send(
      { port },
      { path: `/${token}/openstack/latest/meta_data.json?x=1`, headers: agentHeaders },
    );
    expect(viaPath.status).toBe(200);
    expect(backend.forwards.at(-1)?.pathAndQuery).toBe('/openstack/latest/meta_data.json?x=1');
    // The token never reaches a log line.
    expect(JSON.stringify(entries)).not.toContain(token);
    expect(entries.map((e) => e.path)).toContain('/openstack/latest/meta_data.json?x=1');
  });

  it('instance mode needs the token too; each listener has its own', async () => {
    const a = await startListener({
      mode: 'instance',
      instance: { kind: 'instance', instanceId: vmA, projectId: 'alpha' },
    });
    const b = await startListener({
      mode: 'instance',
      instance: { kind: 'instance', instanceId: vmA, projectId: 'alpha' },
    });
    expect(a.token).not.toBe(b.token);
    expect((await send({ port: a.port })).status).toBe(403);
    expect((await send({ port: a.port }, { path: `/${b.token}/openstack` })).status).toBe(403);
    expect((await send({ port: a.port }, { path: `/${a.token}/openstack` })).status).toBe(200);
    expect(a.backend.forwards).toHaveLength(1);
  });

  it('agent mode on a unix socket stays token-free (haproxy) and the socket is owner-only from the start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sl-attack-'));
    dirs.push(dir);
    const socketPath = join(dir, 'metadata_proxy');
    const { backend } = await startListener({ socketPath });
    const res = await send({ socketPath }, { headers: { ...agentHeaders, Host: '169.254.169.254' } });
    expect(res.status).toBe(200);
    expect(backend.forwards).toHaveLength(1);
    expect((await stat(socketPath)).mode & 0o777).toBe(0o600);
    // Bound inside a private directory and moved into place: nothing else is left next to it.
    expect((await stat(dirname(socketPath))).isDirectory()).toBe(true);
  });
});

describe('DNS rebinding and request targets', () => {
  it('a Host that is not an IP literal, localhost or this machine gets 421 and nothing is resolved', async () => {
    const { port, backend, token } = await startListener();
    const headers = { ...agentHeaders, 'X-StackLens-Token': token };
    const rebound = await send({ port }, { headers: { ...headers, Host: `attacker.example:${port}` } });
    expect(rebound.status).toBe(421);
    expect(backend.resolves).toHaveLength(0);
    expect((await send({ port }, { headers: { ...headers, Host: `localhost:${port}` } })).status).toBe(200);
    expect((await send({ port }, { headers: { ...headers, Host: '169.254.169.254' } })).status).toBe(200);
    expect((await send({ port }, { headers: { ...headers, Host: `[::1]:${port}` } })).status).toBe(200);
  });

  it('absolute-form targets and OPTIONS * get 400, not 500', async () => {
    const { port, backend, token } = await startListener();
    const auth = `X-StackLens-Token: ${token}\r\nX-Forwarded-For: 10.0.0.10\r\nX-Neutron-Router-ID: ${routerA}\r\n`;
    const absolute = await rawExchange(
      { port },
      [`GET http://127.0.0.1:${port}/openstack HTTP/1.1\r\nHost: 127.0.0.1\r\n${auth}\r\n`],
      { untilResponses: 1 },
    );
    expect(absolute.status).toBe(400);
    const star = await rawExchange({ port }, [`OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\n${auth}\r\n`], {
      untilResponses: 1,
    });
    expect(star.status).toBe(400);
    expect(backend.resolves).toHaveLength(0);
  });
});

describe('bounded work per connection and per listener', () => {
  it('300 pipelined requests on one connection: at most one in flight, a bounded number of Neutron calls', async () => {
    const { port, backend, token } = await startListener({}, { resolveDelayMs: 5 });
    const one = `GET /openstack HTTP/1.1\r\nHost: 127.0.0.1\r\nX-StackLens-Token: ${token}\r\nX-Forwarded-For: 10.0.0.10\r\nX-Neutron-Router-ID: ${routerA}\r\n\r\n`;
    const result = await rawExchange({ port }, [one.repeat(300)], { waitMs: 8000 });
    expect(backend.peakConcurrent).toBe(1);
    expect(backend.resolves.length).toBeLessThanOrEqual(16);
    const codes = statusCodes(result.data);
    expect(codes[0]).toBe(200);
    expect(codes).toContain(503);
    expect(result.closedByServer).toBe(true);
  });

  it('the upstream queue is bounded: past it, 503 at once instead of waiting', async () => {
    const { port, backend, token } = await startListener(
      { limits: { maxUpstreamConcurrent: 1, upstreamTimeoutMs: 60_000 } },
      { resolveDelayMs: 200 },
    );
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 40 }, () =>
        send({ port }, { headers: { ...agentHeaders, 'X-StackLens-Token': token }, timeoutMs: 30_000 }).then((r) => ({
          status: r.status,
          ms: performance.now() - started,
        })),
      ),
    );
    const busy = answers.filter((a) => a.status === 503);
    expect(busy.length).toBeGreaterThanOrEqual(20);
    expect(Math.max(...busy.map((a) => a.ms))).toBeLessThan(2000);
    expect(backend.peakConcurrent).toBe(1);
  });

  it('agent-mode rate limits also key on the peer: rotating X-Forwarded-For does not dodge them', async () => {
    const { port, token } = await startListener({
      rateLimit: { enabled: true, baseLimit: 2, baseWindowSeconds: 60, burstLimit: 2, burstWindowSeconds: 60 },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      const res = await send(
        { port },
        {
          headers: {
            'X-Forwarded-For': `10.1.${Math.floor(i / 200)}.${i % 200}`,
            'X-Neutron-Router-ID': routerA,
            'X-StackLens-Token': token,
          },
        },
      );
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(15);
  });
});
