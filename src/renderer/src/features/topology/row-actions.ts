/**
 * What a row's context menu offers to copy: the id, the IPs and MACs an admin pastes next, and the
 * equivalent openstackclient command. Pure, built from the model.
 */
import { entitiesOfKind, type EntityKind, type EntityRef, type TopologyModel } from '@shared/topology';

export interface CopyItem {
  label: string;
  value: string;
}

/** openstackclient's resource noun for each kind. */
const CLI_NOUN: Record<EntityKind, string> = {
  router: 'router',
  network: 'network',
  subnet: 'subnet',
  port: 'port',
  server: 'server',
  floatingIp: 'floating ip',
};

/** `openstack <noun> show <id>`: what the admin runs to see the same object from a shell. */
export function showCommand(ref: EntityRef): string {
  return `openstack ${CLI_NOUN[ref.kind]} show ${ref.id}`;
}

const unique = (values: string[]) => [...new Set(values.filter(Boolean))];

/** IPs and MACs shown by the resource (a server's from its ports, a router's gateway). */
function addresses(model: TopologyModel, ref: EntityRef): { ips: string[]; macs: string[] } {
  switch (ref.kind) {
    case 'port': {
      const p = model.ports.get(ref.id);
      return { ips: p?.fixedIps.map((f) => f.ip) ?? [], macs: p ? [p.macAddress] : [] };
    }
    case 'server': {
      const ports = model.portsByDevice.get(ref.id) ?? [];
      const server = model.servers.get(ref.id);
      return {
        ips: unique([
          ...ports.flatMap((p) => p.fixedIps.map((f) => f.ip)),
          ...(server?.addresses.map((a) => a.ip) ?? []),
        ]),
        macs: unique(ports.map((p) => p.macAddress)),
      };
    }
    case 'router':
      return { ips: model.routers.get(ref.id)?.externalGateway?.fixedIps.map((f) => f.ip) ?? [], macs: [] };
    case 'floatingIp': {
      const f = model.floatingIps.get(ref.id);
      return { ips: f ? [f.floatingIp] : [], macs: [] };
    }
    case 'subnet': {
      const s = model.subnets.get(ref.id);
      return { ips: s ? [s.cidr] : [], macs: [] };
    }
    case 'network':
      return { ips: [], macs: [] };
  }
}

/** The copy entries of a row's menu: ID, IP(s) (CIDR for a subnet), MAC(s), the CLI command. */
export function copyItems(model: TopologyModel, ref: EntityRef): CopyItem[] {
  const { ips, macs } = addresses(model, ref);
  const items: CopyItem[] = [{ label: 'Copy ID', value: ref.id }];
  const ipLabel = ref.kind === 'subnet' ? 'CIDR' : ips.length > 1 ? 'IPs' : 'IP';
  if (ips.length) items.push({ label: `Copy ${ipLabel}`, value: ips.join(' ') });
  if (macs.length) items.push({ label: macs.length > 1 ? 'Copy MACs' : 'Copy MAC', value: macs.join(' ') });
  items.push({ label: 'Copy CLI command', value: showCommand(ref) });
  return items;
}

/** The raw model object of a resource (the details drawer's JSON tab), or undefined. */
export function rawObject(model: TopologyModel, ref: EntityRef): unknown {
  return entitiesOfKind(model, ref.kind).get(ref.id);
}
