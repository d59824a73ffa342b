import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createResolver } from './resolver';
import { MAX_QUERY_NETWORKS, chunk, type NeutronPortRow } from './neutron-ports';
import { startFakeNeutron, type FakeNeutron } from './testing/fake-neutron';

const R1 = 'router-1';
const R_EMPTY = 'router-without-interfaces';
const NET_A = 'net-a';
const NET_B = 'net-b';
const NET_C = 'net-c';

const port = (id: string, p: Partial<NeutronPortRow> & { ip?: string }): NeutronPortRow => ({
  id,
  device_id: p.device_id ?? `dev-${id}`,
  device_owner: p.device_owner ?? 'compute:nova',
  tenant_id: p.tenant_id ?? 'proj-a',
  project_id: p.project_id ?? p.tenant_id ?? 'proj-a',
  network_id: p.network_id ?? NET_A,
  mac_address: p.mac_address ?? '',
  fixed_ips: p.ip ? [{ ip_address: p.ip, subnet_id: 'sub' }] : (p.fixed_ips ?? []),
});

const fixture: NeutronPortRow[] = [
  port('if-a', { device_id: R1, device_owner: 'network:router_interface', network_id: NET_A, ip: '10.0.0.1' }),
  port('if-b', {
    device_id: R1,
    device_owner: 'network:ha_router_replicated_interface',
    network_id: NET_B,
    ip: '192.168.1.1',
  }),
  port('gw', { device_id: R1, device_owner: 'network:router_gateway', network_id: NET_C, ip: '203.0.113.5' }),
  port('vm-a', {
    network_id: NET_A,
    ip: '10.0.0.10',
    mac_address: 'fa:16:3e:a1:00:01',
    device_id: 'inst-a',
    tenant_id: 'proj-a',
  }),
  port('vm-b', { network_id: NET_B, ip: '192.168.1.10', device_id: 'inst-b', tenant_id: 'proj-b' }),
  port('vm-c', { network_id: NET_C, ip: '10.0.0.10', device_id: 'inst-c', tenant_id: 'proj-c' }),
  port('dup-1', { network_id: NET_A, ip: '10.0.0.20', device_id: 'inst-d1' }),
  port('dup-2', { network_id: NET_A, ip: '10.0.0.20', device_id: 'inst-d2' }),
  port('spare', { network_id: NET_A, ip: '10.0.0.50', device_id: '', device_owner: '' }),
  port('dhcp', { network_id: NET_A, ip: '10.0.0.2', device_id: 'dhcp-host-net-a', device_owner: 'network:dhcp' }),
];

let neutron: FakeNeutron;
beforeAll(async () => {
  neutron = await startFakeNeutron(fixture);
});
afterAll(() => neutron.close());
beforeEach(() => {
  neutron.queries.length = 0;
  neutron.failWith = undefined;
  neutron.pageSize = 0;
  neutron.ports = fixture;
});

describe('chunk', () => {
  it('splits into runs of at most n and keeps order', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 160)).toEqual([]);
    const ids = Array.from({ length: 321 }, (_, i) => i);
    expect(chunk(ids, MAX_QUERY_NETWORKS).map((c) => c.length)).toEqual([160, 160, 1]);
    expect(chunk(ids, MAX_QUERY_NETWORKS).flat()).toEqual(ids);
  });

  it('refuses a size below 1', () => {
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});

