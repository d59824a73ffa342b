/**
 * What the details drawer shows for any node: labelled fields, every id copyable, related
 * resources as links. Pure: built from the model, tested without a DOM.
 */
import type { Port } from '@shared/models/topology';
import { nameWithId } from '../../components/short-id';
import { displayName, entityKindLabel, projectLabel, type EntityRef, type TopologyModel } from '@shared/topology';

export interface DetailField {
  label: string;
  value: string;
  /** Text the copy button copies (ids, IPs, MACs); absent = not copyable. */
  copy?: string;
  mono?: boolean;
  /** Clicking the value opens this resource. */
  ref?: EntityRef;
}

export interface EntityDetails {
  kind: string;
  title: string;
  status?: string;
  fields: DetailField[];
  /** Set for instances: the metadata lookup slot applies. */
  instanceId?: string;
}

const yesNo = (v: boolean | undefined) => (v === undefined ? 'unknown' : v ? 'yes' : 'no');
const idField = (label: string, id: string, ref?: EntityRef): DetailField => ({
  label,
  value: id || '(none)',
  copy: id || undefined,
  mono: true,
  ref,
});

function projectFields(model: TopologyModel, projectId: string): DetailField[] {
  return [
    { label: 'Project', value: projectLabel(model, projectId), copy: projectId || undefined },
    idField('Project ID', projectId),
  ];
}

function nameOf(model: TopologyModel, ref: EntityRef): string {
  const item =
    ref.kind === 'router'
      ? model.routers.get(ref.id)
      : ref.kind === 'network'
        ? model.networks.get(ref.id)
        : ref.kind === 'subnet'
          ? model.subnets.get(ref.id)
          : ref.kind === 'port'
            ? model.ports.get(ref.id)
            : ref.kind === 'server'
              ? model.servers.get(ref.id)
              : undefined;
  return item ? displayName(item) : `${ref.id} (not in view)`;
}

/** Binding and port security: what an admin checks when traffic does not flow. */
function bindingFields(model: TopologyModel, p: Port): DetailField[] {
  const fields: DetailField[] = [];
  if (p.bindingHostId !== undefined) fields.push({ label: 'Binding host', value: p.bindingHostId || '(unbound)' });
  if (p.vifType !== undefined) fields.push({ label: 'VIF type', value: p.vifType, mono: true });
  if (p.portSecurityEnabled !== undefined)
    fields.push({ label: 'Port security', value: p.portSecurityEnabled ? 'enabled' : 'disabled' });
  if (p.securityGroupIds) {
    const names = p.securityGroupIds.map((id) => {
      const name = model.securityGroupNames.get(id);
      return name ? nameWithId(name, id) : id;
    });
    fields.push({
      label: 'Security groups',
      value: names.join(', ') || 'none',
      copy: p.securityGroupIds.join(' ') || undefined,
    });
  }
  return fields;
}

function routerDetails(model: TopologyModel, id: string, kind: string): EntityDetails | undefined {
  const r = model.routers.get(id);
  if (!r) return undefined;
  const fields: DetailField[] = [
    idField('ID', r.id),
    ...projectFields(model, r.projectId),
    { label: 'Admin state', value: r.adminStateUp ? 'up' : 'down' },
  ];
  if (r.ha !== undefined) fields.push({ label: 'HA', value: yesNo(r.ha) });
  if (r.distributed !== undefined) fields.push({ label: 'Distributed (DVR)', value: yesNo(r.distributed) });
  if (r.externalGateway) {
    const net = { kind: 'network' as const, id: r.externalGateway.networkId };
    fields.push(
      { label: 'Gateway network', value: nameOf(model, net), ref: net },
      idField('Gateway network ID', net.id, net),
    );
    for (const f of r.externalGateway.fixedIps)
      fields.push({ label: 'Gateway IP', value: f.ip, copy: f.ip, mono: true });
    if (r.externalGateway.enableSnat !== undefined)
      fields.push({ label: 'SNAT', value: r.externalGateway.enableSnat ? 'on' : 'off' });
  } else fields.push({ label: 'Gateway', value: 'none' });
  for (const port of model.routerInterfaces.get(r.id) ?? []) {
    for (const f of port.fixedIps) {
      const subnet = model.subnets.get(f.subnetId);
      fields.push({
        label: 'Interface',
        value: `${f.ip}${subnet ? ` on ${subnet.cidr} (${displayName(subnet)})` : ''}`,
        copy: port.id,
        mono: true,
        ref: { kind: 'port', id: port.id },
      });
    }
  }
  return { kind, title: displayName(r), status: r.status, fields };
}

