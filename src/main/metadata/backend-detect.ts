/**
 * Which networking backend a cloud runs, from what Neutron's API shows: the agent types (OVN
 * Controller / OVN Metadata agents vs L3 / DHCP / Metadata agents; admins only), the
 * `network:distributed` metadata ports ML2/OVN creates, and OVN-only API extensions. Both kinds of
 * agents = 'mixed'; nothing to go by = 'unknown' (then ML2/OVS, the reference, unless overridden).
 */
import type { NetworkBackend, NetworkBackendInfo } from '@shared/models/metadata';
import type { ServiceClient } from '../openstack/service-client';

export interface BackendEvidence {
  /** Agent types listed, or undefined when the list is not visible (not admin). */
  agentTypes?: string[];
  /** Whether any network:distributed port is visible. */
  distributedPorts: boolean;
  /** Extension aliases Neutron lists. */
  extensions: string[];
}

const OVN_AGENT = /^OVN /;
const ML2_AGENTS = new Set(['L3 agent', 'DHCP agent', 'Metadata agent', 'Open vSwitch agent', 'Linux bridge agent']);
/** Extensions only the OVN driver / ovn-router plugin load. */
const OVN_EXTENSIONS = new Set(['ovn-router', 'router-gateway-ip-qos', 'qos-fip-network-policy', 'ovn']);

/** Pure: the evidence -> detected backend and the lines that say why. */
export function classifyBackend(e: BackendEvidence): Pick<NetworkBackendInfo, 'detected' | 'evidence'> {
  const lines: string[] = [];
  const ovnAgents = e.agentTypes?.filter((t) => OVN_AGENT.test(t)) ?? [];
  const ml2Agents = e.agentTypes?.filter((t) => ML2_AGENTS.has(t)) ?? [];
  if (e.agentTypes === undefined) lines.push('Agents: not visible to this session (admins only).');
  else lines.push(`Agents: ${[...new Set(e.agentTypes)].join(', ') || 'none'}.`);
  if (e.distributedPorts) lines.push('network:distributed (OVN metadata) ports exist.');
  const ovnExt = e.extensions.filter((x) => OVN_EXTENSIONS.has(x));
  if (ovnExt.length) lines.push(`OVN API extensions: ${ovnExt.join(', ')}.`);
  const ovnSigns = ovnAgents.length > 0 || e.distributedPorts || ovnExt.length > 0;
  let detected: NetworkBackendInfo['detected'];
  if (ovnAgents.length > 0 && ml2Agents.length > 0) detected = 'mixed';
  else if (ovnSigns) detected = 'ovn';
  else if (ml2Agents.length > 0) detected = 'ml2-ovs';
  else detected = 'unknown';
  return { detected, evidence: lines };
}

/** The effective backend: the override, else the detected one, else ML2/OVS. */
export function effectiveBackend(
  detected: NetworkBackendInfo['detected'],
  override: NetworkBackend | 'auto',
): NetworkBackend {
  if (override !== 'auto') return override;
  return detected === 'ovn' ? 'ovn' : 'ml2-ovs';
}

type Client = Pick<ServiceClient, 'request'>;

/** Three small calls, in parallel; a call that fails only removes its evidence. */
export async function detectBackend(
  client: Client,
  override: NetworkBackend | 'auto' = 'auto',
): Promise<NetworkBackendInfo> {
  const [agents, distributed, extensions] = await Promise.all([
    client
      .request<{ agents: Array<{ agent_type: string }> }>('network', 'agents', { query: { fields: ['agent_type'] } })
      .then((r) => (r.data.agents ?? []).map((a) => a.agent_type))
      .catch(() => undefined),
    client
      .request<{ ports: unknown[] }>('network', 'ports', {
        query: { device_owner: 'network:distributed', fields: ['id'], limit: 1 },
      })
      .then((r) => (r.data.ports ?? []).length > 0)
      .catch(() => false),
    client
      .request<{ extensions: Array<{ alias: string }> }>('network', 'extensions')
      .then((r) => (r.data.extensions ?? []).map((x) => x.alias))
      .catch(() => [] as string[]),
  ]);
  const { detected, evidence } = classifyBackend({ agentTypes: agents, distributedPorts: distributed, extensions });
  return { detected, evidence, override, effective: effectiveBackend(detected, override) };
}
