/**
 * The production backend of an uncached agent-mode listener, end to end over real sockets: the
 * real resolver against a loopback Neutron (fake-neutron: Neutron's filter semantics over a port
 * table the test changes) and a loopback nova that answers 404 for deleted instances. Proves the
 * router step kept apart stays exact: a changed port, a new interface and nova's 404 are all seen.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProxyLogEntry } from '@shared/models/proxy';
import { startHttpServer, type TestServer } from '../openstack/test-servers';
import type { NeutronPortRow } from '../metadata/neutron-ports';
import { startFakeNeutron, type FakeNeutron } from '../metadata/testing/fake-neutron';
import { createMetadataBackend } from './metadata-backend';
import { MetadataProxyServer } from './metadata-proxy-server';
import { normaliseListener } from './listener-config';
import { send } from './testing/http-client';
import { testToken, tokenHeader } from './testing/test-token';

const ROUTER = 'aaaaaaaa-0000-4000-8000-000000000001';
const NET_A = 'net-a';
const NET_B = 'net-b';
const row = (id: string, network: string, ip: string, device: string, owner = 'compute:nova'): NeutronPortRow => ({
  id,
  device_id: device,
  device_owner: owner,
  project_id: 'proj',
  tenant_id: 'proj',
  network_id: network,
  fixed_ips: [{ ip_address: ip, subnet_id: `sub-${network}` }],
});
const ifA = row('if-a', NET_A, '10.0.0.1', ROUTER, 'network:router_interface');
const ifB = row('if-b', NET_B, '10.1.0.1', ROUTER, 'network:router_interface');
const vm1 = row('vm-1', NET_A, '10.0.0.10', 'inst-1');
const vm2 = row('vm-2', NET_B, '10.1.0.20', 'inst-2');

let neutron: FakeNeutron;
let nova: TestServer;
const deleted = new Set<string>();
const novaCalls: string[] = [];
let server: MetadataProxyServer | undefined;

beforeAll(async () => {
  neutron = await startFakeNeutron([]);
  nova = await startHttpServer((req, res) => {
    const instance = String(req.headers['x-instance-id']);
    novaCalls.push(instance);
    res.writeHead(deleted.has(instance) ? 404 : 200, { 'content-type': 'text/plain' });
    res.end(deleted.has(instance) ? 'not found' : instance);
  });
});
afterAll(async () => {
  await neutron.close();
  await nova.close();
});
beforeEach(() => {
  neutron.ports = [ifA, vm1];
  neutron.queries.length = 0;
  neutron.delayMs = 0;
  neutron.peakInFlight = 0;
  deleted.clear();
  novaCalls.length = 0;
});
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function startUncached() {
  const config = normaliseListener({ name: 't', cloudId: 'c', mode: 'agent', port: null }, { token: testToken });
  const backend = createMetadataBackend({
    client: () => neutron.client,
    target: () => ({ url: nova.url, secret: 's' }),
    visibility: () => 'cloud',
    useCache: false,
  });
  server = new MetadataProxyServer(config, backend);
  const entries: ProxyLogEntry[] = [];
  server.events.on('request', (e) => entries.push(e));
  const { port } = await server.start();
  const ask = (ip: string) =>
    send(
      { port: port as number },
      { headers: { 'X-Forwarded-For': ip, 'X-Neutron-Router-ID': ROUTER, ...tokenHeader } },
    );
  return { ask, entries };
}

const routerQueries = () => neutron.queries.filter((q) => q.searchParams.has('device_id')).length;
const portQueries = () => neutron.queries.filter((q) => q.searchParams.has('fixed_ips')).length;

describe('uncached agent mode: router step cached apart, port step always asked', () => {
  it('one Neutron call per request once the router is known, with timings in the log', async () => {
    const { ask, entries } = await startUncached();
    for (let i = 0; i < 3; i++) expect((await ask('10.0.0.10')).body).toBe('inst-1');
    expect(routerQueries()).toBe(1);
    expect(portQueries()).toBe(3);
    expect(entries.map((e) => e.trace?.routerNetworksCached ?? false)).toEqual([false, true, true]);
    for (const e of entries) {
      expect(e.timings?.neutronMs).toBeGreaterThan(0);
      expect(e.timings?.novaMs).toBeGreaterThan(0);
    }
  });

  it("follows a port's IP change at once (the port step is never cached)", async () => {
    const { ask } = await startUncached();
    expect((await ask('10.0.0.10')).body).toBe('inst-1');
    neutron.ports = [ifA, { ...vm1, device_id: 'inst-9' }, row('vm-old', NET_A, '10.0.0.11', 'inst-1')];
    expect((await ask('10.0.0.10')).body).toBe('inst-9');
    neutron.ports = [ifA, row('vm-old', NET_A, '10.0.0.11', 'inst-1')];
    const gone = await ask('10.0.0.10');
    expect(gone.status).toBe(404);
    expect(novaCalls).toEqual(['inst-1', 'inst-9']); // a miss is answered without nova
  });

  it('a new router interface is found on the first request (the miss drops the cached networks)', async () => {
    const { ask } = await startUncached();
    await ask('10.0.0.10');
    neutron.ports = [ifA, ifB, vm1, vm2];
    const res = await ask('10.1.0.20');
    expect(res.status).toBe(200);
    expect(res.body).toBe('inst-2');
    expect(routerQueries()).toBe(2);
  });

  it("nova's 404 drops the router step: asked again, and nova asked again only when the answer changed", async () => {
    const { ask, entries } = await startUncached();
    await ask('10.0.0.10');
    deleted.add('inst-1');
    const same = await ask('10.0.0.10');
    expect(same.status).toBe(404);
    expect(routerQueries()).toBe(2);
    expect(novaCalls).toEqual(['inst-1', 'inst-1']); // the fresh lookup gave the same port: no third call
    expect(entries.at(-1)?.trace?.routerNetworksCached).toBeUndefined();

    // The interface network changed behind the cached entry: the 404 re-resolves onto the new one.
    deleted.clear();
    await ask('10.0.0.10'); // re-caches [net-a]
    deleted.add('inst-1');
    neutron.ports = [ifB, vm1, row('vm-3', NET_B, '10.0.0.10', 'inst-3')];
    const moved = await ask('10.0.0.10');
    expect(moved.status).toBe(200);
    expect(moved.body).toBe('inst-3');
  });

  it('identical concurrent requests share lookups that started after they arrived', async () => {
    const { ask, entries } = await startUncached();
    await ask('10.0.0.10');
    neutron.queries.length = 0;
    neutron.delayMs = 60;
    const answers = await Promise.all(Array.from({ length: 12 }, () => ask('10.0.0.10')));
    expect(answers.every((a) => a.body === 'inst-1')).toBe(true);
    // One lookup at a time per key: the others wait for the next one, never join a running one.
    expect(neutron.peakInFlight).toBe(1);
    const shared = entries.slice(1).filter((e) => e.trace?.neutronCalls === 0);
    expect(shared).toHaveLength(12 - portQueries());
    for (const e of shared) expect(e.trace?.warnings?.join(' ')).toContain('started after this request arrived');
  });
});