function networkDetails(model: TopologyModel, id: string, kind: string): EntityDetails | undefined {
  const n = model.networks.get(id);
  if (!n) return undefined;
  const fields: DetailField[] = [
    idField('ID', n.id),
    ...projectFields(model, n.projectId),
    { label: 'Shared', value: yesNo(n.shared) },
    { label: 'External', value: yesNo(n.external) },
  ];
  if (n.mtu !== undefined) fields.push({ label: 'MTU', value: String(n.mtu) });
  for (const s of model.subnetsByNetwork.get(n.id) ?? [])
    fields.push({
      label: 'Subnet',
      value: `${s.cidr} (${displayName(s)})`,
      copy: s.id,
      mono: true,
      ref: { kind: 'subnet', id: s.id },
    });
  fields.push({ label: 'Ports', value: String(model.portsByNetwork.get(n.id)?.length ?? 0) });
  return { kind, title: displayName(n), status: n.status, fields };
}

function subnetDetails(model: TopologyModel, id: string, kind: string): EntityDetails | undefined {
  const s = model.subnets.get(id);
  if (!s) return undefined;
  const net = { kind: 'network' as const, id: s.networkId };
  const fields: DetailField[] = [
    idField('ID', s.id),
    { label: 'CIDR', value: s.cidr, copy: s.cidr, mono: true },
    { label: 'IP version', value: `IPv${s.ipVersion}` },
    { label: 'Gateway IP', value: s.gatewayIp ?? 'none', copy: s.gatewayIp ?? undefined, mono: true },
    { label: 'DHCP', value: s.enableDhcp ? 'enabled' : 'disabled' },
  ];
  if (s.ipv6AddressMode) fields.push({ label: 'IPv6 address mode', value: s.ipv6AddressMode });
  if (s.ipv6RaMode) fields.push({ label: 'IPv6 RA mode', value: s.ipv6RaMode });
  fields.push(
    { label: 'Network', value: nameOf(model, net), ref: net },
    idField('Network ID', s.networkId, net),
    ...projectFields(model, s.projectId),
  );
  for (const routerId of model.routersBySubnet.get(s.id) ?? [])
    fields.push({
      label: 'Router',
      value: nameOf(model, { kind: 'router', id: routerId }),
      copy: routerId,
      ref: { kind: 'router', id: routerId },
    });
  fields.push({ label: 'Ports', value: String(model.portsBySubnet.get(s.id)?.length ?? 0) });
  return { kind, title: `${s.cidr} (${displayName(s)})`, fields };
}

