/**
 * The resolver's two port queries answered from ports already fetched (a fleet fetch or a
 * snapshot) instead of Neutron: the same resolver code decides, with no call per instance. Only
 * the filters the resolver sends are understood (device_id + device_owner, fixed_ips=ip_address=,
 * mac_address, network_id); anything else is refused loudly rather than answered wrongly.
 */
import type { Port } from '@shared/models/topology';
import { AppError } from '../errors';
import type { NeutronPortRow, NeutronRequester } from '../metadata/neutron-ports';
import type { Query } from '../openstack/service-client';

const ENDPOINT = 'http://fetched-ports.invalid/v2.0';
const KNOWN = new Set(['device_id', 'device_owner', 'fixed_ips', 'mac_address', 'network_id', 'fields']);

function toRow(p: Port): NeutronPortRow {
  return {
    id: p.id,
    device_id: p.deviceId,
    device_owner: p.deviceOwner,
    project_id: p.projectId,
    tenant_id: p.projectId,
    network_id: p.networkId,
    mac_address: p.macAddress,
    fixed_ips: p.fixedIps.map((f) => ({ ip_address: f.ip, subnet_id: f.subnetId })),
  };
}

const list = (v: Query[string]): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/** A NeutronRequester over fetched ports; `calls` counts the queries answered (none reach the network). */
export function memoryNeutron(ports: readonly Port[]): NeutronRequester & { queries: number } {
  const byIp = new Map<string, NeutronPortRow[]>();
  const byMac = new Map<string, NeutronPortRow[]>();
  const byDevice = new Map<string, NeutronPortRow[]>();
  const add = (m: Map<string, NeutronPortRow[]>, k: string, r: NeutronPortRow) =>
    (m.get(k) ?? m.set(k, []).get(k)!).push(r);
  for (const p of ports) {
    const row = toRow(p);
    for (const f of p.fixedIps) add(byIp, f.ip, row);
    if (p.macAddress) add(byMac, p.macAddress.toLowerCase(), row);
    if (p.deviceId) add(byDevice, p.deviceId, row);
  }
  const api = {
    queries: 0,
    endpoint: () => ENDPOINT,
    async request<T>(service: string, path: string, req: { query?: Query } = {}) {
      const q = req.query ?? {};
      const unknown = Object.keys(q).filter((k) => !KNOWN.has(k));
      if (service !== 'network' || path !== 'ports' || unknown.length > 0) {
        throw new AppError(
          'INTERNAL',
          `The fetched-ports resolver cannot answer ${service} ${path} ${unknown.join(',')}.`,
        );
      }
      api.queries += 1;
      const nets = new Set(list(q.network_id));
      const owners = new Set(list(q.device_owner));
      let rows: NeutronPortRow[];
      if (q.device_id !== undefined) rows = list(q.device_id).flatMap((d) => byDevice.get(d) ?? []);
      else if (q.mac_address !== undefined) rows = list(q.mac_address).flatMap((m) => byMac.get(m.toLowerCase()) ?? []);
      else if (q.fixed_ips !== undefined)
        rows = list(q.fixed_ips).flatMap((f) => byIp.get(f.replace(/^ip_address=/, '')) ?? []);
      else throw new AppError('INTERNAL', 'The fetched-ports resolver needs device_id, mac_address or fixed_ips.');
      const ports = rows.filter(
        (r) =>
          (nets.size === 0 || nets.has(r.network_id ?? '')) && (owners.size === 0 || owners.has(r.device_owner ?? '')),
      );
      return { status: 200, headers: {}, data: { ports } as T, url: `${ENDPOINT}/ports` };
    },
  };
  return api as unknown as NeutronRequester & { queries: number };
}
