/**
 * The local metadata proxy under load, against the lab, in one run (loopback only, bounded: a
 * fixed duration per scenario). autocannon sends the same request mix (the agent's socket
 * contract: X-Forwarded-For + X-Neutron-Router-ID / X-Neutron-Network-ID, meta_data.json of five
 * instances) over a unix socket to:
 *   - the REAL neutron-metadata-agent's socket (Zed, cache off as the lab runs it),
 *   - StackLens in agent mode (`stacklens proxy --mode agent --socket`, a separate process), cache
 *     off and on,
 * at 10 and 100 concurrent clients: requests/s, p50/p99 latency, errors, and the server's RSS
 * (peak VmRSS sampled from /proc). Ceilings measured the same way show where the time goes:
 * nova-api-metadata behind the recorder with pre-signed headers, and Neutron's two port queries.
 * Figures and ratios only; nothing is asserted.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { describe, it } from 'vitest';
import { signInstanceId } from '@main/metadata/signer';
import { lab, labHas, labSkipReason, type LabTopology } from '../tests/integration/lab';
import { clearCaptured, labIds, labSession } from '../tests/integration/metadata-lab';

const DURATION_S = Number(process.env.PROXY_BENCH_SECONDS ?? 8);
const WARMUP_S = 1;
const CONCURRENCY = [10, 100];
const PATH = '/openstack/latest/meta_data.json';
const bin = join(__dirname, '../bin/stacklens.mjs');

interface Figures {
  label: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  total: number;
  rssMb?: number;
}

type Request = { method: 'GET'; path: string; headers: Record<string, string> };

/** RSS in kB of `pid` plus its children (the agent serves from forked workers). */
function treeRssKb(pid: number): number {
  let total = 0;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (m) total += Number(m[1]);
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    for (const child of children) total += treeRssKb(child);
  } catch {
    /* the process is gone */
  }
  return total;
}

/** Peak RSS of `pid` (and its children) while `work` runs, sampled every 100 ms. */
async function withRss<T>(pid: number | undefined, work: () => Promise<T>): Promise<{ result: T; peakMb?: number }> {
  if (!pid) return { result: await work() };
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, treeRssKb(pid));
  };
  sample();
  const timer = setInterval(sample, 100);
  try {
    const result = await work();
    sample();
    return { result, peakMb: peak / 1024 };
  } finally {
    clearInterval(timer);
  }
}

async function cannon(target: { socketPath?: string; url?: string }, requests: Request[], connections: number, duration: number): Promise<autocannon.Result> {
  return autocannon({
    url: target.url ?? 'http://localhost',
    socketPath: target.socketPath,
    connections,
    duration,
    timeout: 30,
    requests,
  });
}

async function measure(label: string, target: { socketPath?: string; url?: string }, requests: Request[], connections: number, pid?: number): Promise<Figures> {
  await cannon(target, requests, Math.min(connections, 10), WARMUP_S);
  const { result, peakMb } = await withRss(pid, () => cannon(target, requests, connections, DURATION_S));
  const errors = result.errors + result.timeouts + result.non2xx;
  return { label, connections, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors, total: result.requests.total, rssMb: peakMb };
}

/** `stacklens proxy --mode agent` on a unix socket, in its own process. */
async function startStackLens(l: LabTopology, socketPath: string, cache: boolean): Promise<ChildProcess> {
  const args = [bin, 'proxy', '--cloud', 'lab-admin', '--mode', 'agent', '--socket', socketPath, '--nova-url', l.recorderUrl as string];
  if (cache) args.push('--cache');
  const child = spawn(process.execPath, args, {
    env: {
      PATH: process.env.PATH ?? '', HOME: l.labDir, OS_CLIENT_CONFIG_FILE: l.files['clouds.yaml'], OS_CLIENT_SECURE_FILE: l.files['secure.yaml'],
      STACKLENS_METADATA_SECRET: l.metadataSecret,
    },
    cwd: l.labDir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`stacklens proxy did not start: ${err}`)), 60_000);
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`stacklens proxy exited ${code}: ${err}`)));
  });
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

function agentPid(l: LabTopology): number | undefined {
  try {
    // The pid file holds the parent; its forked worker serves the socket (treeRssKb adds it).
    return Number(readFileSync(join(l.labDir, 'run/agent.pid'), 'utf8').trim().split(/\s+/)[0]) || undefined;
  } catch {
    return undefined;
  }
}

const row = (f: Figures) =>
  `${f.label.padEnd(40)} c=${String(f.connections).padStart(3)}  ${f.rps.toFixed(0).padStart(6)} req/s  p50 ${String(f.p50).padStart(5)} ms  p99 ${String(f.p99).padStart(5)} ms  ` +
  `errors ${f.errors}/${f.total}${f.rssMb !== undefined ? `  RSS ${f.rssMb.toFixed(0)} MB` : ''}`;

