/**
 * Whether the port's security groups let the metadata request out: an egress rule for TCP 80 to
 * 169.254.169.254 (IPv4) or fe80::a9fe:a9fe (IPv6), judged by ethertype, protocol, port range and
 * remote (a prefix containing the address; a remote group never matches it: 169.254.169.254 is no
 * member's address).
 */
import ipaddr from 'ipaddr.js';
import type { Finding } from '@shared/models/doctor';
import type { DoctorPort, SecurityGroup, SecurityGroupRule } from '../doctor-data';
import { METADATA_V4 } from '../served-paths';
import { finding, label, type DoctorCheck, type InstanceContext } from './types';

/** Whether one rule lets TCP to `address`:80 leave the port. */
export function ruleAllowsMetadata(rule: SecurityGroupRule, address: string = METADATA_V4): boolean {
  const target = ipaddr.parse(address);
  if (rule.direction !== 'egress') return false;
  if (rule.ethertype !== (target.kind() === 'ipv4' ? 'IPv4' : 'IPv6')) return false;
  const proto = rule.protocol === null ? null : String(rule.protocol).toLowerCase();
  if (proto !== null && proto !== 'tcp' && proto !== '6' && proto !== 'any') return false;
  if (rule.portMin !== null && rule.portMin > 80) return false;
  if (rule.portMax !== null && rule.portMax < 80) return false;
  if (rule.remoteGroupId || rule.remoteAddressGroupId) return false;
  if (!rule.remoteIpPrefix) return true;
  try {
    const [net, bits] = ipaddr.parseCIDR(rule.remoteIpPrefix);
    return net.kind() === target.kind() && target.match(net, bits);
  } catch {
    return false;
  }
}

const ruleFields = (r: SecurityGroupRule) => ({
  id: r.id,
  direction: r.direction,
  ethertype: r.ethertype,
  protocol: r.protocol,
  port_range_min: r.portMin,
  port_range_max: r.portMax,
  remote_ip_prefix: r.remoteIpPrefix,
  remote_group_id: r.remoteGroupId,
});

function checkPortGroups(ctx: InstanceContext, p: DoctorPort): Finding {
  const base = {
    area: 'security-groups' as const,
    portId: p.id,
    checked: `Egress rules of port ${p.id}'s security groups for TCP 80 to ${METADATA_V4}.`,
  };
  const call = {
    call: `GET /v2.0/ports?device_id=${ctx.instanceId}`,
    fields: {
      id: p.id,
      port_security_enabled: p.portSecurity ?? null,
      security_groups: (p.securityGroups ?? []).join(','),
    },
  };
  if (p.portSecurity === false)
    return finding({
      ...base,
      check: 'sg.port-security-off',
      severity: 'ok',
      title: `Port ${p.id} has port security off: no security group filters it`,
      evidence: [call],
    });
  const missing = ctx.idx.data.missing.securityGroups;
  if (missing || p.securityGroups === undefined) {
    return finding({
      ...base,
      check: 'sg.not-checked',
      severity: 'info',
      notChecked: missing?.reason ?? 'role',
      title: `Security groups of port ${p.id} were not checked`,
      checked: missing?.detail ?? "The port's security groups are not visible to this session.",
      evidence: [call],
    });
  }
  const groups = p.securityGroups.map((id) => ctx.idx.securityGroup.get(id));
  const unseen = p.securityGroups.filter((_, i) => !groups[i]);
  const seen = groups.filter((g): g is SecurityGroup => !!g);
  for (const g of seen) {
    const rule = g.rules.find((r) => ruleAllowsMetadata(r));
    if (rule) {
      return finding({
        ...base,
        check: 'sg.egress-ok',
        severity: 'ok',
        title: `Security group ${label(g.name, g.id)} lets TCP 80 to ${METADATA_V4} out`,
        evidence: [call, { call: `GET /v2.0/security-groups/${g.id}`, fields: ruleFields(rule) }],
      });
    }
  }
  if (unseen.length > 0) {
    return finding({
      ...base,
      check: 'sg.not-visible',
      severity: 'info',
      notChecked: 'role',
      evidence: [call],
      title: `Security group(s) ${unseen.join(', ')} of port ${p.id} are not visible to this session`,
      checked: `${base.checked} The visible groups allow nothing; the others may.`,
    });
  }
  const first = seen[0]?.id ?? '<security-group>';
  return finding({
    ...base,
    check: 'sg.egress-blocked',
    severity: 'blocking',
    evidence: [
      call,
      ...seen.map((g) => ({
        call: `GET /v2.0/security-groups/${g.id}`,
        fields: { name: g.name, egress_rules: g.rules.filter((r) => r.direction === 'egress').length },
      })),
    ],
    title: `No egress rule of port ${p.id}'s security groups lets TCP 80 to ${METADATA_V4} out`,
    instanceSees: 'The SYN to 169.254.169.254:80 is dropped at the port: curl times out.',
    fix: `openstack security group rule create --egress --ethertype IPv4 --protocol tcp --dst-port 80 --remote-ip ${METADATA_V4}/32 ${first}`,
  });
}

export const securityGroupCheck: DoctorCheck = {
  id: 'security-groups',
  backend: 'any',
  run: (ctx) => ctx.ports.map((p) => checkPortGroups(ctx, p)),
};
