/**
 * StackLens's whole-topology fetch against the lab's real Neutron and Nova, timed in the same run
 * (interleaved per round) as `openstack port list --long` (python3-openstackclient, admin env from
 * $LAB_DIR/lab.env) fetching the ports alone. Prints both, the ratio, the API calls StackLens made,
 * and the peak RSS of this process (where the fetch runs, as in the app's main) during the fetch.
 *
 * BENCH_BIG=1 first makes the 5,000-port bench project (tests/lab/bench-tenant.sh up: about 15 s)
 * and removes it again at the end (BENCH_KEEP=1 keeps it), so the shared lab's other tests never
 * see it; BENCH_BIG=remove only removes it. Without it the lab is measured as it is. Figures only.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe } from 'vitest';
import { KeystoneSession } from '../src/main/openstack/keystone-session';
import type { TopologySnapshot } from '../src/shared/models/topology';
import { recordSummary, type SummaryRow } from './summary';
import {
  BOTH_ENDS_PAGE_SIZE,
  DEFAULT_NEUTRON_PAGE_SIZE,
  fetchTopology,
  type FetchOptions,
} from '../src/main/topology/fetch-topology';
import { LAB_DIR, labIt } from '../tests/integration/lab';

const run = promisify(execFile);
/** The project tests/lab/bench-tenant.sh makes. */
const BENCH_PROJECT = 'stacklens-bench-big';

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

/** tests/lab/bench-tenant.sh up|down: the 5,000-port project, made by cloning one API-made port in SQL. */
async function benchTenant(action: 'up' | 'down'): Promise<void> {
  const { stdout } = await run('bash', [join(__dirname, '../tests/lab/bench-tenant.sh'), action], {
    env: { ...process.env, LAB_DIR },
    maxBuffer: 16 * 1024 * 1024,
  });
  process.stdout.write(stdout);
}

/** Peak RSS of this process while `work` runs, sampled every 20 ms. */
async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number; beforeMb: number }> {
  const beforeMb = process.memoryUsage.rss() / 1048576;
  let peak = beforeMb;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss() / 1048576)), 20);
  try {
    const result = await work();
    return { result, peakMb: Math.max(peak, process.memoryUsage.rss() / 1048576), beforeMb };
  } finally {
    clearInterval(timer);
  }
}

describe('topology fetch vs openstack port list --long (lab)', () => {
  const topologyFile = join(LAB_DIR, 'topology.json');
  labIt(['keystone', 'neutron', 'compute'])('fetches the whole topology', { timeout: 900_000 }, async () => {
    const lab = JSON.parse(readFileSync(topologyFile, 'utf8')) as Lab;
    if (process.env.BENCH_BIG === 'remove') return benchTenant('down');
    const big = process.env.BENCH_BIG === '1';
    if (big) await benchTenant('up');
    else console.log('lab as seeded (BENCH_BIG=1 adds the 5,000-port bench project for the run, about 15 s)');
    try {
      const rows = [await compare(lab)];
      if (big) rows.push(await compareProjectView(lab));
      recordSummary('topology-fetch', rows);
    } finally {
      if (big && process.env.BENCH_KEEP !== '1') await benchTenant('down');
    }
  });
});

