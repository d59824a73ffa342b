/**
 * The topology fetch against the lab's REAL Neutron and Nova: what StackLens shows is exactly what
 * the services hold (compared with direct API lists), with every page followed at page size 2,
 * as admin in all-projects mode, filtered to a project, and as alice (only alpha).
 */
import { beforeAll, expect, it } from 'vitest';
import type { TopologySnapshot } from '../../src/shared/models/topology';
import {
  buildNetworkTree,
  buildRouterTree,
  buildSearchIndex,
  buildTopologyModel,
  locateInRouterTree,
} from '../../src/shared/topology';
import { fetchTopology, type FetchScope } from '../../src/main/topology/fetch-topology';
import type { TopologyProgress } from '../../src/main/topology/progress';
import type { KeystoneSession } from '../../src/main/openstack/keystone-session';
import { createServiceClient, type ServiceType } from '../../src/main/openstack/service-client';
import { closedPort, startHttpServer } from '../../src/main/openstack/test-servers';
import { describeLab, labSession, requireLab } from './lab';
import { directList, labIdsFor, scopeOf, type DirectLists } from './topology-lab';

const ids = (items: Array<{ id: string }>) => items.map((i) => i.id).sort();

/** Every resource's ids in a snapshot vs in direct lists. */
function expectSameResources(snapshot: TopologySnapshot, direct: DirectLists): void {
  expect(ids(snapshot.routers), 'routers').toEqual(ids(direct.routers));
  expect(ids(snapshot.networks), 'networks').toEqual(ids(direct.networks));
  expect(ids(snapshot.subnets), 'subnets').toEqual(ids(direct.subnets));
  expect(ids(snapshot.ports), 'ports').toEqual(ids(direct.ports));
  expect(ids(snapshot.floatingIps), 'floating IPs').toEqual(ids(direct.floatingips));
  expect(ids(snapshot.servers), 'servers').toEqual(ids(direct.servers));
}

