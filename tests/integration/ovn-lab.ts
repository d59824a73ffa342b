/**
 * The OVN lab (tests/lab/ovn) for integration tests: $OVN_LAB_DIR/topology.json, a session in its
 * Keystone region, requests to the REAL neutron-ovn-metadata-agent's socket (as the ovnmeta-
 * haproxy sends them), the recorder's records of one tagged request, and commands inside the
 * instance namespaces. Without the lab `describeOvnLab` skips with the reason; under CI=true a
 * missing OVN lab is a failure instead.
 */
import http from 'node:http';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'vitest';
import { KeystoneSession } from '../../src/main/openstack/keystone-session';
import type { CapturedRequest } from './metadata-lab';

export const OVN_LAB_DIR = process.env.OVN_LAB_DIR || `${process.env.LAB_DIR || '/var/tmp/stacklens-lab'}-ovn`;
const TOPOLOGY = join(OVN_LAB_DIR, 'topology.json');
export const OVN_HOME = join(__dirname, '../lab/ovn');

export interface OvnNetwork {
  id: string;
  projectId: string;
  subnetId: string;
  routerId: string;
  metadataPort: { id: string; ips: string[] } | null;
}
export interface OvnPort {
  id: string;
  ip: string;
  mac: string;
  networkId: string;
  deviceId: string;
  projectId: string;
  instance: string;
  plugged: boolean;
}
export interface OvnInstance {
  id: string;
  portId: string;
  ip: string;
  mac: string;
  networkId: string;
  projectId: string;
  netns: string;
}
export interface OvnLab {
  labDir: string;
  authUrl: string;
  region: string;
  networkUrl: string;
  metadataSecret: string;
  agentSocket: string;
  recorderUrl: string;
  chassis: string;
  host: string;
  users: Record<string, { password: string; project: string; projectId: string }>;
  projects: Record<string, string>;
  networks: Record<string, OvnNetwork>;
  ports: Record<string, OvnPort>;
  instances: Record<string, OvnInstance>;
}

function load(): OvnLab | undefined {
  if (!existsSync(TOPOLOGY)) return undefined;
  try {
    return JSON.parse(readFileSync(TOPOLOGY, 'utf8')) as OvnLab;
  } catch {
    return undefined;
  }
}

export const ovnLab = load();
export const ovnSkipReason = `the OVN lab is not up (${TOPOLOGY} is missing; start it with \`bash tests/lab/ovn/up.sh\`, root needed)`;

/** Skips without the OVN lab (the reason in the name); under CI=true fails instead. */
export function describeOvnLab(name: string, fn: (lab: OvnLab) => void): void {
  if (ovnLab) {
    describe(name, () => fn(ovnLab));
  } else if (process.env.CI === 'true') {
    describe(name, () =>
      it('needs the OVN lab (CI=true: a missing lab service is a failure)', () => {
        throw new Error(ovnSkipReason);
      }),
    );
  } else {
    describe.skip(`${name} (skipped: ${ovnSkipReason})`, () => fn(undefined as unknown as OvnLab));
  }
}

/** An admin (or user) password session in the OVN lab's region (network = the ML2/OVN neutron-server). */
export async function ovnSession(lab: OvnLab, user = 'admin'): Promise<KeystoneSession> {
  const u = lab.users[user];
  const session = new KeystoneSession({
    authUrl: lab.authUrl,
    credentials: { method: 'password', user: { name: user, domain: { id: 'default' } }, password: u.password },
    scope: { kind: 'project', name: u.project, domain: { id: 'default' } },
    selection: { interface: 'public', region: lab.region },
    userAgent: 'StackLens-tests',
  });
  await session.connect();
  return session;
}

export interface SocketAnswer {
  status: number;
  body: Buffer;
}

/** One HTTP request over a unix socket or to a TCP URL base, with the given headers. */
export function request(
  target: { socketPath: string } | { port: number; host?: string },
  headers: Record<string, string>,
  path: string,
): Promise<SocketAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { ...target, path, method: 'GET', headers: { Host: '169.254.169.254', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

/** A query tag that makes one request's records findable at the shared recorder (nothing is cleared). */
export function tag(): string {
  return `ovntest=${randomUUID()}`;
}

/** What the recorder saw for requests carrying `query` (their whole query string). */
export async function recorded(lab: OvnLab, query: string): Promise<CapturedRequest[]> {
  const res = await fetch(`${lab.recorderUrl}/__captured`);
  return ((await res.json()) as CapturedRequest[]).filter((r) => r.query === query);
}

const run = promisify(execFile);

/** A command inside an instance's network namespace (root: the lab runs as root). */
export async function inInstance(lab: OvnLab, vm: string, cmd: string[], timeoutMs = 30_000): Promise<string> {
  const { stdout } = await run('ip', ['netns', 'exec', lab.instances[vm].netns, ...cmd], { timeout: timeoutMs });
  return stdout;
}

/** Runs tests/lab/ovn/fault.sh with args; returns its stdout. */
export async function ovnFault(...args: string[]): Promise<string> {
  const { stdout } = await run('bash', [join(OVN_HOME, 'fault.sh'), ...args], {
    timeout: 400_000,
    env: { ...process.env, OVN_LAB_DIR },
  });
  return stdout;
}