describe('resolver over Neutron REST', () => {
  it('router path: interface networks (three owners, not the gateway), then the port by IP', async () => {
    const trace = await createResolver({ client: neutron.client }).resolve({ ip: '10.0.0.10', routerId: R1 });
    expect(trace.outcome).toEqual({
      kind: 'resolved',
      instanceId: 'inst-a',
      projectId: 'proj-a',
      portId: 'vm-a',
      deviceOwner: 'compute:nova',
      networkId: NET_A,
    });
    expect(trace.path).toBe('router');
    expect(trace.networks).toEqual([NET_A, NET_B]);
    expect(trace.neutronCalls).toBe(2);
    const [routerQuery, portQuery] = neutron.queries.map((u) => u.searchParams);
    expect(routerQuery.getAll('device_id')).toEqual([R1]);
    expect(routerQuery.getAll('device_owner')).toEqual([
      'network:router_interface',
      'network:ha_router_replicated_interface',
      'network:router_interface_distributed',
    ]);
    expect(portQuery.getAll('fixed_ips')).toEqual(['ip_address=10.0.0.10']);
    expect(portQuery.getAll('network_id')).toEqual([NET_A, NET_B]);
    expect(portQuery.get('device_owner')).toBeNull(); // the agent does not filter the VM port's owner
  });

  it('trace shape: every step named, with request, status, result and a duration; no token', async () => {
    const trace = await createResolver({ client: neutron.client, visibility: 'cloud' }).resolve({
      ip: '10.0.0.10',
      routerId: R1,
    });
    expect(trace.steps.map((s) => s.name)).toEqual(['normalise', 'router-networks', 'ports', 'decide']);
    for (const s of trace.steps) {
      expect(typeof s.detail).toBe('string');
      expect(s.durationMs).toBeGreaterThanOrEqual(0);
    }
    const io = trace.steps.filter((s) => s.request);
    expect(io).toHaveLength(2);
    for (const s of io) {
      expect(s.request).toMatch(/^GET \/v2\.0\/ports\?/);
      expect(s.status).toBe(200);
    }
    expect(trace.steps[2].request).toContain('fixed_ips=ip_address%3D10.0.0.10');
    expect(JSON.stringify(trace)).not.toContain('fake-token');
    expect(trace.visibility).toBe('cloud');
    expect(trace.durationMs).toBeGreaterThan(0);
    expect(trace.cached).toBe(false);
  });

  it('network path: only that network, one call; overlapping IPs resolve per network', async () => {
    const r = createResolver({ client: neutron.client });
    const c = await r.resolve({ ip: '10.0.0.10', networkId: NET_C });
    expect(c.outcome).toMatchObject({ kind: 'resolved', instanceId: 'inst-c', projectId: 'proj-c' });
    expect(c.neutronCalls).toBe(1);
    expect(neutron.queries[0].searchParams.getAll('network_id')).toEqual([NET_C]);
  });

  it('IPv4-mapped: looks up the IPv4, keeps the original in the request', async () => {
    const trace = await createResolver({ client: neutron.client }).resolve({
      ip: '::ffff:10.0.0.10',
      networkId: NET_A,
    });
    expect(trace.address).toEqual({ kind: 'ipv4-mapped', lookupIp: '10.0.0.10' });
    expect(trace.request.ip).toBe('::ffff:10.0.0.10');
    expect(trace.outcome).toMatchObject({ kind: 'resolved', instanceId: 'inst-a' });
  });

  it('IPv6 link-local: looks up by the MAC only (no fixed_ips filter)', async () => {
    const trace = await createResolver({ client: neutron.client }).resolve({
      ip: 'fe80::f816:3eff:fea1:1',
      routerId: R1,
    });
    expect(trace.outcome).toMatchObject({ kind: 'resolved', instanceId: 'inst-a' });
    const q = neutron.queries[1].searchParams;
    expect(q.getAll('mac_address')).toEqual(['fa:16:3e:a1:00:01']);
    expect(q.get('fixed_ips')).toBeNull();
  });

  it('warns when a link-local address is not EUI-64', async () => {
    const trace = await createResolver({ client: neutron.client }).resolve({
      ip: 'fe80::1234:5678:9abc:def0',
      networkId: NET_A,
    });
    expect(trace.outcome).toMatchObject({ kind: 'not-found', why: 'no-port' });
    expect(trace.warnings?.join(' ')).toMatch(/not a modified EUI-64/);
  });

  it('several ports: not found, naming every port', async () => {
    const trace = await createResolver({ client: neutron.client }).resolve({ ip: '10.0.0.20', networkId: NET_A });
    expect(trace.outcome).toMatchObject({ kind: 'not-found', why: 'several-ports', portCount: 2 });
    const o = trace.outcome as { portIds: string[]; reason: string };
    expect(o.portIds.sort()).toEqual(['dup-1', 'dup-2']);
    expect(o.reason).toContain('dup-1');
  });

  it('no port: not found with zero ports', async () => {
    const trace = await createResolver({ client: neutron.client }).resolve({ ip: '10.0.0.99', routerId: R1 });
    expect(trace.outcome).toMatchObject({ kind: 'not-found', why: 'no-port', portCount: 0, portIds: [] });
  });

  it('one port without a device: not found, as the agent (it needs a device_id)', async () => {
    const trace = await createResolver({ client: neutron.client }).resolve({ ip: '10.0.0.50', networkId: NET_A });
    expect(trace.outcome).toMatchObject({ kind: 'not-found', why: 'no-device', portIds: ['spare'] });
  });

  it('a DHCP port resolves (the agent does not filter on device_owner) with a warning', async () => {
    const trace = await createResolver({ client: neutron.client }).resolve({ ip: '10.0.0.2', networkId: NET_A });
    expect(trace.outcome).toMatchObject({
      kind: 'resolved',
      instanceId: 'dhcp-host-net-a',
      deviceOwner: 'network:dhcp',
    });
    expect(trace.warnings?.join(' ')).toMatch(/network:dhcp.*nova answers 404/);
  });

  it('both ids: refused without any Neutron call', async () => {
    const trace = await createResolver({ client: neutron.client }).resolve({
      ip: '10.0.0.10',
      routerId: R1,
      networkId: NET_A,
    });
    expect(trace.outcome).toMatchObject({ kind: 'refused', code: 'BOTH_IDS' });
    expect(trace.neutronCalls).toBe(0);
    expect(neutron.queries).toHaveLength(0);
  });

  it('neither id, or a bad address: refused, saying what the agent does', async () => {
    const r = createResolver({ client: neutron.client });
    expect((await r.resolve({ ip: '10.0.0.10' })).outcome).toMatchObject({ kind: 'refused', code: 'NO_ID' });
    const bad = await r.resolve({ ip: '10.0.0.10, 10.0.0.11', networkId: NET_A });
    expect(bad.outcome).toMatchObject({ kind: 'refused', code: 'BAD_ADDRESS' });
    expect((bad.outcome as { agentBehaviour: string }).agentBehaviour).toMatch(/500/);
    expect(neutron.queries).toHaveLength(0);
  });

  it('a router without interfaces: UNSAFE_REFUSED instead of a cloud-wide search', async () => {
    const trace = await createResolver({ client: neutron.client }).resolve({ ip: '192.168.1.10', routerId: R_EMPTY });
    expect(trace.outcome).toMatchObject({ kind: 'refused', code: 'UNSAFE_REFUSED' });
    expect((trace.outcome as { agentBehaviour: string }).agentBehaviour).toMatch(/every project/);
    expect(neutron.queries).toHaveLength(1); // the interface query only, no unscoped port search
  });

  it('chunks more than 160 networks into several port queries and merges the result', async () => {
    const nets = Array.from({ length: 330 }, (_, i) => `net-${i}`);
    neutron.ports = [
      ...nets.map((n, i) =>
        port(`if-${i}`, { device_id: 'big-router', device_owner: 'network:router_interface', network_id: n }),
      ),
      port('vm-far', { network_id: 'net-300', ip: '10.9.9.9', device_id: 'inst-far', tenant_id: 'proj-far' }),
    ];
    const trace = await createResolver({ client: neutron.client }).resolve({ ip: '10.9.9.9', routerId: 'big-router' });
    expect(trace.outcome).toMatchObject({ kind: 'resolved', instanceId: 'inst-far' });
    const portQueries = neutron.queries.slice(1);
    expect(portQueries.map((u) => u.searchParams.getAll('network_id').length)).toEqual([160, 160, 10]);
    expect(portQueries.flatMap((u) => u.searchParams.getAll('network_id'))).toEqual(nets);
    expect(trace.neutronCalls).toBe(4);
    expect(trace.steps.filter((s) => s.name === 'ports')).toHaveLength(3);
  });

  it('follows Neutron pagination links and counts each page', async () => {
    neutron.pageSize = 1;
    const trace = await createResolver({ client: neutron.client }).resolve({ ip: '10.0.0.10', routerId: R1 });
    expect(trace.networks).toEqual([NET_A, NET_B]);
    expect(trace.outcome).toMatchObject({ kind: 'resolved', instanceId: 'inst-a' });
    expect(trace.neutronCalls).toBe(3); // interfaces: 2 pages of 1; ports: 1
  });

  it('a Neutron 403 becomes an error outcome that asks for an admin session', async () => {
    neutron.failWith = 403;
    const trace = await createResolver({ client: neutron.client }).resolve({ ip: '10.0.0.10', routerId: R1 });
    expect(trace.outcome).toMatchObject({ kind: 'error', code: 'FORBIDDEN' });
    expect((trace.outcome as { hint: string }).hint).toMatch(/admin session/);
    const failed = trace.steps.find((s) => s.outcome === 'error');
    expect(failed).toMatchObject({ name: 'router-networks', status: 403 });
  });

  it('a project-scoped session says the answer may differ from the agent', async () => {
    const trace = await createResolver({ client: neutron.client, visibility: () => 'project' }).resolve({
      ip: '10.0.0.99',
      networkId: NET_A,
    });
    expect(trace.visibility).toBe('project');
    expect(trace.warnings?.join(' ')).toMatch(/admin session/);
    expect((trace.outcome as { reason: string }).reason).toMatch(/visible to this project/);
  });
});

