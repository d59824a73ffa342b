import { afterEach, describe, expect, it } from 'vitest';
import type { ListenerInput, ProxyLogEntry } from '@shared/models/proxy';
import { MetadataProxyServer } from './metadata-proxy-server';
import { normaliseListener } from './listener-config';
import { createFakeBackend, novaDown, type FakeBackendOptions } from './testing/fake-backend';
import { send as rawSend } from './testing/http-client';
import { testToken, tokenHeader } from './testing/test-token';

/** Every request carries the listener's token: these tests are about what comes after it. */
const send = (target: Parameters<typeof rawSend>[0], options: Parameters<typeof rawSend>[1] = {}) =>
  rawSend(target, { ...options, headers: { ...tokenHeader, ...options.headers } });

const routerA = 'aaaaaaaa-0000-4000-8000-000000000001';
const routerB = 'bbbbbbbb-0000-4000-8000-000000000002';
const netA = 'aaaaaaaa-1111-4000-8000-000000000001';
const netB = 'bbbbbbbb-1111-4000-8000-000000000002';
const vmA = '11111111-1111-1111-1111-111111111111';
const vmB = '22222222-2222-2222-2222-222222222222';

// Overlapping addresses, as in the lab: the same IP behind two routers.
const ports: FakeBackendOptions['ports'] = [
  { ip: '127.0.0.10', routerId: routerA, networkId: netA, instanceId: vmA, projectId: 'alpha' },
  { ip: '127.0.0.10', routerId: routerB, networkId: netB, instanceId: vmB, projectId: 'beta' },
  { ip: '10.0.0.10', routerId: routerA, networkId: netA, instanceId: vmA, projectId: 'alpha' },
  { ip: '10.0.0.10', routerId: routerB, networkId: netB, instanceId: vmB, projectId: 'beta' },
];

const running: MetadataProxyServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function startListener(
  input: Partial<ListenerInput> & Pick<ListenerInput, 'mode'>,
  backendOptions: Partial<FakeBackendOptions> = {},
) {
  const config = normaliseListener({ name: 'test', cloudId: 'lab', port: null, ...input }, { token: testToken });
  const backend = createFakeBackend({ ports, ...backendOptions });
  const server = new MetadataProxyServer(config, backend);
  const entries: ProxyLogEntry[] = [];
  server.events.on('request', (e) => entries.push(e));
  running.push(server);
  const status = await server.start();
  return { server, backend, entries, port: status.port as number };
}

describe('namespace mode', () => {
  it('answers as the peer behind the listener router and ignores client-sent scope headers', async () => {
    const { port, backend, entries } = await startListener({ mode: 'namespace', routerId: routerA });
    const plain = await send({ port }, { localAddress: '127.0.0.10' });
    const spoofed = await send(
      { port },
      {
        localAddress: '127.0.0.10',
        headers: { 'X-Neutron-Router-ID': routerB, 'X-Neutron-Network-ID': netB, 'X-Forwarded-For': '10.0.0.10' },
      },
    );
    expect(plain.status).toBe(200);
    expect(JSON.parse(plain.body).uuid).toBe(vmA);
    expect(spoofed.body).toBe(plain.body);
    expect(backend.resolves.map((r) => r.request)).toEqual([
      { ip: '127.0.0.10', routerId: routerA },
      { ip: '127.0.0.10', routerId: routerA },
    ]);
    expect(backend.forwards[1]).toMatchObject({ forwardedFor: '127.0.0.10', instanceId: vmA, projectId: 'alpha' });
    expect(entries[1]).toMatchObject({
      source: '127.0.0.10',
      routerId: routerA,
      instanceId: vmA,
      status: 200,
      hasTrace: true,
    });
  });

  it('reads X-Forwarded-For only from a trusted upstream', async () => {
    const { port, backend } = await startListener({
      mode: 'namespace',
      networkId: netB,
      trustedProxies: ['127.0.0.2/32'],
    });
    const trusted = await send({ port }, { localAddress: '127.0.0.2', headers: { 'X-Forwarded-For': '10.0.0.10' } });
    const untrusted = await send({ port }, { localAddress: '127.0.0.3', headers: { 'X-Forwarded-For': '10.0.0.10' } });
    const garbage = await send(
      { port },
      { localAddress: '127.0.0.2', headers: { 'X-Forwarded-For': '10.0.0.10, not-an-ip' } },
    );
    expect(trusted.status).toBe(200);
    expect(JSON.parse(trusted.body).uuid).toBe(vmB);
    expect(untrusted.status).toBe(404);
    expect(untrusted.body).toContain(`Instance was not found on network ${netB}.`);
    expect(garbage.status).toBe(400);
    expect(backend.resolves.map((r) => r.request.ip)).toEqual(['10.0.0.10', '127.0.0.3']);
  });
});

