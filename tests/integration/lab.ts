/**
 * The OpenStack lab for integration tests: loads $LAB_DIR/topology.json (written by
 * tests/lab/up.sh; LAB_DIR defaults to /var/tmp/stacklens-lab). Whether a test runs is decided by
 * the one lab gate (tests/lab-gate.ts) through `describeLab` and `labIt`: without the services it
 * needs it skips with the reason, and under CI=true it fails instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, type TestFunction, type TestOptions } from 'vitest';
import { KeystoneSession } from '../../src/main/openstack/keystone-session';
import { LAB_DIR, labGate, type LabService } from '../lab-gate';

export { LAB_DIR, labGate, type LabService };
export const TOPOLOGY_PATH = join(LAB_DIR, 'topology.json');

export interface LabUser {
  id: string;
  password: string;
  project: string;
  projectId: string;
  role: string;
}

export interface LabAppCredential {
  id: string;
  name: string;
  secret: string;
  userId: string;
  projectId: string;
}

/** The parts of topology.json most tests use; the rest is reachable through `raw`. */
export interface LabTopology {
  labDir: string;
  services: string[];
  authUrl: string;
  region: string;
  metadataSecret: string;
  agentSocket: string | null;
  recorderUrl: string | null;
  novaMetadataUrl: string | null;
  computeUrl: string | null;
  networkUrl: string;
  captureFile: string;
  files: { 'clouds.yaml': string; 'secure.yaml': string; 'lab.env': string; 'topology.json': string };
  clouds: string[];
  users: Record<string, LabUser>;
  serviceUsers: Record<string, { id: string; password: string; project: string }>;
  projects: Record<string, string>;
  roles: Record<string, string>;
  catalogServices: Record<string, string>;
  appCredentials: Record<string, LabAppCredential>;
  networks: Record<string, unknown>;
  routers: Record<string, unknown>;
  ports: Record<string, unknown>;
  instances: Record<string, unknown>;
  floatingIps: Record<string, unknown>;
  raw: Record<string, unknown>;
}

function load(): LabTopology | undefined {
  if (!existsSync(TOPOLOGY_PATH)) return undefined;
  try {
    const raw = JSON.parse(readFileSync(TOPOLOGY_PATH, 'utf8')) as Record<string, unknown>;
    return { ...(raw as unknown as LabTopology), raw };
  } catch {
    return undefined; // a half-written file (the lab is being built): the gate says so
  }
}

/** The lab, or undefined when $LAB_DIR/topology.json is missing. */
export const lab: LabTopology | undefined = load();

/** Neutron behind Keystone: what most lab tests need. */
const BASE: readonly LabService[] = ['keystone', 'neutron'];

/**
 * A describe block needing these lab services (Keystone and Neutron by default): skipped with the
 * reason when one is missing; under CI=true the gate throws and the file fails.
 */
export function describeLab(name: string, fn: () => void, services: readonly LabService[] = BASE): void {
  const gate = labGate(services);
  if (gate.run) describe(name, fn);
  else skippedSuite(name, gate.reason);
}

/**
 * A skipped suite that reports why. Its body is not collected: vitest runs a skipped suite's
 * factory, and lab suites read the lab there.
 */
export function skippedSuite(name: string, reason: string): void {
  describe.skip(name, () => {
    it.skip(`skipped: ${reason}`, () => {});
  });
}

type ItArgs = [fn: TestFunction, timeout?: number] | [options: TestOptions, fn: TestFunction];

/** it() for a test needing these lab services: skipped with the reason in its name, or fails under CI. */
export function labIt(services: readonly LabService[]): (name: string, ...args: ItArgs) => void {
  const gate = labGate(services);
  const register = (gate.run ? it : it.skip) as unknown as (name: string, ...args: ItArgs) => void;
  return (name, ...args) => register(gate.run ? name : `${name} (skipped: ${gate.reason})`, ...args);
}

/** The lab, for code inside describeLab (asserts it is there). */
export function requireLab(): LabTopology {
  if (!lab) throw new Error(`the OpenStack lab is not up: ${TOPOLOGY_PATH} is missing (npm run lab:up)`);
  return lab;
}

/** A Keystone password session for a lab user (admin by default) in the user's own project. */
export async function labSession(lab: LabTopology, user = 'admin'): Promise<KeystoneSession> {
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
