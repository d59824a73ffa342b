/**
 * The OVN lab (tests/lab/ovn) for integration tests: $OVN_LAB_DIR/topology.json, a session in its
 * Keystone region, requests to the REAL neutron-ovn-metadata-agent's socket (as the ovnmeta-
 * haproxy sends them), the recorder's records of one tagged request, and commands inside the
 * instance namespaces. `describeOvnLab` gates its suites through the one lab gate.
 */
import http from 'node:http';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe } from 'vitest';
import { KeystoneSession } from '../../src/main/openstack/keystone-session';
import type { CapturedRequest } from './metadata-lab';
import { OVN_LAB_DIR, labGate } from '../lab-gate';
import { skippedSuite } from './lab';

export { OVN_LAB_DIR };

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
/**
 * A describe block on the OVN lab, handed the lab: the one lab gate (tests/lab-gate.ts) skips it
 * with the reason, or fails it under CI=true.
 */
export function describeOvnLab(name: string, fn: (lab: OvnLab) => void): void {
  const gate = labGate(['ovn']);
  if (gate.run && ovnLab) describe(name, () => fn(ovnLab));
  else skippedSuite(name, gate.run ? `${TOPOLOGY} is unreadable` : gate.reason);
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