describe('resolver cache', () => {
  it('is off by default: every resolution asks Neutron', async () => {
    const r = createResolver({ client: neutron.client });
    await r.resolve({ ip: '10.0.0.10', routerId: R1 });
    const again = await r.resolve({ ip: '10.0.0.10', routerId: R1 });
    expect(r.cacheEnabled).toBe(false);
    expect(again.cached).toBe(false);
    expect(neutron.queries).toHaveLength(4);
  });

  it('serves a repeat from the cache with no Neutron call; skipCache reads Neutron and rewrites', async () => {
    const r = createResolver({ client: neutron.client, cache: { ttlMs: 10_000, max: 100 } });
    await r.resolve({ ip: '10.0.0.10', routerId: R1 });
    const hit = await r.resolve({ ip: '10.0.0.10', routerId: R1 });
    expect(hit.cached).toBe(true);
    expect(hit.neutronCalls).toBe(0);
    expect(hit.outcome).toMatchObject({ kind: 'resolved', instanceId: 'inst-a' });
    expect(hit.steps.filter((s) => s.outcome === 'cached').map((s) => s.name)).toEqual(['router-networks', 'ports']);
    expect(neutron.queries).toHaveLength(2);

    // The port moves to another device: a stale cache still answers the old one until skipCache.
    neutron.ports = fixture.map((p) => (p.id === 'vm-a' ? { ...p, device_id: 'inst-new' } : p));
    expect((await r.resolve({ ip: '10.0.0.10', routerId: R1 })).outcome).toMatchObject({ instanceId: 'inst-a' });
    const fresh = await r.resolve({ ip: '10.0.0.10', routerId: R1 }, { skipCache: true });
    expect(fresh.outcome).toMatchObject({ instanceId: 'inst-new' });
    expect(fresh.cached).toBe(false);
    expect((await r.resolve({ ip: '10.0.0.10', routerId: R1 })).outcome).toMatchObject({
      instanceId: 'inst-new',
      kind: 'resolved',
    });
  });

  it('expires entries after the TTL', async () => {
    const r = createResolver({ client: neutron.client, cache: { ttlMs: 30, max: 10 } });
    await r.resolve({ ip: '10.0.0.10', networkId: NET_A });
    await new Promise((res) => setTimeout(res, 60));
    const later = await r.resolve({ ip: '10.0.0.10', networkId: NET_A });
    expect(later.cached).toBe(false);
    expect(later.neutronCalls).toBe(1);
  });
});

