import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAB_DIR, machineProbe, missingReason, type LabService } from '../../lab-gate';

/** The parts of $LAB_DIR/topology.json the e2e specs use. */
export interface LabTopology {
  labDir: string;
  authUrl: string;
  region: string;
  metadataSecret: string;
  files: { 'clouds.yaml': string; 'secure.yaml': string; 'lab.env': string; 'topology.json': string };
  clouds: string[];
  users: Record<string, { id: string; password: string; project: string; projectId: string; role: string }>;
  serviceUsers: Record<string, { id: string; password: string; project: string }>;
  projects: Record<string, string>;
  appCredentials: Record<string, { id: string; name: string; secret: string }>;
}

export interface Lab {
  topology: LabTopology;
  /** Every secret the lab holds: passwords, app-credential secrets, the metadata shared secret. */
  secrets: string[];
}

export const labDir = LAB_DIR;

/**
 * The running lab, or why it cannot be used (the fixture hands that reason to the lab gate, which
 * skips the spec or, under CI=true, fails it): the lab gate's own checks (topology.json, the
 * processes of Keystone, Neutron and `services`), then Keystone answering on its URL.
 */
export async function findLab(services: readonly LabService[] = []): Promise<{ lab: Lab } | { skip: string }> {
  const missing = missingReason(['keystone', 'neutron', ...services], machineProbe);
  if (missing) return { skip: missing };
  const topology = JSON.parse(readFileSync(join(labDir, 'topology.json'), 'utf8')) as LabTopology;
  try {
    const res = await fetch(topology.authUrl, { signal: AbortSignal.timeout(3000) });
    if (!res.ok && res.status !== 300)
      return { skip: `Keystone at ${topology.authUrl} answered ${res.status}: the lab is not healthy.` };
  } catch (err) {
    return {
      skip: `Keystone at ${topology.authUrl} does not answer (${(err as Error).message}): start the lab with \`npm run lab:up\`.`,
    };
  }
  const secrets = [
    ...Object.values(topology.users).map((u) => u.password),
    ...Object.values(topology.serviceUsers ?? {}).map((u) => u.password),
    ...Object.values(topology.appCredentials ?? {}).map((a) => a.secret),
    topology.metadataSecret,
  ].filter((s): s is string => typeof s === 'string' && s.length > 0);
  return { lab: { topology, secrets: [...new Set(secrets)] } };
}