describe('metadata proxy (lab)', () => {
  it.skipIf(!lab || !labHas('metadata') || !labHas('nova'))(lab ? 'StackLens agent mode vs the real agent' : `skipped: ${labSkipReason}`, { timeout: 600_000 }, async () => {
    const l = lab as LabTopology;
    const ids = labIds(l);
    const mix: Array<{ ip: string; routerId?: string; networkId?: string; instance: string }> = [
      { ip: '10.0.0.10', routerId: ids.router('alpha-router'), instance: 'alpha-vm1' },
      { ip: '10.0.0.10', routerId: ids.router('beta-router'), instance: 'beta-vm1' },
      { ip: '10.0.0.11', routerId: ids.router('alpha-router'), instance: 'alpha-vm2' },
      { ip: '192.168.10.10', routerId: ids.router('beta-router'), instance: 'beta-vm2' },
      { ip: '172.16.0.10', networkId: ids.network('beta-isolated'), instance: 'beta-vm4' },
    ];
    const agentRequests: Request[] = mix.map((m) => ({
      method: 'GET',
      path: PATH,
      headers: { host: '169.254.169.254', 'x-forwarded-for': m.ip, ...(m.routerId ? { 'x-neutron-router-id': m.routerId } : { 'x-neutron-network-id': m.networkId as string }) },
    }));
    const signedRequests: Request[] = mix.map((m) => {
      const vm = ids.instance(m.instance);
      return { method: 'GET', path: PATH, headers: { 'x-forwarded-for': m.ip, 'x-instance-id': vm.id, 'x-tenant-id': vm.projectId, 'x-instance-id-signature': signInstanceId(l.metadataSecret, vm.id) } };
    });

    spawnSync(process.execPath, [bin, '--help'], { stdio: 'ignore', timeout: 120_000 }); // build the CLI bundle first
    const dir = mkdtempSync(join(tmpdir(), 'sl-proxy-bench-'));
    const figures: Figures[] = [];
    try {
      // Ceilings: what nova (behind the recorder) and Neutron serve on their own.
      for (const c of CONCURRENCY) figures.push(await measure('ceiling: recorder + nova, pre-signed', { url: l.recorderUrl as string }, signedRequests, c));
      const session = await labSession(l, 'admin');
      const token = await session.token();
      const routers = Object.values(l.routers as Record<string, { id: string; interfaces: Array<{ networkId: string }> }>);
      const networksOf = (routerId: string) => [...new Set(routers.find((r) => r.id === routerId)?.interfaces.map((i) => i.networkId) ?? [])];
      const neutronRequests: Request[] = mix
        .filter((m) => m.routerId)
        .flatMap((m) => [
          { method: 'GET' as const, path: `/v2.0/ports?device_id=${m.routerId}&device_owner=network%3Arouter_interface&device_owner=network%3Aha_router_replicated_interface&device_owner=network%3Arouter_interface_distributed&fields=network_id`, headers: { 'x-auth-token': token } },
          { method: 'GET' as const, path: `/v2.0/ports?fixed_ips=ip_address%3D${m.ip}&${networksOf(m.routerId as string).map((n) => `network_id=${n}`).join('&')}&fields=id&fields=device_id&fields=project_id&fields=network_id`, headers: { 'x-auth-token': token } },
        ]);
      figures.push(await measure('ceiling: Neutron port queries (2 per request)', { url: l.networkUrl }, neutronRequests, 10));
      await session.close();

      for (const c of CONCURRENCY) figures.push(await measure('real neutron-metadata-agent (cache off)', { socketPath: l.agentSocket as string }, agentRequests, c, agentPid(l)));
      for (const cache of [false, true]) {
        const socketPath = join(dir, `stacklens-${cache ? 'cached' : 'uncached'}.sock`);
        const child = await startStackLens(l, socketPath, cache);
        try {
          for (const c of CONCURRENCY) figures.push(await measure(`StackLens agent mode, cache ${cache ? 'on (10 s)' : 'off'}`, { socketPath }, agentRequests, c, child.pid));
        } finally {
          await stop(child);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await clearCaptured(l).catch(() => undefined);
    }

    const find = (prefix: string, c: number) => figures.find((f) => f.label.startsWith(prefix) && f.connections === c) as Figures;
    const ratios = CONCURRENCY.map((c) => {
      const agent = find('real neutron', c);
      const off = find('StackLens agent mode, cache off', c);
      const on = find('StackLens agent mode, cache on', c);
      const nova = find('ceiling: recorder', c);
      return `  c=${c}: StackLens/agent uncached ${(off.rps / agent.rps).toFixed(2)}x, cached ${(on.rps / agent.rps).toFixed(2)}x; cached / nova ceiling ${(on.rps / nova.rps).toFixed(2)}`;
    });
    const neutron = figures.find((f) => f.label.startsWith('ceiling: Neutron')) as Figures;
    console.log([
      `metadata proxy bench against the lab (${mix.length} instances round-robin, ${DURATION_S} s per scenario, unix sockets, same recorder + nova-api-metadata behind all)`,
      ...figures.map(row),
      'ratios:',
      ...ratios,
      `  Neutron serves ${neutron.rps.toFixed(0)} port queries/s at c=10: at most ~${(neutron.rps / 2).toFixed(0)} uncached router-path resolutions/s (2 queries each)`,
      '  targets: >= 1x the agent uncached, >= 10x cached, 0 errors, RSS < 200 MB at c=100',
    ].join('\n'));
  });
});
