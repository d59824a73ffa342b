/**
 * The metadata doctor at scale: the generated 10,000-port tenant (2,000 instances, 500 routers,
 * 1,000 networks) given agents (L3 and DHCP agents with their hosting, a metadata agent per
 * network node), security groups and port bindings, then every instance diagnosed the way the
 * "Metadata health" page does (the resolver over the fetched ports, nova probed once). Reference
 * in the same run: building the topology page's model of the same tenant. Also the live lab: one
 * fleet check with its API calls per resource (O(types + agents + pages), never per instance).
 * Figures only; nothing is asserted.
 */
import { describe, it } from 'vitest';
import { buildTopologyModel } from '@shared/topology';
import { BENCH_TENANT, generateTenant } from '@shared/topology/testing/generate-tenant';
import type { Agent, DoctorData, HostingAgent } from '@main/doctor/doctor-data';
import { indexData } from '@main/doctor/doctor-data';
import { diagnoseFleet, fleetLive } from '@main/doctor/run-doctor';
import { KeystoneSession } from '@main/openstack/keystone-session';
import { lab, labIt } from '../tests/integration/lab';

const HOSTS = 4;

/** The tenant with four network nodes: L3 + DHCP + metadata agents, routers and networks spread over them. */
function withAgents(): DoctorData {
  const t = generateTenant(BENCH_TENANT);
  const agents: Agent[] = [];
  for (let h = 0; h < HOSTS; h++) {
    const base = {
      host: `net${h}`,
      alive: true,
      adminStateUp: true,
      heartbeat: new Date().toISOString(),
      configurations: {},
    };
    agents.push({ ...base, id: `l3-${h}`, type: 'L3 agent', binary: 'neutron-l3-agent' });
    agents.push({ ...base, id: `dhcp-${h}`, type: 'DHCP agent', binary: 'neutron-dhcp-agent' });
    agents.push({ ...base, id: `meta-${h}`, type: 'Metadata agent', binary: 'neutron-metadata-agent' });
  }
  agents[0].alive = false; // one dead L3 agent: its routers get a warning
  const routerAgents = new Map<string, HostingAgent[]>(
    t.routers.map((r, i) => [r.id, [{ agentId: `l3-${i % HOSTS}` }]]),
  );
  const networkAgents = new Map<string, string[]>(t.networks.map((n, i) => [n.id, [`dhcp-${i % HOSTS}`]]));
  const sg = {
    id: 'sg-default',
    name: 'default',
    rules: [
      {
        id: 'e',
        direction: 'egress' as const,
        ethertype: 'IPv4' as const,
        protocol: null,
        portMin: null,
        portMax: null,
        remoteIpPrefix: null,
        remoteGroupId: null,
      },
    ],
  };
  return {
    cloudId: 'bench',
    mode: 'live',
    role: 'admin',
    routers: t.routers,
    networks: t.networks,
    subnets: t.subnets.map((s) => ({ ...s, hostRoutes: [] })),
    ports: t.ports.map((p) =>
      p.deviceOwner.startsWith('compute:')
        ? { ...p, bindingHost: 'cmp1', vifType: 'ovs', portSecurity: true, securityGroups: [sg.id] }
        : p,
    ),
    servers: t.servers.map((s) => ({ ...s, host: 'cmp1' })),
    securityGroups: [sg],
    agents,
    routerAgents,
    networkAgents,
    missing: {},
    neutronNow: Date.now(),
  };
}

const ms = (t0: number) => performance.now() - t0;

describe('doctor (generated tenant)', () => {
  it('diagnoses every instance of the 10,000-port tenant', async () => {
    const data = withAgents();
    let t0 = performance.now();
    buildTopologyModel(generateTenant(BENCH_TENANT));
    const refMs = ms(t0);
    const runs: number[] = [];
    let report;
    for (let i = 0; i < 3; i++) {
      t0 = performance.now();
      ({ report } = await diagnoseFleet(indexData(data), {
        nova: { skipped: { kind: 'skipped', reason: 'no-secret', detail: 'bench' } },
        apiCalls: 0,
        callsByResource: {},
        t0,
      }));
      runs.push(ms(t0));
    }
    const best = Math.min(...runs);
    const count = (v: string) => report!.rows.filter((r) => r.verdict === v).length;
    console.log(
      `tenant: ${data.ports.length} ports, ${report!.rows.length} instances, ${data.routers.length} routers, ${data.networks.length} networks, ${data.agents.length} agents`,
    );
    console.log(
      `fleet diagnosis: ${runs.map((r) => r.toFixed(0)).join(' / ')} ms (best ${best.toFixed(0)} ms, ${((best / report!.rows.length) * 1000).toFixed(0)} µs per instance; target: 2,000 instances in a few seconds)`,
    );
    console.log(`  verdicts: ${count('blocking')} blocking, ${count('warning')} warning, ${count('ok')} ok`);
    console.log(
      `  reference, topology model build of the same tenant: ${refMs.toFixed(0)} ms (doctor / model = ${(best / refMs).toFixed(1)}x)`,
    );
    const mem = process.memoryUsage();
    console.log(`  heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB, rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB`);
  }, 300_000);

  labIt(['keystone', 'neutron', 'compute'])(
    'one live fleet check of the lab (all projects): calls per resource',
    async () => {
      const u = lab!.users.admin;
      const session = new KeystoneSession({
        authUrl: lab!.authUrl,
        credentials: { method: 'password', user: { name: 'admin', domain: { id: 'default' } }, password: u.password },
        scope: { kind: 'project', name: u.project, domain: { id: 'default' } },
        selection: { interface: 'public', region: lab!.region },
      });
      await session.connect();
      try {
        const { report } = await fleetLive(
          { cloudId: 'lab', client: session.client(), isAdmin: true, cloudName: 'lab' },
          { allProjects: true },
          { skipped: { kind: 'skipped', reason: 'no-secret', detail: 'bench' } },
        );
        console.log(
          `lab fleet: ${report.rows.length} instances, ${report.apiCalls} API calls in ${report.durationMs} ms: ${JSON.stringify(report.callsByResource)}`,
        );
        console.log(
          `  per-instance diagnoses would cost ~12 calls each: ${report.rows.length * 12} calls (fleet / per-instance = ${(report.apiCalls / (report.rows.length * 12)).toFixed(2)})`,
        );
      } finally {
        await session.close();
      }
    },
    120_000,
  );
});
