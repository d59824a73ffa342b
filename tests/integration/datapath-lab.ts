/**
 * The lab's data path (service `datapath`, tests/lab/lib/datapath.sh): instances are network
 * namespaces inst-<name> whose requests to 169.254.169.254 go through brq-, qrouter-/qdhcp-,
 * haproxy and the agent. Helpers run commands inside them and switch faults (tests/lab/fault.sh).
 *
 * Data-path suites are `describeLab(name, fn, ['datapath'])`: the one lab gate skips them, saying
 * why, or fails them under CI=true.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { requireLab, type LabTopology } from './lab';

export interface DatapathInstance {
  ns: string;
  portId: string;
  mac: string;
  networkId: string;
  network: string;
  ip: string;
  gateway: string | null;
  instanceId: string;
  addressing: 'dhcp' | 'static';
}

export interface Datapath {
  host: string;
  routerMetadataPort: number;
  instances: Record<string, DatapathInstance>;
  routers: Record<string, { id: string; namespace: string }>;
  dhcpNetworks: Record<string, { id: string; namespace: string }>;
}

const LAB_SCRIPTS = join(__dirname, '..', 'lab');

export function requireDatapath(): { lab: LabTopology; dp: Datapath } {
  const l = requireLab();
  return { lab: l, dp: l.raw.datapath as Datapath };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command and resolves with its exit code and output (never rejects on a non-zero exit). */
export function run(cmd: string, args: string[], timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** A command inside an instance's namespace. */
export function inInstance(name: string, args: string[], timeoutMs?: number): Promise<Run> {
  return run('ip', ['netns', 'exec', `inst-${name}`, ...args], timeoutMs);
}

export interface CurlAnswer {
  /** curl's exit code (0, 7 = could not connect, 28 = timed out...). */
  exit: number;
  status: number;
  body: string;
  error: string;
}

/** curl from inside an instance (to http://169.254.169.254 unless `base` says otherwise). */
export async function instanceCurl(
  name: string,
  path = '/openstack/latest/meta_data.json',
  options: { headers?: Record<string, string>; base?: string; maxTime?: number } = {},
): Promise<CurlAnswer> {
  const args = ['curl', '-sS', '-g', '--max-time', String(options.maxTime ?? 15), '-w', '\n%{http_code}'];
  for (const [k, v] of Object.entries(options.headers ?? {})) args.push('-H', `${k}: ${v}`);
  args.push(`${options.base ?? 'http://169.254.169.254'}${path}`);
  const r = await inInstance(name, args, 30_000);
  const cut = r.stdout.lastIndexOf('\n');
  return { exit: r.code, status: Number(r.stdout.slice(cut + 1)) || 0, body: r.stdout.slice(0, cut), error: r.stderr };
}

/** cloud-init's own OpenStack reader inside an instance (tests/lab/cloudinit-read.py). */
export async function cloudInitRead(name: string): Promise<Record<string, unknown>> {
  const r = await inInstance(name, ['/usr/bin/python3', join(LAB_SCRIPTS, 'cloudinit-read.py')], 120_000);
  if (r.code !== 0) throw new Error(`cloud-init's reader failed in inst-${name} (exit ${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** tests/lab/fault.sh NAME on|off (returns once the target instance sees the change). */
export async function fault(name: string, state: 'on' | 'off'): Promise<void> {
  const r = await run('bash', [join(LAB_SCRIPTS, 'fault.sh'), name, state], 300_000);
  if (r.code !== 0) throw new Error(`fault.sh ${name} ${state} failed: ${r.stderr || r.stdout}`);
}