describe('agent mode', () => {
  const agentHeaders = (extra: Record<string, string>) => ({ 'X-Forwarded-For': '10.0.0.10', ...extra });

  it('resolves X-Forwarded-For within the router or network header', async () => {
    const { port, backend } = await startListener({ mode: 'agent' });
    const viaRouter = await send({ port }, { headers: agentHeaders({ 'X-Neutron-Router-ID': routerB }) });
    const viaNetwork = await send({ port }, { headers: agentHeaders({ 'X-Neutron-Network-ID': netA }) });
    expect(JSON.parse(viaRouter.body).uuid).toBe(vmB);
    expect(JSON.parse(viaNetwork.body).uuid).toBe(vmA);
    expect(backend.forwards.map((f) => f.forwardedFor)).toEqual(['10.0.0.10', '10.0.0.10']);
  });

  it('answers bad agent requests with 400s and never reaches Neutron', async () => {
    const { port, backend } = await startListener({ mode: 'agent' });
    const both = await send(
      { port },
      { headers: agentHeaders({ 'X-Neutron-Router-ID': routerA, 'X-Neutron-Network-ID': netA }) },
    );
    const neither = await send({ port }, { headers: agentHeaders({}) });
    const noXff = await send({ port }, { headers: { 'X-Neutron-Router-ID': routerA } });
    const twoXff = await send(
      { port },
      { headers: { 'X-Forwarded-For': '10.0.0.10, 10.0.0.11', 'X-Neutron-Router-ID': routerA } },
    );
    const badUuid = await send({ port }, { headers: agentHeaders({ 'X-Neutron-Router-ID': 'x; DROP TABLE ports' }) });
    expect(both.status).toBe(400);
    expect(both.body).toContain(`Both network ${netA} and router ${routerA} defined.`);
    for (const res of [neither, noXff, twoXff, badUuid]) expect(res.status).toBe(400);
    expect(badUuid.body).toContain('is not a UUID');
    expect(backend.resolves).toHaveLength(0);
  });

  it('relays nova answers like the agent and maps the rest', async () => {
    const statuses = [200, 400, 403, 404, 409, 500, 401, 418];
    let i = 0;
    const { port } = await startListener(
      { mode: 'agent' },
      {
        nova: () => ({
          status: statuses[i++],
          headers: { 'content-type': 'text/plain' },
          body: `nova said ${statuses[i - 1]}`,
        }),
      },
    );
    const seen: Array<[number, string]> = [];
    for (let n = 0; n < statuses.length; n += 1) {
      const res = await send({ port }, { headers: agentHeaders({ 'X-Neutron-Router-ID': routerA }) });
      seen.push([res.status, res.body]);
    }
    expect(seen.slice(0, 6)).toEqual(statuses.slice(0, 6).map((s) => [s, `nova said ${s}`]));
    expect(seen[6][0]).toBe(500);
    expect(seen[6][1]).toContain('Unexpected response code: 401');
    expect(seen[7][0]).toBe(500);
  });

  it('passes method, path, query and body through', async () => {
    const { port, backend } = await startListener({ mode: 'agent' });
    await send(
      { port },
      {
        method: 'POST',
        path: '/openstack/2013-04-04/password?x=1&y=%20',
        body: 'secret-password',
        headers: agentHeaders({ 'X-Neutron-Router-ID': routerA }),
      },
    );
    expect(backend.forwards[0]).toMatchObject({
      method: 'POST',
      pathAndQuery: '/openstack/2013-04-04/password?x=1&y=%20',
    });
    expect(backend.forwards[0].body?.toString()).toBe('secret-password');
  });

  it('answers 503 when nova is down, 500 when Neutron is, 404 when nothing or two ports match', async () => {
    const down = await startListener({ mode: 'agent' }, { nova: novaDown });
    const res503 = await send({ port: down.port }, { headers: agentHeaders({ 'X-Neutron-Router-ID': routerA }) });
    expect(res503.status).toBe(503);
    expect(res503.body).toContain('temporarily unavailable');
    expect(down.entries[0]).toMatchObject({ error: 'nova-unreachable', instanceId: vmA });

    const neutron = await startListener({ mode: 'agent' }, { neutronDown: true });
    const res500 = await send({ port: neutron.port }, { headers: agentHeaders({ 'X-Neutron-Router-ID': routerA }) });
    expect(res500.status).toBe(500);
    expect(neutron.entries[0].error).toBe('neutron-unreachable');
    expect(neutron.server.status.counters.upstreamErrors).toBe(1);

    const ambiguous = await startListener({ mode: 'agent' }, { ports: [...ports, { ...ports[0] }] });
    const res404 = await send(
      { port: ambiguous.port },
      { headers: { 'X-Forwarded-For': '127.0.0.10', 'X-Neutron-Router-ID': routerA } },
    );
    expect(res404.status).toBe(404);
    expect(ambiguous.entries[0].error).toBe('ambiguous');
    expect(ambiguous.backend.forwards).toHaveLength(0);
  });

  it('re-resolves once without the cache when nova answers 404 for a cached port', async () => {
    let calls = 0;
    const { port, backend } = await startListener(
      { mode: 'agent' },
      { cached: true, nova: (f) => ({ status: calls++ === 0 ? 404 : 200, headers: {}, body: f.instanceId }) },
    );
    const res = await send({ port }, { headers: agentHeaders({ 'X-Neutron-Router-ID': routerA }) });
    expect(res.status).toBe(200);
    expect(backend.resolves.map((r) => r.skipCache)).toEqual([false, true]);
  });
});

describe('instance mode', () => {
  it('answers every request as the chosen instance, without resolving', async () => {
    const { port, backend } = await startListener({
      mode: 'instance',
      instance: { kind: 'instance', instanceId: vmB, projectId: 'beta' },
    });
    const res = await send({ port }, { headers: { 'X-Forwarded-For': '10.0.0.10', 'X-Neutron-Router-ID': routerA } });
    expect(JSON.parse(res.body)).toEqual({ uuid: vmB, project_id: 'beta' });
    expect(backend.resolves).toHaveLength(0);
  });

  it('resolves a chosen address within its router', async () => {
    const { port, backend } = await startListener({
      mode: 'instance',
      instance: { kind: 'address', ip: '10.0.0.10', routerId: routerB },
    });
    const res = await send({ port });
    expect(JSON.parse(res.body).uuid).toBe(vmB);
    expect(backend.forwards[0].forwardedFor).toBe('10.0.0.10');
  });
});
