/**
 * Lab helpers for the metadata tests: an admin (or user) session on the lab's Keystone, requests to
 * the REAL neutron-metadata-agent over its unix socket (as haproxy sends them), and the recorder's
 * capture (what an agent sent to nova, headers included).
 */
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { LabTopology } from './lab';

export interface LabPort {
  id: string;
  ip: string;
  mac: string;
  deviceId: string;
  deviceOwner: string;
  networkId: string;
  projectId: string;
}
export interface LabInstance {
  id: string;
  name: string;
  projectId: string;
  ip: string;
  mac: string;
  networkId: string;
  portId: string;
  configDrive: boolean;
  hasUserData: boolean;
}

/** Typed views of topology.json's sections the metadata tests use. */
export function labIds(lab: LabTopology) {
  const routers = lab.routers as Record<string, { id: string; interfaces: Array<{ ip: string; networkId: string }> }>;
  const networks = lab.networks as Record<string, { id: string }>;
  return {
    router: (name: string) => routers[name].id,
    routerInterfaceIp: (name: string) => routers[name].interfaces[0].ip,
    network: (name: string) => networks[name].id,
    port: (name: string) => (lab.ports as Record<string, LabPort>)[name],
    instance: (name: string) => (lab.instances as Record<string, LabInstance>)[name],
  };
}

export { labSession } from './lab';

export interface AgentAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One request to the real agent's unix socket with the headers haproxy would add. */
export function askAgent(
  lab: LabTopology,
  headers: Record<string, string>,
  path = '/openstack/latest/meta_data.json',
): Promise<AgentAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { socketPath: lab.agentSocket as string, path, method: 'GET', headers: { Host: '169.254.169.254', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('agent timeout')));
    req.on('error', reject);
    req.end();
  });
}

export interface CapturedRequest {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  rawHeaders: string[];
  instanceId: string | null;
  tenantId: string | null;
  forwardedFor: string | null;
  signatureValid: boolean;
  status: number;
  responseLength: number;
}

export async function clearCaptured(lab: LabTopology): Promise<void> {
  const res = await fetch(`${lab.recorderUrl}/__captured`, { method: 'DELETE' });
  if (res.status !== 200) throw new Error(`recorder DELETE answered ${res.status}`);
}

export async function captured(lab: LabTopology): Promise<CapturedRequest[]> {
  const res = await fetch(`${lab.recorderUrl}/__captured`);
  return (await res.json()) as CapturedRequest[];
}

/** The seed's user_data texts, read from the seed's own spec (tests/lab/seed/spec.py). */
export function seededUserData(): Record<string, string | null> {
  const script =
    'import sys, json; sys.path.insert(0, sys.argv[1]); import spec; ' +
    'print(json.dumps({n: (spec.USER_DATA[i["user_data"]] if i["user_data"] else None) for n, i in spec.instances().items()}))';
  const out = execFileSync('/usr/bin/python3', ['-c', script, join(__dirname, '../lab/seed')], { encoding: 'utf8' });
  return JSON.parse(out) as Record<string, string | null>;
}
