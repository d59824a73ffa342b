/**
 * The ML2/OVN metadata agent's lookup (docs/metadata-spec.md §4), over Neutron REST: X-OVN-Network-ID +
 * X-Forwarded-For -> the ports of that network with the address -> those bound to a chassis ->
 * exactly one -> (device_id, project_id). The agent reads OVN's southbound Port_Binding table;
 * Neutron's REST view stands in for it: a port counts as bound when Neutron shows it ACTIVE (ML2/OVN
 * sets that when the port's chassis claims it), and router interface and metadata (localport)
 * ports never count (their bindings have no chassis). A link-local address is looked up by the MAC
 * in its EUI-64 interface id, as the agent does from 2024.1 (Zed compares strings and answers 404).
 */
import type { PortMatch, ResolveOutcome } from '@shared/models/metadata';
import type { Query } from '../openstack/service-client';
import { PORT_FIELDS, ROUTER_INTERFACE_OWNERS, toPortMatch, type NeutronPortRow } from './neutron-ports';

/** A port row with the binding fields the OVN lookup reads (binding:* need an admin session). */
export interface OvnPortRow extends NeutronPortRow {
  status?: string;
  'binding:host_id'?: string;
  'binding:vif_type'?: string;
}

/** Owners whose OVN Port_Binding never has a chassis (patch ports and the metadata localport). */
const CHASSIS_LESS_OWNERS = new Set<string>([
  ...ROUTER_INTERFACE_OWNERS,
  'network:router_gateway',
  'network:distributed',
  'network:floatingip',
]);

export const OVN_PORT_FIELDS = [...PORT_FIELDS, 'status', 'binding:host_id', 'binding:vif_type'];

/** The one query: ports of the network with the IP (or, for a link-local client, the MAC). */
export function ovnPortsQuery(networkId: string, lookup: { ip?: string; mac?: string }): Query {
  const query: Query = { network_id: networkId, fields: OVN_PORT_FIELDS };
  if (lookup.mac) query.mac_address = lookup.mac;
  else if (lookup.ip) query.fixed_ips = `ip_address=${lookup.ip}`;
  return query;
}

/** How the OVN agent would see this port in the southbound DB. */
export function ovnBinding(p: OvnPortRow): NonNullable<PortMatch['ovnBinding']> {
  if (CHASSIS_LESS_OWNERS.has(p.device_owner ?? '')) return 'no-chassis-by-design';
  return p.status === 'ACTIVE' ? 'claimed' : 'not-claimed';
}

export function toOvnPortMatch(p: OvnPortRow): PortMatch {
  const hostId = p['binding:host_id'];
  return { ...toPortMatch(p), status: p.status, ...(hostId ? { hostId } : {}), ovnBinding: ovnBinding(p) };
}

/** Why an unclaimed port does not count, in an admin's terms (with what Neutron knows of it). */
function notClaimedReason(p: PortMatch): string {
  const host = p.hostId
    ? `Neutron has it bound to host ${p.hostId} but its status is ${p.status ?? 'unknown'}: no chassis has claimed it ` +
      `(the VIF is not plugged there, ovn-controller on ${p.hostId} is down, or the port is missing from OVN's ` +
      `databases — Neutron and OVN out of sync: check with neutron-ovn-db-sync-util in log mode)`
    : `it is not bound to any host (binding:host_id is empty${p.status ? `, status ${p.status}` : ''})`;
  return `port ${p.id}: ${host}`;
}

/** Step "decide" of the OVN agent: exactly one claimed port -> forward; otherwise 404. */
export function decideOvn(ports: PortMatch[], where: string, what: string, warnings: string[]): ResolveOutcome {
  const claimed = ports.filter((p) => p.ovnBinding === 'claimed');
  const unclaimed = ports.filter((p) => p.ovnBinding === 'not-claimed');
  const byDesign = ports.filter((p) => p.ovnBinding === 'no-chassis-by-design');
  if (byDesign.length > 0) {
    warnings.push(
      `${byDesign.map((p) => `${p.id} (${p.deviceOwner})`).join(', ')} ha${byDesign.length > 1 ? 've' : 's'} ${what} ` +
        'but a router interface or metadata port has no chassis in OVN: the agent never matches it.',
    );
  }
  if (claimed.length === 1 && claimed[0].deviceId) {
    const p = claimed[0];
    if (!p.deviceOwner.startsWith('compute:')) {
      warnings.push(
        `Port ${p.id} belongs to ${p.deviceOwner || 'no device owner'}, not to an instance: the agent forwards it anyway and nova answers 404.`,
      );
    }
    return {
      kind: 'resolved',
      instanceId: p.deviceId,
      projectId: p.projectId,
      portId: p.id,
      deviceOwner: p.deviceOwner,
      networkId: p.networkId,
    };
  }
  const base = { portCount: claimed.length, portIds: claimed.map((p) => p.id), ports };
  if (claimed.length === 1) {
    return {
      kind: 'not-found',
      why: 'no-device',
      ...base,
      reason: `Port ${claimed[0].id} has ${what} on ${where} and is bound, but has no device_id: the OVN agent has no instance to ask nova for and answers 404.`,
    };
  }
  if (claimed.length > 1) {
    return {
      kind: 'not-found',
      why: 'several-ports',
      ...base,
      reason:
        `${claimed.length} bound ports have ${what} on ${where} (${claimed.map((p) => p.id).join(', ')}): the OVN agent ` +
        'answers 404 and logs "More than one port found … Please run the neutron-ovn-db-sync-util script".',
    };
  }
  if (unclaimed.length > 0) {
    return {
      kind: 'not-found',
      why: 'not-claimed',
      ...base,
      portIds: unclaimed.map((p) => p.id),
      reason:
        `No bound port has ${what} on ${where}: the OVN agent only matches ports claimed by a chassis and answers 404 ` +
        `("No port found in network"). ${unclaimed.map(notClaimedReason).join('; ')}.`,
    };
  }
  return {
    kind: 'not-found',
    why: 'no-port',
    ...base,
    reason:
      `No port has ${what} on ${where}: the OVN agent answers 404 and logs "No port found in network". ` +
      "(The agent reads OVN's southbound DB; a port that exists only there — Neutron and OVN out of sync — is invisible to Neutron's API.)",
  };
}
