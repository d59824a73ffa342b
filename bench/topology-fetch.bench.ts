/**
 * StackLens's whole-topology fetch against the lab's real Neutron and Nova, timed in the same run
 * as `openstack port list --long` (python3-openstackclient, admin env from $LAB_DIR/lab.env)
 * fetching the ports alone. Prints both, the ratio and how many API calls StackLens made.
 *
 * BENCH_BIG=1 first adds 5,000 ports (bulk create, 100 per call) in a dedicated project
 * "stacklens-bench-big" with its own network (a /19), which takes 8-17 minutes in this lab; later
 * runs find them and skip the creation; BENCH_BIG=remove deletes them again. Without it the lab is
 * measured as it is. Figures only.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'vitest';
import { KeystoneSession } from '../src/main/openstack/keystone-session';
import type { ServiceClient } from '../src/main/openstack/service-client';
import { fetchTopology } from '../src/main/topology/fetch-topology';

const run = promisify(execFile);
const LAB_DIR = process.env.LAB_DIR || '/var/tmp/stacklens-lab';
const BIG_PROJECT = 'stacklens-bench-big';
const BIG_PORTS = 5_000;

interface Lab {
  authUrl: string;
  region: string;
  users: Record<string, { password: string; project: string }>;
  files: { 'lab.env': string };
}

/** `export KEY=value` lines of lab.env (values may be quoted). */
function labEnv(path: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m) env[m[1]] = m[2].trim().replace(/^'(.*)'$|^"(.*)"$/, '$1$2');
  }
  return env;
}

