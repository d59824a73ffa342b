/**
 * Nova's servers/detail as the topology needs it: the microversion asked for and the
 * normalisation to the secret-free Server model (user_data and metadata are left out on purpose).
 */
import type { Server, ServerAddress } from '@shared/models/topology';

type Raw = Record<string, unknown>;

/**
 * 2.47 embeds the flavor (original_name, vcpus, ram...) in each server, so flavor names cost no
 * extra call. Some deployments answered 500 at 2.47 for records whose flavor lacks extra_specs:
 * fetch-topology then asks again without a microversion (flavor ids, as before).
 */
export const SERVERS_MICROVERSION = '2.47';

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
  if (Array.isArray(r.security_groups)) {
    // Nova lists a group once per port: keep each name once.
    const names = (r.security_groups as Raw[]).map((g) => str(g?.name)).filter(Boolean);
    server.securityGroups = [...new Set(names)];
  }
  const host = r['OS-EXT-SRV-ATTR:host'];
  if (typeof host === 'string' && host) server.host = host;
  if (typeof r.created === 'string') server.created = r.created;
  return server;
}