function portDetails(model: TopologyModel, id: string, kind: string): EntityDetails | undefined {
  const p = model.ports.get(id);
  if (!p) return undefined;
  const net = { kind: 'network' as const, id: p.networkId };
  const fields: DetailField[] = [
    idField('ID', p.id),
    { label: 'MAC address', value: p.macAddress, copy: p.macAddress, mono: true },
  ];
  for (const f of p.fixedIps) {
    const subnet = model.subnets.get(f.subnetId);
    fields.push({
      label: 'Fixed IP',
      value: `${f.ip}${subnet ? ` (${subnet.cidr})` : ''}`,
      copy: f.ip,
      mono: true,
      ref: subnet ? { kind: 'subnet', id: subnet.id } : undefined,
    });
  }
  fields.push(
    { label: 'Device owner', value: p.deviceOwner || '(none)', mono: true },
    idField('Device ID', p.deviceId),
    { label: 'Admin state', value: p.adminStateUp ? 'up' : 'down' },
    ...bindingFields(model, p),
  );
  const server = model.servers.get(p.deviceId);
  if (server)
    fields.push({
      label: 'Instance',
      value: displayName(server),
      copy: server.id,
      ref: { kind: 'server', id: server.id },
    });
  const router = model.routers.get(p.deviceId);
  if (router)
    fields.push({
      label: 'Router',
      value: displayName(router),
      copy: router.id,
      ref: { kind: 'router', id: router.id },
    });
  for (const fip of model.floatingIpsByPort.get(p.id) ?? [])
    fields.push({
      label: 'Floating IP',
      value: fip.floatingIp,
      copy: fip.floatingIp,
      mono: true,
      ref: { kind: 'floatingIp', id: fip.id },
    });
  fields.push(
    { label: 'Network', value: nameOf(model, net), ref: model.networks.has(p.networkId) ? net : undefined },
    idField('Network ID', p.networkId),
    ...projectFields(model, p.projectId),
  );
  return { kind, title: p.name || p.fixedIps.map((f) => f.ip).join(', ') || p.id, status: p.status, fields };
}

function serverDetails(model: TopologyModel, id: string, kind: string): EntityDetails | undefined {
  const s = model.servers.get(id);
  if (!s) return undefined;
  const fields: DetailField[] = [
    idField('ID', s.id),
    ...projectFields(model, s.projectId),
    { label: 'Config drive', value: s.configDrive ? 'yes' : 'no' },
  ];
  if (s.keyName) fields.push({ label: 'Key pair', value: s.keyName });
  if (s.flavor) fields.push({ label: 'Flavor', value: s.flavor });
  if (s.securityGroups?.length) fields.push({ label: 'Security groups', value: s.securityGroups.join(', ') });
  if (s.host) fields.push({ label: 'Host', value: s.host });
  if (s.created) fields.push({ label: 'Created', value: s.created });
  for (const a of s.addresses)
    fields.push({ label: `Address (${a.type}, ${a.network})`, value: a.ip, copy: a.ip, mono: true });
  for (const port of model.portsByDevice.get(s.id) ?? [])
    fields.push({
      ...idField('Port', port.id, { kind: 'port', id: port.id }),
      value: `${port.fixedIps.map((f) => f.ip).join(', ')} \u00b7 ${port.macAddress}`,
    });
  return { kind, title: displayName(s), status: s.status, fields, instanceId: s.id };
}

function floatingIpDetails(model: TopologyModel, id: string, kind: string): EntityDetails | undefined {
  const f = model.floatingIps.get(id);
  if (!f) return undefined;
  const fields: DetailField[] = [
    idField('ID', f.id),
    { label: 'Floating IP', value: f.floatingIp, copy: f.floatingIp, mono: true },
    { label: 'Fixed IP', value: f.fixedIp ?? 'not associated', copy: f.fixedIp ?? undefined, mono: true },
  ];
  fields.push(
    idField('Port ID', f.portId ?? '', f.portId ? { kind: 'port', id: f.portId } : undefined),
    idField('Router ID', f.routerId ?? '', f.routerId ? { kind: 'router', id: f.routerId } : undefined),
  );
  fields.push(
    { label: 'Network', value: nameOf(model, { kind: 'network', id: f.networkId }) },
    idField('Network ID', f.networkId),
    ...projectFields(model, f.projectId),
  );
  return { kind, title: f.floatingIp, status: f.status, fields };
}

/** The drawer content for `ref`, or undefined when the resource is not in the model. */
export function entityDetails(model: TopologyModel, ref: EntityRef): EntityDetails | undefined {
  const kind = entityKindLabel[ref.kind];
  switch (ref.kind) {
    case 'router':
      return routerDetails(model, ref.id, kind);
    case 'network':
      return networkDetails(model, ref.id, kind);
    case 'subnet':
      return subnetDetails(model, ref.id, kind);
    case 'port':
      return portDetails(model, ref.id, kind);
    case 'server':
      return serverDetails(model, ref.id, kind);
    case 'floatingIp':
      return floatingIpDetails(model, ref.id, kind);
  }
}