describeLab('topology fetch against the lab', () => {
  let admin: KeystoneSession;
  let alice: KeystoneSession;
  let adminDirect: DirectLists;
  let aliceDirect: DirectLists;
  let all: TopologySnapshot;
  let allProgress: TopologyProgress[];
  let pageSize: number;

  beforeAll(async () => {
    const lab = requireLab();
    admin = await labSession(lab, 'admin');
    alice = await labSession(lab, 'alice');
    adminDirect = await directList(admin, {}, { all_tenants: '1' });
    aliceDirect = await directList(alice, {});
    allProgress = [];
    // Page size 2 follows every page of the seeded lab; after BENCH_BIG added 5,000 ports, 50 keeps it quick.
    pageSize = adminDirect.ports.length > 200 ? 50 : 2;
    all = await fetchTopology(
      admin.client(),
      { ...scopeOf(admin), allProjects: true },
      { pageSize, portStreams: 1, onProgress: (p) => allProgress.push(p) },
    );
  });

  it('lists the ports from both ends of the id order at once: the same ports, about half the pages each', async () => {
    const both = await fetchTopology(
      admin.client(),
      { ...scopeOf(admin), allProjects: true },
      { pageSize, portStreams: 2 },
    );
    expect(ids(both.ports).sort()).toEqual(ids(adminDirect.ports).sort());
    const oneStream = Math.floor(adminDirect.ports.length / pageSize) + 1;
    // Each stream stops once it holds the other's last id: at most one page each beyond one stream's count.
    expect(both.stats.callsByResource.ports).toBeGreaterThanOrEqual(2);
    expect(both.stats.callsByResource.ports).toBeLessThanOrEqual(oneStream + 2);
  });

  it('admin, all projects, page size 2 (50 after BENCH_BIG): every router, network, subnet, port, floating IP and server arrives', () => {
    expectSameResources(all, adminDirect);
    for (const list of [all.routers, all.networks, all.subnets, all.ports, all.floatingIps, all.servers])
      expect(new Set(ids(list)).size).toBe(list.length);
    expect(all.compute).toEqual({ available: true });
    expect(all.source).toMatchObject({ allProjects: true });
    expect(all.projects?.map((p) => p.name)).toEqual(expect.arrayContaining(['admin', 'alpha', 'beta']));
  });

  it('follows pages: calls are O(pages), and Nova\u2019s full last page is followed by an empty one', () => {
    const { callsByResource, apiCalls, pages } = all.stats;
    const pagesFor = (n: number) => Math.floor(n / pageSize) + 1; // a full page always gets a next link
    expect(callsByResource.servers).toBe(pagesFor(adminDirect.servers.length));
    expect(callsByResource.ports).toBe(pagesFor(adminDirect.ports.length));
    expect(callsByResource.routers).toBe(pagesFor(adminDirect.routers.length));
    expect(apiCalls).toBe(pages + 1); // + Keystone's project list
  });

  it('reports progress per resource, ending with done and the full count', () => {
    const last = (resource: string) => allProgress.filter((p) => p.resource === resource).at(-1);
    expect(last('ports')).toMatchObject({ done: true, items: adminDirect.ports.length });
    expect(last('servers')).toMatchObject({ done: true, items: adminDirect.servers.length });
    // One event per page: 2, 4, 6 ... up to the total (an empty last page repeats it).
    const counts = allProgress.filter((p) => p.resource === 'ports' && !p.done).map((p) => p.items);
    expect(counts.length).toBe(all.stats.callsByResource.ports);
    expect(counts.slice(0, 3)).toEqual([pageSize, 2 * pageSize, 3 * pageSize]);
    expect(counts.at(-1)).toBe(adminDirect.ports.length);
  });

  it('keeps the overlapping 10.0.0.0/24 networks apart: 10.0.0.10 is two ports, two instances', () => {
    const lab = labIdsFor(requireLab());
    const model = buildTopologyModel(all);
    const overlapping = all.subnets
      .filter((s) => s.cidr === '10.0.0.0/24')
      .map((s) => s.networkId)
      .sort();
    expect(overlapping).toEqual([lab.network('alpha-net'), lab.network('beta-net')].sort());
    const hits = buildSearchIndex(model).search('10.0.0.10').hits;
    expect(hits.map((h) => h.ref.id).sort()).toEqual(
      [lab.instance('alpha-vm1').portId, lab.instance('beta-vm1').portId].sort(),
    );
    expect(hits.map((h) => h.context).sort()).toEqual([
      'network alpha-net \u00b7 instance alpha-vm1',
      'network beta-net \u00b7 instance beta-vm1',
    ]);
    // In the router tree each one sits behind its own router.
    const alphaKeys = locateInRouterTree(model, { kind: 'server', id: lab.instance('alpha-vm1').id });
    expect(alphaKeys.every((k) => k.startsWith(`router:${lab.router('alpha-router')}/`))).toBe(true);
    const betaKeys = locateInRouterTree(model, { kind: 'server', id: lab.instance('beta-vm1').id });
    expect(betaKeys.every((k) => k.startsWith(`router:${lab.router('beta-router')}/`))).toBe(true);
  });

  it('shows the DHCP ports, the spare port without a device, and the floating IPs on their ports', () => {
    const lab = labIdsFor(requireLab());
    const model = buildTopologyModel(all);
    const tree = buildNetworkTree(model);
    const alphaNet = tree.find((n) => n.ref?.id === lab.network('alpha-net'))!;
    const alphaPorts = alphaNet.children.flatMap((s) => s.children);
    expect(alphaPorts.filter((p) => p.badges?.includes('dhcp')).map((p) => p.ref?.id)).toContain(
      lab.port('dhcp-alpha-net').id,
    );
    const spare = lab.port('alpha-spare');
    expect(model.unattachedPorts.map((p) => p.id)).toContain(spare.id);
    expect(tree.find((n) => n.key === 'group:unattached')!.children.map((p) => p.ref?.id)).toContain(spare.id);
    const routerTree = buildRouterTree(model);
    const alphaRouter = routerTree.find((n) => n.ref?.id === lab.router('alpha-router'))!;
    const vm1Port = alphaRouter.children
      .flatMap((i) => i.children)
      .flatMap((s) => s.children)
      .find((p) => p.ref?.id === lab.instance('alpha-vm1').portId)!;
    expect(vm1Port.children.map((c) => [c.kind, c.label])).toEqual([
      ['floating-ip', '203.0.113.110'],
      ['instance', 'alpha-vm1'],
    ]);
    expect(vm1Port.children[1].badges).toContain('config drive');
  });

  it('keeps what an admin checks next: binding, vif type, security groups by name, flavor names', async () => {
    const lab = requireLab();
    const vm = (lab.instances as Record<string, { id: string; portId: string; flavor: string }>)['alpha-vm1'];
    const port = all.ports.find((p) => p.id === vm.portId);
    expect(port?.vifType).toEqual(expect.any(String));
    expect(port?.bindingHostId).toEqual(expect.any(String));
    expect(port?.portSecurityEnabled).toBe(true);
    expect(port?.securityGroupIds?.length).toBeGreaterThan(0);
    const model = buildTopologyModel(all);
    expect(port?.securityGroupIds?.map((id) => model.securityGroupNames.get(id))).toContain('default');
    const server = all.servers.find((s) => s.id === vm.id);
    expect(server?.flavor).toBe(vm.flavor); // the name (2.47), not the id
    expect(server?.securityGroups).toEqual(['default']);
    // A member: Neutron's policy hides the binding, the rest stays.
    const member = await fetchTopology(alice.client(), scopeOf(alice), { pageSize: 50 });
    const own = member.ports.find((p) => p.id === vm.portId);
    expect(own?.bindingHostId).toBeUndefined();
    expect(own?.securityGroupIds?.length).toBeGreaterThan(0);
  });

  it('alice sees exactly what Neutron and Nova show her: only alpha', async () => {
    const lab = requireLab();
    const snapshot = await fetchTopology(alice.client(), scopeOf(alice), { pageSize: 2 });
    expectSameResources(snapshot, aliceDirect);
    const alpha = lab.projects.alpha;
    expect(snapshot.routers.map((r) => r.name)).toEqual(['alpha-router']);
    expect(snapshot.servers.length).toBeGreaterThan(0);
    expect(snapshot.servers.every((s) => s.projectId === alpha)).toBe(true);
    expect(snapshot.floatingIps.every((f) => f.projectId === alpha)).toBe(true);
    expect(snapshot.networks.filter((n) => n.projectId !== alpha).every((n) => n.external || n.shared)).toBe(true);
    expect(snapshot.source).toMatchObject({ allProjects: false, projectId: alpha, projectName: 'alpha' });
  });

  it('admin filtered to alpha sees what alice sees', async () => {
    const lab = requireLab();
    const filtered = await fetchTopology(
      admin.client(),
      { ...scopeOf(admin), allProjects: true, projectId: lab.projects.alpha },
      { pageSize: 2 },
    );
    expectSameResources(filtered, aliceDirect);
    expect(filtered.source).toMatchObject({ allProjects: true, projectId: lab.projects.alpha, projectName: 'alpha' });
  });

  it('admin filtered to alpha also sees a port another project put on alpha-net, as alice does', async () => {
    const lab = requireLab();
    // No fixed IP: the port takes no address other tests could resolve.
    const created = await admin.client().request<{ port: { id: string } }>('network', 'ports', {
      method: 'POST',
      body: {
        port: {
          network_id: labIdsFor(lab).network('alpha-net'),
          project_id: lab.projects.beta,
          name: 'stacklens-test-foreign-port',
          fixed_ips: [],
        },
      },
    });
    const foreignPort = created.data.port.id;
    try {
      const aliceNow = await directList(alice, {});
      expect(ids(aliceNow.ports)).toContain(foreignPort);
      const filtered = await fetchTopology(
        admin.client(),
        { ...scopeOf(admin), allProjects: true, projectId: lab.projects.alpha },
        { pageSize: 2 },
      );
      expectSameResources(filtered, aliceNow);
      expect(filtered.ports.find((p) => p.id === foreignPort)).toMatchObject({ projectId: lab.projects.beta });
    } finally {
      await admin.client().request('network', `ports/${foreignPort}`, { method: 'DELETE' });
    }
  });

  it('refuses all-projects mode for a member', async () => {
    await expect(fetchTopology(alice.client(), { ...scopeOf(alice), allProjects: true })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('admin without all-projects sees the admin project only', async () => {
    const lab = requireLab();
    const own: FetchScope = scopeOf(admin);
    const snapshot = await fetchTopology(admin.client(), own);
    const mine = await directList(admin, { project_id: lab.projects.admin });
    expect(ids(snapshot.routers)).toEqual(ids(mine.routers));
    expect(ids(snapshot.servers)).toEqual(ids(mine.servers));
    expect(snapshot.networks.map((n) => n.name)).toContain('public');
  });

  /** The admin's real token and Neutron, with the compute endpoint replaced (or removed). */
  function withCompute(compute: string | null) {
    return createServiceClient({
      tokens: admin,
      endpoints: {
        endpointUrl: (service: ServiceType) =>
          service === 'compute' && compute ? compute : admin.endpointUrl(service),
        has: (service: ServiceType) => (service === 'compute' ? compute !== null : admin.has(service)),
      },
    });
  }

  it('without a compute endpoint the network trees are complete and the instance side says why', async () => {
    const snapshot = await fetchTopology(withCompute(null), { ...scopeOf(admin), allProjects: true });
    expect(snapshot.compute).toEqual({
      available: false,
      reason: expect.stringContaining('no compute (Nova) endpoint'),
    });
    expect(snapshot.servers).toEqual([]);
    expect(ids(snapshot.ports)).toEqual(ids(adminDirect.ports));
    expect(ids(snapshot.routers)).toEqual(ids(adminDirect.routers));
    const missing = buildNetworkTree(buildTopologyModel(snapshot))
      .flatMap((n) => n.children.flatMap((s) => s.children))
      .flatMap((p) => p.children)
      .filter((c) => c.kind === 'missing-instance');
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.every((m) => m.secondary === 'Nova unavailable')).toBe(true);
  });

  it('when Nova does not answer, the network side still arrives and the reason names the failure', async () => {
    const port = await closedPort();
    const snapshot = await fetchTopology(withCompute(`http://127.0.0.1:${port}/v2.1`), {
      ...scopeOf(admin),
      allProjects: true,
    });
    expect(snapshot.compute).toEqual({
      available: false,
      reason: expect.stringMatching(/^Nova could not list the instances: .*refused/),
    });
    expect(ids(snapshot.ports)).toEqual(ids(adminDirect.ports));
    expect(ids(snapshot.networks)).toEqual(ids(adminDirect.networks));
  });
  it('a Nova that answers 500 at 2.47 is asked again at 2.1: instances arrive with flavor ids', async () => {
    const lab = requireLab();
    const real = new URL(lab.computeUrl as string);
    const seen: string[] = [];
    // In front of the real Nova: refuse 2.47 as some deployments do, forward everything else.
    const front = await startHttpServer(async (req, res) => {
      const version = String(req.headers['openstack-api-version'] ?? '');
      seen.push(version || '(none)');
      if (version.includes('2.47')) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"computeFault": {"code": 500, "message": "Unexpected API Error."}}');
        return;
      }
      const upstream = await fetch(new URL(req.url ?? '/', real.origin), {
        headers: { 'x-auth-token': String(req.headers['x-auth-token']) },
      });
      res.writeHead(upstream.status, { 'content-type': 'application/json' });
      res.end(await upstream.text());
    });
    try {
      const snapshot = await fetchTopology(withCompute(`${front.url}${real.pathname}`), {
        ...scopeOf(admin),
        allProjects: true,
      });
      expect(snapshot.compute).toEqual({ available: true });
      expect(ids(snapshot.servers)).toEqual(ids(adminDirect.servers));
      // topology.json records the lab's one flavor: ids now, not names.
      const flavor = (lab as unknown as { flavor: { id: string; name: string } }).flavor;
      expect(snapshot.servers.every((s) => s.flavor === flavor.id && flavor.id !== flavor.name)).toBe(true);
      expect(seen[0]).toContain('2.47');
      expect(seen[1]).toBe('(none)');
    } finally {
      await front.close();
    }
  });
});
