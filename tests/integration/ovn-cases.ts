/**
 * The OVN conformance table: requests as the ovnmeta- haproxy sends them to the agent's socket,
 * with what the real Zed agent and StackLens do. Shared by the resolver and proxy conformance.
 */
import { linkLocalFromMac } from '../../src/main/metadata/address';
import type { OvnLab } from './ovn-lab';

export interface OvnCase {
  name: string;
  headers: Record<string, string>;
  /** The instance id StackLens forwards as (null = nothing forwarded). */
  forwards: string | null;
  /** X-Tenant-ID expected with it. */
  project?: string;
  /** StackLens's outcome kind when nothing is forwarded, and a word its reason/code holds. */
  ours?: 'not-found' | 'refused';
  why?: string;
  /** A deliberate difference: what the real agent does instead, and how StackLens explains it. */
  differs?: { agentForwards: string | null; agentStatus: number; explained: RegExp };
}

export function ovnCases(lab: OvnLab): OvnCase[] {
  const net = (n: string) => lab.networks[n].id;
  const vm = (n: string) => lab.instances[n];
  const h = (network: string | null, ip: string | null, extra: Record<string, string> = {}) => ({
    ...(network ? { 'X-OVN-Network-ID': net(network) } : {}),
    ...(ip !== null ? { 'X-Forwarded-For': ip } : {}),
    ...extra,
  });
  const a1 = vm('alpha-vm1');
  const b1 = vm('beta-vm1');
  return [
    {
      name: 'alpha-net 10.0.0.10 (overlapping IP)',
      headers: h('alpha-net', '10.0.0.10'),
      forwards: a1.id,
      project: a1.projectId,
    },
    {
      name: 'beta-net 10.0.0.10 (overlapping IP)',
      headers: h('beta-net', '10.0.0.10'),
      forwards: b1.id,
      project: b1.projectId,
    },
    {
      name: 'unknown IP 10.0.0.99',
      headers: h('alpha-net', '10.0.0.99'),
      forwards: null,
      ours: 'not-found',
      why: 'no-port',
    },
    {
      name: 'port bound in Neutron, claimed by no chassis (10.0.0.20)',
      headers: h('alpha-net', '10.0.0.20'),
      forwards: null,
      ours: 'not-found',
      why: 'not-claimed',
    },
    { name: 'the metadata localport 10.0.0.2', headers: h('alpha-net', '10.0.0.2'), forwards: null, ours: 'not-found' },
    { name: 'the router interface 10.0.0.1', headers: h('alpha-net', '10.0.0.1'), forwards: null, ours: 'not-found' },
    { name: "beta-net + alpha's 10.0.0.20", headers: h('beta-net', '10.0.0.20'), forwards: null, ours: 'not-found' },
    { name: 'no X-OVN-Network-ID', headers: h(null, '10.0.0.10'), forwards: null, ours: 'refused', why: 'NO_ID' },
    {
      name: 'X-Neutron-Network-ID instead (ML2/OVS header)',
      headers: h(null, '10.0.0.10', { 'X-Neutron-Network-ID': net('alpha-net') }),
      forwards: null,
      ours: 'refused',
      why: 'NO_ID',
    },
    {
      name: 'two addresses in X-Forwarded-For',
      headers: h('alpha-net', '10.0.0.10, 10.0.0.11'),
      forwards: null,
      ours: 'refused',
      why: 'BAD_ADDRESS',
    },
    {
      name: "link-local of alpha-vm1's MAC (2024.1+ MAC lookup; Zed 404)",
      headers: h('alpha-net', linkLocalFromMac(a1.mac)),
      forwards: a1.id,
      project: a1.projectId,
      differs: { agentForwards: null, agentStatus: 404, explained: /Zed.*404/ },
    },
  ];
}
