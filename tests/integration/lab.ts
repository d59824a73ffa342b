/**
 * The OpenStack lab for integration tests: loads $LAB_DIR/topology.json (written by
 * tests/lab/up.sh; LAB_DIR defaults to /var/tmp/stacklens-lab). When the lab is not up, `lab` is
 * undefined and `describeLab` skips with a message saying so and how to start it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from 'vitest';
import { KeystoneSession } from '../../src/main/openstack/keystone-session';

export const LAB_DIR = process.env.LAB_DIR || '/var/tmp/stacklens-lab';
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
  } catch (err) {
    // A half-written file (the lab is being built): treat as absent, but say why.
    console.warn(`[lab] ${TOPOLOGY_PATH} is unreadable (${(err as Error).message}); lab tests skip.`);
    return undefined;
  }
}

/** The lab, or undefined when $LAB_DIR/topology.json is missing. */
export const lab: LabTopology | undefined = load();

export const labSkipReason = `the OpenStack lab is not up (${TOPOLOGY_PATH} is missing; start it with \`npm run lab:up\`)`;

/** True when the lab runs the named service group ('keystone', 'neutron', 'nova', 'metadata', 'compute'...). */
export function labHas(service: string): boolean {
  return !!lab && lab.services.includes(service);
}

/** A describe block that skips, with the reason in its name, when the lab is not up. */
export function describeLab(name: string, fn: () => void): void {
  describe.skipIf(!lab)(lab ? name : `${name} (skipped: ${labSkipReason})`, fn);
}

/** The lab, for code inside describeLab (asserts it is there). */
export function requireLab(): LabTopology {
  if (!lab) throw new Error(labSkipReason);
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
