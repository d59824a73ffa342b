/**
 * Nova's servers/detail as the topology needs it: the microversion asked for and the
 * normalisation to the secret-free Server model (user_data and metadata are left out on purpose).
 */
import type { Server, ServerAddress } from '@shared/models/topology';

type Raw = Record<string, unknown>;

/**
 * No microversion (2.1): everything the topology shows is there. 2.47 would embed the flavor's
 * name, but Nova then loads each flavor's extra_specs and answers 500 for records without them
 * (seen with the lab's instances); a flavor id is enough here.
 */
export const SERVERS_MICROVERSION: string | undefined = undefined;

export const SERVERS_LIST = { path: 'servers/detail', collection: 'servers' } as const;

const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));

/** Nova keeps config_drive as a string: "True", "true", "1" or "" (and some drivers a boolean). */
export function configDriveFlag(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  return ['true', '1', 'yes'].includes(str(value).trim().toLowerCase());
}

function addresses(value: unknown): ServerAddress[] {
  if (!value || typeof value !== 'object') return [];
  const out: ServerAddress[] = [];
  for (const [network, list] of Object.entries(value as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue;
    for (const a of list as Raw[]) {
      const type = str(a['OS-EXT-IPS:type']);
      const mac = a['OS-EXT-IPS-MAC:mac_addr'];
      out.push({
        network,
        ip: str(a.addr),
        version: a.version === 6 ? 6 : 4,
        type: type === 'fixed' || type === 'floating' ? type : 'unknown',
        ...(typeof mac === 'string' ? { mac } : {}),
      });
    }
  }
  return out;
}

function flavorName(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const f = value as Raw;
  // 2.47+: { original_name, vcpus, ... }; older: { id, links }.
  return typeof f.original_name === 'string' ? f.original_name : typeof f.id === 'string' ? f.id : undefined;
}

export function toServer(r: Raw): Server {
  const server: Server = {
    id: str(r.id),
    name: str(r.name),
    status: str(r.status),
    projectId: str(r.tenant_id ?? r.project_id),
    configDrive: configDriveFlag(r.config_drive),
    addresses: addresses(r.addresses),
    keyName: typeof r.key_name === 'string' ? r.key_name : null,
  };
  const flavor = flavorName(r.flavor);
  if (flavor) server.flavor = flavor;
  const host = r['OS-EXT-SRV-ATTR:host'];
  if (typeof host === 'string' && host) server.host = host;
  if (typeof r.created === 'string') server.created = r.created;
  return server;
}
