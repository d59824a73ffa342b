/**
 * ML2/OVN checks (docs/metadata-spec.md §4): per instance port, the network's metadata port
 * (network:distributed, the ovnmeta- namespace's address) and its IPs on DHCP-enabled IPv4
 * subnets, native DHCP on the subnet (no DHCP -> no 169.254.169.254 route), the port claimed by a
 * chassis (Neutron ACTIVE), and the OVN metadata agent and controller alive on the port's host.
 */
import type { Finding, Suspect } from '@shared/models/doctor';
import type { DoctorPort } from '../doctor-data';
import { finding, type DoctorCheck, type InstanceContext } from './types';

const METADATA_OWNER = 'network:distributed';
const listCall = (net: string) => `GET /v2.0/ports?network_id=${net}&device_owner=${METADATA_OWNER}`;

function metadataPorts(ctx: InstanceContext, networkId: string): DoctorPort[] {
  return ctx.idx.data.ports.filter((p) => p.networkId === networkId && p.deviceOwner === METADATA_OWNER);
}

function dhcpV4Subnets(ctx: InstanceContext, p: DoctorPort) {
  const ids = new Set(p.fixedIps.map((f) => f.subnetId));
  return (ctx.idx.subnetsByNetwork.get(p.networkId) ?? []).filter((s) => ids.has(s.id) && s.ipVersion === 4);
}

function metadataPortFinding(ctx: InstanceContext, p: DoctorPort): Finding[] {
  const md = metadataPorts(ctx, p.networkId);
  const base = { area: 'paths' as const, backend: 'ovn' as const, portId: p.id };
  const checked = `The metadata port (${METADATA_OWNER}) of network ${p.networkId} and its IPs on the DHCP-enabled IPv4 subnets.`;
  if (md.length === 0) {
    return [
      finding({
        ...base,
        check: 'ovn.metadata-port-missing',
        severity: 'blocking',
        title: `Network ${p.networkId} has no OVN metadata port`,
        checked,
        evidence: [{ call: listCall(p.networkId), fields: { ports: 0 } }],
        instanceSees: 'No ovnmeta- namespace serves this network: curl to 169.254.169.254 times out.',
        fix: 'Set [ovn] ovn_metadata_enabled = true on neutron-server, then: neutron-ovn-db-sync-util --ovn-neutron_sync_mode repair',
        confirms: ['timeout'],
      }),
    ];
  }
  const ips = new Set(md.flatMap((m) => m.fixedIps.map((f) => f.subnetId)));
  const lacking = dhcpV4Subnets(ctx, p).filter((s) => s.enableDhcp && !ips.has(s.id));
  const fields = { id: md[0].id, fixed_ips: md[0].fixedIps.map((f) => f.ip).join(', ') || null };
  if (lacking.length > 0) {
    return [
      finding({
        ...base,
        check: 'ovn.metadata-port-no-ip',
        severity: 'blocking',
        title: `The metadata port ${md[0].id} has no IP on ${lacking.map((s) => s.cidr).join(', ')}`,
        checked,
        evidence: [{ call: listCall(p.networkId), fields }],
        instanceSees:
          'The agent does not (re)provision ovnmeta- for the network: the DHCP route points at an address nobody answers, curl times out.',
        fix: `openstack port set --fixed-ip subnet=${lacking[0].id} ${md[0].id}   # then restart neutron-ovn-metadata-agent on the host`,
        confirms: ['timeout', 'refused'],
      }),
    ];
  }
  return [
    finding({
      ...base,
      check: 'ovn.metadata-port',
      severity: 'ok',
      title: `Metadata port ${md[0].id}: ${fields.fixed_ips}`,
      checked,
      evidence: [{ call: listCall(p.networkId), fields }],
    }),
  ];
}

function dhcpFinding(ctx: InstanceContext, p: DoctorPort): Finding[] {
  return dhcpV4Subnets(ctx, p).map((s) => {
    const evidence = [{ call: `GET /v2.0/subnets/${s.id}`, fields: { cidr: s.cidr, enable_dhcp: s.enableDhcp } }];
    const checked = `OVN native DHCP on ${s.cidr}: it hands out the address and the 169.254.169.254 route (option 121).`;
    if (s.enableDhcp)
      return finding({
        area: 'paths',
        backend: 'ovn',
        portId: p.id,
        check: 'ovn.dhcp',
        severity: 'ok',
        title: `DHCP is on for ${s.cidr}`,
        checked,
        evidence,
      });
    const drive = ctx.server?.configDrive === true;
    return finding({
      area: 'paths',
      backend: 'ovn',
      portId: p.id,
      check: 'ovn.dhcp-off',
      severity: drive ? 'warning' : 'blocking',
      title: `DHCP is off on ${s.cidr}: no route to 169.254.169.254`,
      checked,
      evidence,
      instanceSees: `No lease and no metadata route: curl to 169.254.169.254 fails${drive ? ' (the config drive still carries the metadata)' : ''}.`,
      fix: `openstack subnet set --dhcp ${s.id}   # or boot with --config-drive true`,
      confirms: ['timeout', 'refused'],
    });
  });
}

