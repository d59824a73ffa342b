import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

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

export const labDir = process.env.LAB_DIR ?? '/var/tmp/stacklens-lab';

/**
 * The running lab, or a reason why the lab specs must skip: topology.json missing (the lab was
 * never started: `npm run lab:up`) or Keystone not answering on its URL.
 */
export async function findLab(): Promise<{ lab: Lab } | { skip: string }> {
  const file = join(labDir, 'topology.json');
  if (!existsSync(file))
    return { skip: `The OpenStack lab is not up: ${file} is missing (start it with \`npm run lab:up\`).` };
  const topology = JSON.parse(readFileSync(file, 'utf8')) as LabTopology;
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