async function adminSession(lab: Lab, timeoutMs?: number): Promise<KeystoneSession> {
  const session = new KeystoneSession({
    timeoutMs,
    authUrl: lab.authUrl,
    credentials: {
      method: 'password',
      user: { name: 'admin', domain: { id: 'default' } },
      password: lab.users.admin.password,
    },
    scope: { kind: 'project', name: lab.users.admin.project, domain: { id: 'default' } },
    selection: { interface: 'public', region: lab.region },
    userAgent: 'StackLens-bench',
  });
  await session.connect();
  return session;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Makes the BENCH_BIG project, network and ports (idempotent: counts what is there first). */
async function ensureBigTenant(client: ServiceClient): Promise<void> {
  const projects = (
    await client.request<{ projects: Array<{ id: string }> }>('identity', 'projects', { query: { name: BIG_PROJECT } })
  ).data.projects;
  const projectId =
    projects[0]?.id ??
    (
      await client.request<{ project: { id: string } }>('identity', 'projects', {
        method: 'POST',
        body: { project: { name: BIG_PROJECT, domain_id: 'default', description: 'StackLens BENCH_BIG ports' } },
      })
    ).data.project.id;
  await client.request('network', `quotas/${projectId}`, { method: 'PUT', body: { quota: { port: -1 } } });
  const nets = (
    await client.request<{ networks: Array<{ id: string }> }>('network', 'networks', {
      query: { project_id: projectId, name: 'bench-big-net' },
    })
  ).data.networks;
  const networkId =
    nets[0]?.id ??
    (
      await client.request<{ network: { id: string } }>('network', 'networks', {
        method: 'POST',
        body: { network: { name: 'bench-big-net', project_id: projectId } },
      })
    ).data.network.id;
  const subs = (
    await client.request<{ subnets: unknown[] }>('network', 'subnets', { query: { network_id: networkId } })
  ).data.subnets;
  if (!subs.length) {
    await client.request('network', 'subnets', {
      method: 'POST',
      body: {
        subnet: {
          name: 'bench-big-subnet',
          network_id: networkId,
          project_id: projectId,
          cidr: '10.96.0.0/19',
          ip_version: 4,
          enable_dhcp: false,
        },
      },
    });
  }
  const have = (
    await client.request<{ ports: unknown[] }>('network', 'ports', { query: { network_id: networkId, fields: 'id' } })
  ).data.ports.length;
  console.log(`BENCH_BIG: project ${BIG_PROJECT} has ${have} ports; target ${BIG_PORTS}`);
  const started = Date.now();
  for (let made = have; made < BIG_PORTS;) {
    // 100 per call: about 10 s each here (500 would outlast any sensible timeout).
    const batch = Math.min(100, BIG_PORTS - made);
    // Plain ports (no device_owner / device_id): Neutron makes them about a third faster, and a
    // port list is a port list.
    const ports = Array.from({ length: batch }, (_, i) => ({
      network_id: networkId,
      project_id: projectId,
      name: `bench-${made + i}`,
    }));
    await client.request('network', 'ports', { method: 'POST', body: { ports } });
    made += batch;
    console.log(`BENCH_BIG: ${made} / ${BIG_PORTS} ports (${Math.round((Date.now() - started) / 1000)} s)`);
  }
}

/** BENCH_BIG=remove: deletes the bench project's ports, network and the project (8 deletes at a time). */
async function removeBigTenant(client: ServiceClient): Promise<void> {
  const project = (
    await client.request<{ projects: Array<{ id: string }> }>('identity', 'projects', { query: { name: BIG_PROJECT } })
  ).data.projects[0];
  if (!project) return console.log(`BENCH_BIG=remove: no project ${BIG_PROJECT}`);
  let deleted = 0;
  // Listed again until none is left: a create still running when a bench was stopped adds more.
  for (;;) {
    const ports = (
      await client.request<{ ports: Array<{ id: string }> }>('network', 'ports', {
        query: { project_id: project.id, fields: 'id' },
      })
    ).data.ports;
    if (!ports.length) break;
    for (let i = 0; i < ports.length; i += 8)
      await Promise.all(
        ports.slice(i, i + 8).map((p) => client.request('network', `ports/${p.id}`, { method: 'DELETE' })),
      );
    deleted += ports.length;
  }
  const nets = (
    await client.request<{ networks: Array<{ id: string }> }>('network', 'networks', {
      query: { project_id: project.id },
    })
  ).data.networks;
  for (const net of nets) await client.request('network', `networks/${net.id}`, { method: 'DELETE' });
  await client.request('identity', `projects/${project.id}`, { method: 'DELETE' });
  console.log(`BENCH_BIG=remove: deleted ${deleted} ports, ${nets.length} networks and project ${BIG_PROJECT}`);
}

describe('topology fetch vs openstack port list --long (lab)', () => {
  const topologyFile = join(LAB_DIR, 'topology.json');
  it.skipIf(!existsSync(topologyFile))(
    `fetches the whole topology${existsSync(topologyFile) ? '' : ` (skipped: ${topologyFile} missing, start the lab)`}`,
    async () => {
      const lab = JSON.parse(readFileSync(topologyFile, 'utf8')) as Lab;
      // Bulk port creation is slow in this lab (about 5 ports/s): a long timeout for the setup only.
      const setup = await adminSession(lab, 300_000);
      if (process.env.BENCH_BIG === 'remove') {
        await removeBigTenant(setup.client());
        await setup.close();
        return;
      }
      if (process.env.BENCH_BIG === '1') await ensureBigTenant(setup.client());
      else console.log('lab as seeded (BENCH_BIG=1 adds 5,000 ports in a dedicated project first; 8-17 min once)');
      await setup.close();

      const env = {
        ...process.env,
        ...labEnv(lab.files['lab.env']),
        no_proxy: '127.0.0.1,localhost',
        NO_PROXY: '127.0.0.1,localhost',
      };
      const rounds = 3;
      const withAuth: number[] = [];
      const fetchOnly: number[] = [];
      const cli: number[] = [];
      let last: Awaited<ReturnType<typeof fetchTopology>> | undefined;
      let cliPorts = 0;
      for (let i = 0; i < rounds; i++) {
        // StackLens: a fresh token (as the CLI gets one), then the whole topology, all projects.
        const t0 = performance.now();
        const session = await adminSession(lab);
        const t1 = performance.now();
        last = await fetchTopology(session.client(), {
          cloudName: 'lab-admin',
          isAdmin: true,
          allProjects: true,
          sessionProjectName: 'admin',
        });
        const t2 = performance.now();
        withAuth.push(t2 - t0);
        fetchOnly.push(t2 - t1);
        await session.close();
        // The reference: the ports alone, with the python client (token, catalog, one paginated list).
        const c0 = performance.now();
        const { stdout } = await run('/usr/bin/openstack', ['port', 'list', '--long', '-f', 'value', '-c', 'ID'], {
          env,
          maxBuffer: 256 * 1024 * 1024,
        });
        cli.push(performance.now() - c0);
        cliPorts = stdout.trim().split('\n').filter(Boolean).length;
      }
      const s = last!;
      console.log(
        `lab: ${s.routers.length} routers, ${s.networks.length} networks, ${s.subnets.length} subnets, ${s.ports.length} ports, ${s.floatingIps.length} floating IPs, ${s.servers.length} servers (compute ${s.compute.available ? 'available' : 'unavailable'})`,
      );
      console.log(
        `StackLens whole topology (token + 6 lists in parallel, every page): median ${median(withAuth).toFixed(0)} ms (fetch alone ${median(fetchOnly).toFixed(0)} ms) over ${rounds} runs`,
      );
      console.log(
        `  ${s.stats.apiCalls} API calls, ${s.stats.pages} pages: ${JSON.stringify(s.stats.callsByResource)} (+2 Keystone calls: discovery and token)`,
      );
      console.log(`openstack port list --long (ports only, ${cliPorts} ports): median ${median(cli).toFixed(0)} ms`);
      console.log(
        `ratio: StackLens whole topology / CLI ports alone = ${(median(withAuth) / median(cli)).toFixed(2)} (below 1 means StackLens is faster)`,
      );
    },
  );
});
