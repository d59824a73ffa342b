/**
 * The snapshot file format, checked with zod when a file is opened: a wrong file, an old or newer
 * version, or a corrupt one each get their own clear message instead of a blank view.
 */
import { z } from 'zod';
import { TOPOLOGY_SNAPSHOT_VERSION, type TopologySnapshot } from '../models/topology';

const fixedIp = z.object({ subnetId: z.string(), ip: z.string() });

const router = z.object({
  id: z.string().min(1),
  name: z.string(),
  projectId: z.string(),
  status: z.string(),
  adminStateUp: z.boolean(),
  externalGateway: z
    .object({ networkId: z.string(), fixedIps: z.array(fixedIp), enableSnat: z.boolean().optional() })
    .optional(),
  ha: z.boolean().optional(),
  distributed: z.boolean().optional(),
});

const network = z.object({
  id: z.string().min(1),
  name: z.string(),
  projectId: z.string(),
  status: z.string(),
  shared: z.boolean(),
  external: z.boolean(),
  subnetIds: z.array(z.string()),
  mtu: z.number().optional(),
});

const subnet = z.object({
  id: z.string().min(1),
  name: z.string(),
  networkId: z.string(),
  projectId: z.string(),
  cidr: z.string(),
  ipVersion: z.union([z.literal(4), z.literal(6)]),
  gatewayIp: z.string().nullable(),
  enableDhcp: z.boolean(),
  ipv6AddressMode: z.string().nullable().optional(),
  ipv6RaMode: z.string().nullable().optional(),
});

const port = z.object({
  id: z.string().min(1),
  name: z.string(),
  networkId: z.string(),
  projectId: z.string(),
  macAddress: z.string(),
  fixedIps: z.array(fixedIp),
  deviceOwner: z.string(),
  deviceId: z.string(),
  status: z.string(),
  adminStateUp: z.boolean(),
  bindingHostId: z.string().optional(),
  vifType: z.string().optional(),
  securityGroupIds: z.array(z.string()).optional(),
  portSecurityEnabled: z.boolean().optional(),
});

const securityGroup = z.object({ id: z.string().min(1), name: z.string(), projectId: z.string() });

const floatingIp = z.object({
  id: z.string().min(1),
  floatingIp: z.string(),
  fixedIp: z.string().nullable(),
  portId: z.string().nullable(),
  routerId: z.string().nullable(),
  networkId: z.string(),
  projectId: z.string(),
  status: z.string(),
});

const server = z.object({
  id: z.string().min(1),
  name: z.string(),
  status: z.string(),
  projectId: z.string(),
  configDrive: z.boolean(),
  addresses: z.array(
    z.object({
      network: z.string(),
      ip: z.string(),
      version: z.union([z.literal(4), z.literal(6)]),
      type: z.enum(['fixed', 'floating', 'unknown']),
      mac: z.string().optional(),
    }),
  ),
  keyName: z.string().nullable().optional(),
  flavor: z.string().optional(),
  securityGroups: z.array(z.string()).optional(),
  host: z.string().optional(),
  created: z.string().optional(),
});

/** The whole snapshot (version 1). */
export const topologySnapshotSchema = z.object({
  format: z.literal('stacklens-topology'),
  version: z.literal(TOPOLOGY_SNAPSHOT_VERSION),
  fetchedAt: z.string(),
  source: z.object({
    cloudName: z.string(),
    region: z.string().optional(),
    projectId: z.string().optional(),
    projectName: z.string().optional(),
    allProjects: z.boolean(),
    offline: z.boolean().optional(),
    file: z.string().optional(),
    sample: z.boolean().optional(),
  }),
  projects: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
  routers: z.array(router),
  networks: z.array(network),
  subnets: z.array(subnet),
  ports: z.array(port),
  floatingIps: z.array(floatingIp),
  servers: z.array(server),
  securityGroups: z.array(securityGroup).optional(),
  compute: z.union([
    z.object({ available: z.literal(true) }),
    z.object({ available: z.literal(false), reason: z.string() }),
  ]),
  stats: z.object({
    apiCalls: z.number(),
    pages: z.number(),
    durationMs: z.number(),
    callsByResource: z.record(z.string(), z.number()),
  }),
});

export type SnapshotProblem = 'not-json' | 'not-a-snapshot' | 'unsupported-version' | 'invalid';

export type ParsedSnapshot =
  { ok: true; snapshot: TopologySnapshot } | { ok: false; problem: SnapshotProblem; message: string };

/** Parses and validates snapshot file text; never throws. */
export function parseSnapshotText(text: string): ParsedSnapshot {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return {
      ok: false,
      problem: 'not-json',
      message: `The file is not valid JSON (${err instanceof Error ? err.message : String(err)}); it may be truncated or corrupt.`,
    };
  }
  if (!json || typeof json !== 'object' || (json as { format?: unknown }).format !== 'stacklens-topology') {
    return {
      ok: false,
      problem: 'not-a-snapshot',
      message: 'The file is JSON but not a StackLens topology snapshot (its "format" is not "stacklens-topology").',
    };
  }
  const version = (json as { version?: unknown }).version;
  if (version !== TOPOLOGY_SNAPSHOT_VERSION) {
    return {
      ok: false,
      problem: 'unsupported-version',
      message: `The snapshot has format version ${JSON.stringify(version)}; this StackLens reads version ${TOPOLOGY_SNAPSHOT_VERSION}.`,
    };
  }
  const parsed = topologySnapshotSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    const more = parsed.error.issues.length > 5 ? ` (and ${parsed.error.issues.length - 5} more)` : '';
    return { ok: false, problem: 'invalid', message: `The snapshot is damaged: ${issues.join('; ')}${more}.` };
  }
  return { ok: true, snapshot: parsed.data as TopologySnapshot };
}
