import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createResolver } from './resolver';
import type { OvnPortRow } from './ovn-lookup';
import { startFakeNeutron, type FakeNeutron } from './testing/fake-neutron';

const NET = '7d1f0a6c-0000-4000-8000-00000000000a';
const OTHER = '7d1f0a6c-0000-4000-8000-00000000000b';

const port = (id: string, p: Partial<OvnPortRow> & { ip: string }): OvnPortRow => ({
  id,
  device_id: p.device_id ?? `inst-${id}`,
  device_owner: p.device_owner ?? 'compute:nova',
  project_id: p.project_id ?? 'proj-a',
  tenant_id: p.project_id ?? 'proj-a',
  network_id: p.network_id ?? NET,
  mac_address: p.mac_address ?? `fa:16:3e:00:00:${id.length.toString(16).padStart(2, '0')}`,
  fixed_ips: [{ ip_address: p.ip, subnet_id: 'sub' }],
  status: p.status ?? 'ACTIVE',
  'binding:host_id': p['binding:host_id'] ?? 'compute-1',
  'binding:vif_type': 'ovs',
});

const fixture: OvnPortRow[] = [
  port('vm1', { ip: '10.0.0.10', mac_address: 'fa:16:3e:a1:00:01', device_id: 'inst-1' }),
  port('vm1-other-net', { ip: '10.0.0.10', network_id: OTHER, device_id: 'inst-9', project_id: 'proj-b' }),
  port('unclaimed', { ip: '10.0.0.20', status: 'DOWN' }),
  port('unbound', { ip: '10.0.0.21', status: 'DOWN', 'binding:host_id': '' }),
  port('md', { ip: '10.0.0.2', device_owner: 'network:distributed', device_id: `ovnmeta-${NET}`, status: 'DOWN' }),
  port('rtr', { ip: '10.0.0.1', device_owner: 'network:router_interface', device_id: 'router-1' }),
  port('nodev', { ip: '10.0.0.30', device_id: '' }),
];

let neutron: FakeNeutron;
beforeAll(async () => {
  neutron = await startFakeNeutron(fixture);
});
afterAll(() => neutron.close());
beforeEach(() => {
  neutron.queries.length = 0;
  neutron.failWith = undefined;
});

const resolve = (ip: string, ovnNetworkId: string | undefined = NET, extra: Record<string, string> = {}) =>
  createResolver({ client: neutron.client, visibility: 'cloud' }).resolve({ ip, ovnNetworkId, ...extra });

describe('resolver, OVN path (X-OVN-Network-ID)', () => {
  it('one bound port on the network: resolved with one Neutron call scoped to that network', async () => {
    const trace = await resolve('10.0.0.10');
    expect(trace.path).toBe('ovn');
    expect(trace.outcome).toMatchObject({ kind: 'resolved', instanceId: 'inst-1', projectId: 'proj-a', portId: 'vm1' });
    expect(trace.neutronCalls).toBe(1);
    const q = neutron.queries[0].searchParams;
    expect(q.getAll('network_id')).toEqual([NET]);
    expect(q.get('fixed_ips')).toBe('ip_address=10.0.0.10');
    expect(q.getAll('fields')).toEqual(expect.arrayContaining(['status', 'binding:host_id']));
  });

  it('the same IP on another network answers for that network only (overlapping IPs)', async () => {
    const trace = await resolve('10.0.0.10', OTHER);
    expect(trace.outcome).toMatchObject({ kind: 'resolved', instanceId: 'inst-9', projectId: 'proj-b' });
  });

  it('a port bound in Neutron but not claimed by a chassis: not found, and says where to look', async () => {
    const trace = await resolve('10.0.0.20');
    expect(trace.outcome).toMatchObject({
      kind: 'not-found',
      why: 'not-claimed',
      portCount: 0,
      portIds: ['unclaimed'],
    });
    const reason = (trace.outcome as { reason: string }).reason;
    expect(reason).toContain('bound to host compute-1');
    expect(reason).toContain('neutron-ovn-db-sync-util');
  });

  it('a port bound to no host: not found, no host named', async () => {
    const trace = await resolve('10.0.0.21');
    expect(trace.outcome).toMatchObject({ kind: 'not-found', why: 'not-claimed' });
    expect((trace.outcome as { reason: string }).reason).toContain('not bound to any host');
  });

  it('the metadata localport and router interface never match (no chassis in OVN), with a warning', async () => {
    for (const ip of ['10.0.0.2', '10.0.0.1']) {
      const trace = await resolve(ip);
      expect(trace.outcome).toMatchObject({ kind: 'not-found', why: 'no-port', portCount: 0 });
      expect(trace.warnings?.join(' ')).toMatch(/no chassis in OVN/);
    }
  });

  it('a bound port without device_id: not found (no instance to ask nova for)', async () => {
    const trace = await resolve('10.0.0.30');
    expect(trace.outcome).toMatchObject({ kind: 'not-found', why: 'no-device', portCount: 1 });
  });

  it('unknown IP: not found, naming the agent log line', async () => {
    const trace = await resolve('10.0.0.99');
    expect(trace.outcome).toMatchObject({ kind: 'not-found', why: 'no-port' });
    expect((trace.outcome as { reason: string }).reason).toContain('No port found in network');
  });

  it('link-local: looked up by the MAC in the EUI-64 id (2024.1+), with the Zed difference said', async () => {
    const trace = await resolve('fe80::f816:3eff:fea1:1');
    expect(neutron.queries[0].searchParams.get('mac_address')).toBe('fa:16:3e:a1:00:01');
    expect(neutron.queries[0].searchParams.get('fixed_ips')).toBeNull();
    expect(trace.outcome).toMatchObject({ kind: 'resolved', instanceId: 'inst-1' });
    expect(trace.warnings?.join(' ')).toMatch(/Zed.*404/);
  });

  it('refusals: no network id, and an address that is not one IP; no Neutron call', async () => {
    const none = await resolve('10.0.0.10', '');
    expect(none.outcome).toMatchObject({ kind: 'refused', code: 'NO_ID' });
    expect((none.outcome as { agentBehaviour: string }).agentBehaviour).toContain('404');
    const bad = await resolve('10.0.0.10, 10.0.0.11');
    expect(bad.outcome).toMatchObject({ kind: 'refused', code: 'BAD_ADDRESS' });
    expect(neutron.queries).toHaveLength(0);
  });

  it('X-Neutron-* ids next to X-OVN-Network-ID are ignored, as the OVN agent does, and said so', async () => {
    const trace = await resolve('10.0.0.10', NET, { routerId: 'router-1' });
    expect(trace.outcome.kind).toBe('resolved');
    expect(trace.warnings?.join(' ')).toContain('ignored on the OVN path');
  });

  it('Neutron refusing the list (non-admin) is an error with the admin hint', async () => {
    neutron.failWith = 403;
    const trace = await resolve('10.0.0.10');
    expect(trace.outcome).toMatchObject({ kind: 'error', code: 'FORBIDDEN' });
    expect((trace.outcome as { hint?: string }).hint).toContain('admin');
  });
});