function bindingFinding(ctx: InstanceContext, p: DoctorPort): Finding[] {
  const fields = { status: p.status, 'binding:host_id': p.bindingHost ?? null, 'binding:vif_type': p.vifType ?? null };
  const base = {
    area: 'port' as const,
    backend: 'ovn' as const,
    portId: p.id,
    evidence: [{ call: `GET /v2.0/ports/${p.id}`, fields }],
  };
  const checked = `Port ${p.id} claimed by a chassis: the OVN agent only matches bound Port_Binding rows.`;
  if (p.status === 'ACTIVE')
    return [
      finding({
        ...base,
        check: 'ovn.port-claimed',
        severity: 'ok',
        title: `Port ${p.id} is claimed (ACTIVE on ${p.bindingHost || 'its host'})`,
        checked,
      }),
    ];
  const host = p.bindingHost || ctx.server?.host || '<host>';
  return [
    finding({
      ...base,
      check: 'ovn.port-unclaimed',
      severity: 'blocking',
      title: `Port ${p.id} is bound to ${host} in Neutron but no chassis has claimed it (status ${p.status || 'none'})`,
      checked,
      instanceSees: 'The VIF is not wired into OVN: no DHCP, no metadata; the OVN agent answers 404 for its address.',
      fix: `ovn-sbctl find Port_Binding logical_port=${p.id}   # on ${host}: ovs-vsctl find Interface external_ids:iface-id=${p.id}; missing in OVN? neutron-ovn-db-sync-util`,
      confirms: ['timeout', 'http-404'],
    }),
  ];
}

function agentFindings(ctx: InstanceContext, p: DoctorPort): Finding[] {
  const host = p.bindingHost;
  if (!host) return [];
  const call = `GET /v2.0/agents?host=${host}`;
  if (ctx.idx.data.missing.agents) {
    return [
      finding({
        area: 'agents',
        backend: 'ovn',
        portId: p.id,
        check: 'ovn.agents',
        severity: 'info',
        notChecked: ctx.idx.data.missing.agents.reason,
        title: "The OVN agents on the port's host were not checked",
        checked: ctx.idx.data.missing.agents.detail,
      }),
    ];
  }
  const onHost = ctx.idx.data.agents.filter((a) => a.host === host);
  const want: Array<[string, string, string]> = [
    [
      'OVN Metadata agent',
      'ovn.metadata-agent',
      'HTTP 503 from the ovnmeta- haproxy (its socket is gone) or a timeout once the namespace is torn down',
    ],
    ['OVN Controller agent', 'ovn.controller', 'no flows for new ports, no DHCP: curl to 169.254.169.254 times out'],
  ];
  return want.map(([type, check, sees]) => {
    const a = onHost.find((x) => x.type === type);
    const fields = { agent_type: type, host, alive: a ? a.alive : null, admin_state_up: a ? a.adminStateUp : null };
    const checked = `${type} alive on ${host}, the host of port ${p.id}.`;
    if (a?.alive)
      return finding({
        area: 'agents',
        backend: 'ovn',
        portId: p.id,
        check,
        severity: 'ok',
        title: `${type} alive on ${host}`,
        checked,
        evidence: [{ call, fields }],
      });
    return finding({
      area: 'agents',
      backend: 'ovn',
      portId: p.id,
      check: `${check}-down`,
      severity: 'blocking',
      title: a ? `${type} on ${host} is not alive` : `No ${type} on ${host}`,
      checked,
      evidence: [{ call, fields }],
      instanceSees: sees,
      fix: `systemctl restart ${type === 'OVN Metadata agent' ? 'neutron-ovn-metadata-agent' : 'ovn-controller'}   # on ${host}`,
      confirms: type === 'OVN Metadata agent' ? ['http-503', 'timeout', 'refused'] : ['timeout'],
    });
  });
}

const instancePorts = (ctx: InstanceContext) => ctx.ports.filter((p) => p.deviceOwner.startsWith('compute:'));

export const ovnMetadataPortCheck: DoctorCheck = {
  id: 'ovn.metadata-port',
  backend: 'ovn',
  run: (ctx) => instancePorts(ctx).flatMap((p) => [...metadataPortFinding(ctx, p), ...dhcpFinding(ctx, p)]),
};

export const ovnBindingCheck: DoctorCheck = {
  id: 'ovn.binding',
  backend: 'ovn',
  run: (ctx) => instancePorts(ctx).flatMap((p) => [...bindingFinding(ctx, p), ...agentFindings(ctx, p)]),
};

/** Below the API on OVN: the ovnmeta- haproxy and the southbound view the agent reads. */
export function ovnSuspects(ctx: InstanceContext): Suspect[] {
  const all = instancePorts(ctx).flatMap((p): Suspect[] => [
    {
      id: 'haproxy-ovnmeta',
      title: `haproxy in ovnmeta-${p.networkId}`,
      host: p.bindingHost,
      namespace: `ovnmeta-${p.networkId}`,
      commands: [
        `ip netns exec ovnmeta-${p.networkId} ss -ltnp 'sport = :80'`,
        'journalctl -u neutron-ovn-metadata-agent | grep -i haproxy',
      ],
      symptoms: ['refused', 'timeout'],
    },
    {
      id: 'ovn-sb-drift',
      title: `OVN southbound Port_Binding rows with ${p.fixedIps[0]?.ip ?? 'its address'} on the network`,
      host: p.bindingHost,
      commands: [
        `ovn-sbctl --columns=logical_port,mac,chassis list Port_Binding | grep -B1 -A1 ' ${p.fixedIps[0]?.ip ?? '<ip>'}'   # two bound rows = "More than one port found"`,
        'neutron-ovn-db-sync-util --ovn-neutron_sync_mode log',
      ],
      symptoms: ['http-404'],
    },
  ]);
  // What the instance reports puts the suspects that produce it first.
  const s = ctx.symptom;
  return s ? [...all.filter((x) => x.symptoms.includes(s)), ...all.filter((x) => !x.symptoms.includes(s))] : all;
}
