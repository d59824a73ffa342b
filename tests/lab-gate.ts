/**
 * The one lab gate of every lab-dependent test (vitest integration tests, benches, the Playwright
 * fixture): `labGate(services)` says whether the lab services a test needs are up. Outside CI a
 * missing lab or service skips the test with the reason; under CI=true it throws, naming what is
 * missing and how to start it, because a CI run that skipped its lab tests proved nothing.
 *
 * "Up" means: $LAB_DIR/topology.json lists the service, and the processes behind it (the pid files
 * under $LAB_DIR/run, as tests/lab/status.sh reads them) are alive. A lab stopped with
 * `npm run lab:down` keeps its topology.json, so the file alone is not enough.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Service groups of the lab (tests/lab/README.md "Services"), plus the OVN lab beside it. */
export type LabService = 'keystone' | 'neutron' | 'metadata' | 'nova' | 'compute' | 'datapath' | 'ovn';

export type LabGate = { run: true } | { run: false; reason: string };

export const LAB_DIR = process.env.LAB_DIR || '/var/tmp/stacklens-lab';
export const OVN_LAB_DIR = process.env.OVN_LAB_DIR || `${LAB_DIR}-ovn`;

/** The processes (pid files in run/) behind each service group of the ML2 lab. */
const PROCESSES: Record<Exclude<LabService, 'ovn'>, string[]> = {
  keystone: ['postgres', 'keystone'],
  neutron: ['postgres', 'neutron'],
  metadata: ['rabbitmq', 'agent', 'recorder'],
  nova: ['nova-metadata'],
  compute: ['nova-api'],
  datapath: ['lb-agent', 'l3-agent', 'dhcp-agent'],
};
/** The OVN lab's own processes (tests/lab/ovn/status.sh); its Keystone is the ML2 lab's. */
const OVN_PROCESSES = ['ovsdb-nb', 'ovsdb-sb', 'ovsdb-local', 'vswitchd', 'northd', 'controller', 'neutron', 'agent'];

/** What the gate reads from the machine; tests of the gate pass their own. */
export interface LabProbe {
  labDir: string;
  ovnLabDir: string;
  /** topology.json of a lab dir: undefined when absent, a string when unreadable. */
  topology(dir: string): Record<string, unknown> | string | undefined;
  /** Whether the process of run/<name>.pid in the lab dir is alive. */
  alive(dir: string, name: string): boolean;
}

/** True under CI (CI=true, CI=1...), where a missing lab service is a failure. */
export function isCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = (env.CI ?? '').trim().toLowerCase();
  return ci !== '' && ci !== 'false' && ci !== '0';
}

/** The error thrown under CI: its message names what is missing and how to start it. */
export class LabMissingError extends Error {
  constructor(reason: string) {
    super(`CI=true: a missing lab service is a failure, not a skip. ${reason}`);
    this.name = 'LabMissingError';
  }
}

/**
 * Whether a test needing `services` can run. Outside CI: `{ run: false, reason }` when something is
 * missing. Under CI (`options.ci`, default from the environment) that case throws LabMissingError.
 */
export function labGate(services: readonly LabService[], options: { ci?: boolean; probe?: LabProbe } = {}): LabGate {
  return decide(missingReason(services, options.probe ?? machineProbe), options.ci);
}

/** Turns a reason (undefined: nothing missing) into the gate's answer; throws under CI. */
export function decide(reason: string | undefined, ci = isCI()): LabGate {
  if (reason === undefined) return { run: true };
  if (ci) throw new LabMissingError(reason);
  return { run: false, reason };
}

/** Why the first of `services` that is not up is missing, or undefined when all are up. */
export function missingReason(services: readonly LabService[], probe: LabProbe): string | undefined {
  const needs = services.length ? services : (['keystone'] as const);
  for (const service of needs) {
    const reason = service === 'ovn' ? ovnMissing(probe) : ml2Missing(service, probe);
    if (reason) return reason;
  }
  return undefined;
}

function ml2Missing(service: Exclude<LabService, 'ovn'>, probe: LabProbe): string | undefined {
  const dir = probe.labDir;
  const topology = probe.topology(dir);
  if (topology === undefined)
    return `the OpenStack lab is not up: ${join(dir, 'topology.json')} is missing; start it with \`LAB_DIR=${dir} npm run lab:up\`.`;
  if (typeof topology === 'string')
    return `the OpenStack lab at ${dir} is being built or broken: topology.json is unreadable (${topology}); wait for \`npm run lab:up\` to finish or run it again.`;
  const listed = Array.isArray(topology.services) ? (topology.services as string[]) : [];
  if (!listed.includes(service)) return notListed(service, dir, listed, topology.datapathSkipped);
  const down = PROCESSES[service].filter((name) => !probe.alive(dir, name));
  if (down.length)
    return `the lab's "${service}" service is down (${down.join(', ')} not running; see \`LAB_DIR=${dir} bash tests/lab/status.sh\`); restart it with \`LAB_DIR=${dir} npm run lab:up\`.`;
  return undefined;
}

function notListed(service: string, dir: string, listed: string[], datapathSkipped: unknown): string {
  if (service === 'datapath' && typeof datapathSkipped === 'string' && datapathSkipped)
    return `the lab at ${dir} has no data path: this machine cannot run it (${datapathSkipped}); see tests/lab/README.md "The data path".`;
  const wanted = [...new Set([...listed, service])].join(' ');
  return `the lab at ${dir} runs without its "${service}" service (it runs: ${listed.join(' ') || 'nothing'}); add it with \`LAB_DIR=${dir} LAB_SERVICES="${wanted}" npm run lab:up\`.`;
}

function ovnMissing(probe: LabProbe): string | undefined {
  const keystone = ml2Missing('keystone', probe);
  if (keystone) return `the OVN lab uses the OpenStack lab's Keystone, and ${keystone}`;
  const dir = probe.ovnLabDir;
  const start = `start it with \`OVN_LAB_DIR=${dir} bash tests/lab/ovn/up.sh\` (root needed; tests/lab/ovn/README.md)`;
  const topology = probe.topology(dir);
  if (topology === undefined) return `the OVN lab is not up: ${join(dir, 'topology.json')} is missing; ${start}.`;
  if (typeof topology === 'string') return `the OVN lab's topology.json is unreadable (${topology}); ${start}.`;
  const down = OVN_PROCESSES.filter((name) => !probe.alive(dir, name));
  if (down.length) return `the OVN lab at ${dir} is down (${down.join(', ')} not running); ${start}.`;
  return undefined;
}

function readTopology(dir: string): Record<string, unknown> | string | undefined {
  const file = join(dir, 'topology.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    return (err as Error).message;
  }
}

/** tests/lab/lib/common.sh pid_alive: "<pid> <marker>", alive, not a zombie, marker in its cmdline. */
function pidAlive(dir: string, name: string): boolean {
  try {
    const [pid, ...marker] = readFileSync(join(dir, 'run', `${name}.pid`), 'utf8')
      .trim()
      .split(/\s+/);
    if (!/^\d+$/.test(pid)) return false;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return cmdline.includes(marker.join(' '));
  } catch {
    return false;
  }
}

/** The real machine: the lab dirs from LAB_DIR / OVN_LAB_DIR, their files and processes. */
export const machineProbe: LabProbe = {
  labDir: LAB_DIR,
  ovnLabDir: OVN_LAB_DIR,
  topology: readTopology,
  alive: pidAlive,
};