describe('router networks cached apart (routerNetworksTtlMs), the port step always asked', () => {
  const NET_D = 'net-d';
  const withPorts = (...extra: NeutronPortRow[]) => [...fixture, ...extra];
  const portQueries = () =>
    neutron.queries.filter((q) => q.searchParams.has('fixed_ips') || q.searchParams.has('mac_address'));
  const routerQueries = () => neutron.queries.filter((q) => q.searchParams.has('device_id'));

  it('asks the router once, then one port query per lookup', async () => {
    const r = createResolver({ client: neutron.client, routerNetworksTtlMs: 60_000 });
    const first = await r.resolve({ ip: '10.0.0.10', routerId: R1 });
    const second = await r.resolve({ ip: '192.168.1.10', routerId: R1 });
    expect(first.neutronCalls).toBe(2);
    expect(first.routerNetworksCached).toBeUndefined();
    expect(second.outcome).toMatchObject({ kind: 'resolved', instanceId: 'inst-b', projectId: 'proj-b' });
    expect(second.neutronCalls).toBe(1);
    expect(second.routerNetworksCached).toBe(true);
    expect(second.cached).toBe(false); // the port step was asked: not an answer from the cache
    expect(second.steps.map((s) => [s.name, s.outcome])).toContainEqual(['router-networks', 'cached']);
    expect(routerQueries()).toHaveLength(1);
    expect(portQueries()).toHaveLength(2);
  });

  it("sees a port's new IP at once: the old IP is a miss (router asked again), the new one resolves", async () => {
    const r = createResolver({ client: neutron.client, routerNetworksTtlMs: 60_000 });
    expect((await r.resolve({ ip: '10.0.0.10', routerId: R1 })).outcome).toMatchObject({ instanceId: 'inst-a' });
    neutron.ports = fixture.map((p) =>
      p.id === 'vm-a' ? { ...p, fixed_ips: [{ ip_address: '10.0.0.77', subnet_id: 'sub' }] } : p,
    );
    neutron.queries.length = 0;
    const old = await r.resolve({ ip: '10.0.0.10', routerId: R1 });
    expect(old.outcome).toMatchObject({ kind: 'not-found', why: 'no-port' });
    // The miss dropped the entry: the router was asked again; same networks, so no second port query.
    expect(routerQueries()).toHaveLength(1);
    expect(portQueries()).toHaveLength(1);
    expect(old.routerNetworksCached).toBeUndefined();
    const moved = await r.resolve({ ip: '10.0.0.77', routerId: R1 });
    expect(moved.outcome).toMatchObject({ kind: 'resolved', instanceId: 'inst-a', portId: 'vm-a' });
    expect(moved.neutronCalls).toBe(1);
  });

  it('sees a new router interface at once: the miss on the cached networks re-asks the router', async () => {
    const r = createResolver({ client: neutron.client, routerNetworksTtlMs: 60_000 });
    await r.resolve({ ip: '10.0.0.10', routerId: R1 }); // caches [net-a, net-b]
    neutron.ports = withPorts(
      port('if-d', { device_id: R1, device_owner: 'network:router_interface', network_id: NET_D, ip: '172.16.5.1' }),
      port('vm-d', { network_id: NET_D, ip: '172.16.5.5', device_id: 'inst-new', tenant_id: 'proj-d' }),
    );
    neutron.queries.length = 0;
    const trace = await r.resolve({ ip: '172.16.5.5', routerId: R1 });
    expect(trace.outcome).toMatchObject({ kind: 'resolved', instanceId: 'inst-new', projectId: 'proj-d' });
    expect(trace.networks).toEqual([NET_A, NET_B, NET_D]);
    expect(trace.neutronCalls).toBe(3); // ports on the cached networks, the router again, ports on the fresh ones
    expect(portQueries().at(-1)?.searchParams.getAll('network_id')).toEqual([NET_A, NET_B, NET_D]);
    // The fresh entry is kept: the next lookup on the new network costs one call.
    expect((await r.resolve({ ip: '172.16.5.5', routerId: R1 })).neutronCalls).toBe(1);
  });

  it('a removed interface network is no longer searched once the router is asked again (skipCache)', async () => {
    const r = createResolver({ client: neutron.client, routerNetworksTtlMs: 60_000 });
    await r.resolve({ ip: '192.168.1.10', routerId: R1 });
    neutron.ports = fixture.filter((p) => p.id !== 'if-b');
    // What the proxy does after nova's 404 for an answer built on a cached router step.
    const fresh = await r.resolve({ ip: '192.168.1.10', routerId: R1 }, { skipCache: true });
    expect(fresh.networks).toEqual([NET_A]);
    expect(fresh.outcome).toMatchObject({ kind: 'not-found', why: 'no-port' });
    expect(fresh.routerNetworksCached).toBeUndefined();
  });

  it('expires after the TTL', async () => {
    const r = createResolver({ client: neutron.client, routerNetworksTtlMs: 40 });
    await r.resolve({ ip: '10.0.0.10', routerId: R1 });
    await new Promise((done) => setTimeout(done, 80));
    expect((await r.resolve({ ip: '10.0.0.10', routerId: R1 })).neutronCalls).toBe(2);
  });

  it('is off by default: two calls on every router-path lookup', async () => {
    const r = createResolver({ client: neutron.client });
    await r.resolve({ ip: '10.0.0.10', routerId: R1 });
    expect((await r.resolve({ ip: '10.0.0.10', routerId: R1 })).neutronCalls).toBe(2);
  });
});