/** Rounds of: StackLens (one port stream), the CLI, StackLens with ports from both ends (experiment); then the figures. */
async function compare(lab: Lab): Promise<SummaryRow> {
  const env = {
    ...process.env,
    ...labEnv(lab.files['lab.env']),
    no_proxy: '127.0.0.1,localhost',
    NO_PROXY: '127.0.0.1,localhost',
  };
  const rounds = Number(process.env.TOPOLOGY_BENCH_ROUNDS ?? 3);
  const ours: number[] = [];
  const fetchOnly: number[] = [];
  const small: number[] = [];
  const cli: number[] = [];
  const rss: Array<{ peakMb: number; beforeMb: number }> = [];
  let last: TopologySnapshot | undefined;
  let smallCalls = 0;
  let cliPorts = 0;
  // StackLens: a fresh token (as the CLI gets one), then the whole topology, all projects.
  const timed = async (options: FetchOptions = {}) => {
    const t0 = performance.now();
    const session = await adminSession(lab);
    const t1 = performance.now();
    const scope = { cloudName: 'lab-admin', isAdmin: true, allProjects: true, sessionProjectName: 'admin' };
    const { result, peakMb, beforeMb } = await peakRss(() => fetchTopology(session.client(), scope, options));
    const t2 = performance.now();
    await session.close();
    return { total: t2 - t0, fetch: t2 - t1, snapshot: result, peakMb, beforeMb };
  };
  for (let i = 0; i < rounds; i++) {
    const a = await timed();
    ours.push(a.total);
    fetchOnly.push(a.fetch);
    rss.push(a);
    last = a.snapshot;
    // The reference: the ports alone, with the python client (token, catalog, one list).
    const c0 = performance.now();
    const { stdout } = await run('/usr/bin/openstack', ['port', 'list', '--long', '-f', 'value', '-c', 'ID'], {
      env,
      maxBuffer: 256 * 1024 * 1024,
    });
    cli.push(performance.now() - c0);
    cliPorts = stdout.trim().split('\n').filter(Boolean).length;
    const b = await timed({ portStreams: 2 });
    small.push(b.total);
    smallCalls = b.snapshot.stats.apiCalls;
  }
  const s = last!;
  const ratio = median(ours) / median(cli);
  console.log(
    [
      `topology fetch bench (${rounds} interleaved rounds): ${s.routers.length} routers, ${s.networks.length} networks, ${s.subnets.length} subnets, ${s.ports.length} ports, ${s.floatingIps.length} floating IPs, ${s.servers.length} servers (compute ${s.compute.available ? 'available' : 'unavailable'})`,
      `  StackLens whole topology (token + 6 lists in parallel, ${DEFAULT_NEUTRON_PAGE_SIZE}-row Neutron pages): median ${median(ours).toFixed(0)} ms (fetch alone ${median(fetchOnly).toFixed(0)} ms); runs ${ours.map((x) => x.toFixed(0)).join(', ')}`,
      `    ${s.stats.apiCalls} API calls, ${s.stats.pages} pages: ${JSON.stringify(s.stats.callsByResource)} (+2 Keystone calls: discovery and token)`,
      `    RSS of this process during the fetch: peak ${median(rss.map((r) => r.peakMb)).toFixed(0)} MB (+${median(rss.map((r) => r.peakMb - r.beforeMb)).toFixed(0)} MB over the ${median(rss.map((r) => r.beforeMb)).toFixed(0)} MB before it)`,
      `  the same with ports from both ends in ${BOTH_ENDS_PAGE_SIZE}-row pages (experiment, off): median ${median(small).toFixed(0)} ms, ${smallCalls} API calls`,
      `  openstack port list --long (ports only, ${cliPorts} ports): median ${median(cli).toFixed(0)} ms; runs ${cli.map((x) => x.toFixed(0)).join(', ')}`,
      `  ratio: StackLens whole topology / CLI ports alone = ${ratio.toFixed(2)} (target <= 0.33); both ends ${(median(small) / median(cli)).toFixed(2)}`,
    ].join('\n'),
  );
  return {
    what: `whole topology (6 lists), ${s.ports.length} ports`,
    stacklens: `${median(ours).toFixed(0)} ms, ${s.stats.apiCalls} calls, RSS +${median(rss.map((r) => r.peakMb - r.beforeMb)).toFixed(0)} MB`,
    reference: `openstack port list --long ${median(cli).toFixed(0)} ms`,
    ratio: ratio.toFixed(2),
    target: '<= 0.33',
  };
}

/**
 * An admin's default view: one project (here the 5,000-port bench project), as its members see it,
 * which needs a second round for ports others own on its networks. Against the CLI listing the
 * same project's ports.
 */
async function compareProjectView(lab: Lab): Promise<SummaryRow> {
  const env = { ...process.env, ...labEnv(lab.files['lab.env']), no_proxy: '127.0.0.1', NO_PROXY: '127.0.0.1' };
  const rounds = Number(process.env.TOPOLOGY_BENCH_ROUNDS ?? 3);
  const ours: number[] = [];
  const cli: number[] = [];
  let calls = 0;
  let ports = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const session = await adminSession(lab);
    const found = await session
      .client()
      .request<{ projects: Array<{ id: string }> }>('identity', 'projects', { query: { name: BENCH_PROJECT } });
    const projectId = found.data.projects[0]?.id;
    if (!projectId) throw new Error(`no project ${BENCH_PROJECT}: is the bench tenant up?`);
    const scope = { cloudName: 'lab-admin', isAdmin: true, allProjects: true, projectId };
    const snapshot = await fetchTopology(session.client(), scope);
    ours.push(performance.now() - t0);
    await session.close();
    calls = snapshot.stats.apiCalls;
    ports = snapshot.ports.length;
    const c0 = performance.now();
    await run('/usr/bin/openstack', ['port', 'list', '--long', '--project', BENCH_PROJECT, '-f', 'value', '-c', 'ID'], {
      env,
      maxBuffer: 256 * 1024 * 1024,
    });
    cli.push(performance.now() - c0);
  }
  const ratio = median(ours) / median(cli);
  console.log(
    [
      `  admin's view of ${BENCH_PROJECT} (${ports} ports, the member view's second round included): median ${median(ours).toFixed(0)} ms, ${calls} API calls; runs ${ours.map((x) => x.toFixed(0)).join(', ')}`,
      `  openstack port list --long --project ${BENCH_PROJECT}: median ${median(cli).toFixed(0)} ms; ratio ${ratio.toFixed(2)}`,
    ].join('\n'),
  );
  return {
    what: `one project's topology as its members see it, ${ports} ports`,
    stacklens: `${median(ours).toFixed(0)} ms, ${calls} calls`,
    reference: `openstack port list --long --project ${median(cli).toFixed(0)} ms`,
    ratio: ratio.toFixed(2),
    target: '<= 0.33',
  };
}
