/**
 * Where an entity's rows are in each tree, computed from the model's indexes (without building
 * the lazy trees), so a search hit can expand exactly the ancestors it needs. Mirrors the tree
 * builders; locate.test.ts checks both agree on every entity.
 */
import type { TopologyModel } from './build-model';
import { isCompute, isRouterInterface } from './device-owner';
import type { EntityRef } from './entity';
import { childKey } from './tree';

function distinctSubnets(model: TopologyModel, portId: string): string[] {
  const port = model.ports.get(portId);
  return port ? [...new Set(port.fixedIps.map((f) => f.subnetId))] : [];
}

/** Keys of `router:R/interface:I/subnet:S` for every router interface on the subnet. */
function routerSubnetKeys(model: TopologyModel, subnetId: string): Array<{ key: string; interfaceId: string }> {
  const out: Array<{ key: string; interfaceId: string }> = [];
  for (const routerId of model.routersBySubnet.get(subnetId) ?? []) {
    if (!model.routers.has(routerId)) continue;
    for (const iface of model.routerInterfaces.get(routerId) ?? []) {
      if (iface.fixedIps.some((f) => f.subnetId === subnetId)) {
        out.push({ key: `router:${routerId}/interface:${iface.id}/subnet:${subnetId}`, interfaceId: iface.id });
      }
    }
  }
  return out;
}

function routerPortKeys(model: TopologyModel, portId: string): string[] {
  const port = model.ports.get(portId);
  if (!port) return [];
  const keys: string[] = [];
  if (isRouterInterface(port.deviceOwner) && model.routers.has(port.deviceId))
    keys.push(`router:${port.deviceId}/interface:${port.id}`);
  for (const subnetId of distinctSubnets(model, portId)) {
    for (const { key, interfaceId } of routerSubnetKeys(model, subnetId))
      if (interfaceId !== portId) keys.push(childKey(key, `port:${portId}`));
  }
  return keys;
}

function networkPortKeys(model: TopologyModel, portId: string): string[] {
  const port = model.ports.get(portId);
  if (!port) return [];
  const keys: string[] = [];
  if (model.networks.has(port.networkId)) {
    const onListed = distinctSubnets(model, portId).filter((s) => model.subnets.get(s)?.networkId === port.networkId);
    if (onListed.length)
      for (const subnetId of onListed) keys.push(`network:${port.networkId}/subnet:${subnetId}/port:${portId}`);
    else keys.push(`network:${port.networkId}/group:no-subnet/port:${portId}`);
  }
  if (!port.deviceId && !port.deviceOwner) keys.push(`group:unattached/port:${portId}`);
  else if (isCompute(port.deviceOwner) && !model.servers.has(port.deviceId))
    keys.push(`group:missing-instance/port:${portId}`);
  if (!model.networks.has(port.networkId)) keys.push(`group:outside/port:${portId}`);
  return keys;
}

function serverKeys(
  model: TopologyModel,
  serverId: string,
  portKeys: (portId: string) => string[],
  withoutPorts?: string,
): string[] {
  const ports = model.portsByDevice.get(serverId);
  if (!ports?.length)
    return withoutPorts && model.servers.has(serverId) ? [childKey(withoutPorts, `server:${serverId}`)] : [];
  return ports
    .filter((p) => isCompute(p.deviceOwner))
    .flatMap((p) => portKeys(p.id).map((k) => childKey(k, `server:${serverId}`)));
}

function floatingIpKeys(model: TopologyModel, fipId: string, portKeys: (portId: string) => string[]): string[] {
  const portId = model.floatingIps.get(fipId)?.portId;
  return portId ? portKeys(portId).map((k) => childKey(k, `floatingIp:${fipId}`)) : [];
}

/** Node keys of every row showing `ref` in the router tree (shortest first). */
export function locateInRouterTree(model: TopologyModel, ref: EntityRef): string[] {
  const portKeys = (id: string) => routerPortKeys(model, id);
  let keys: string[];
  switch (ref.kind) {
    case 'router':
      keys = model.routers.has(ref.id) ? [`router:${ref.id}`] : [];
      break;
    case 'port':
      keys = portKeys(ref.id);
      break;
    case 'server':
      keys = serverKeys(model, ref.id, portKeys);
      break;
    case 'floatingIp':
      keys = floatingIpKeys(model, ref.id, portKeys);
      break;
    case 'subnet':
      keys = routerSubnetKeys(model, ref.id).map((k) => k.key);
      break;
    case 'network': {
      keys = [...model.routers.values()]
        .filter((r) => r.externalGateway?.networkId === ref.id)
        .map((r) => `router:${r.id}/gateway:${ref.id}`);
      break;
    }
  }
  return keys.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
}

/** Node keys of every row showing `ref` in the network tree (shortest first). */
export function locateInNetworkTree(model: TopologyModel, ref: EntityRef): string[] {
  const portKeys = (id: string) => networkPortKeys(model, id);
  let keys: string[];
  switch (ref.kind) {
    case 'router':
      keys = [];
      break;
    case 'network':
      keys = model.networks.has(ref.id) ? [`network:${ref.id}`] : [];
      break;
    case 'subnet': {
      const subnet = model.subnets.get(ref.id);
      keys = subnet && model.networks.has(subnet.networkId) ? [`network:${subnet.networkId}/subnet:${ref.id}`] : [];
      break;
    }
    case 'port':
      keys = portKeys(ref.id);
      break;
    case 'server':
      keys = serverKeys(model, ref.id, portKeys, 'group:no-ports');
      break;
    case 'floatingIp':
      keys = floatingIpKeys(model, ref.id, portKeys);
      break;
  }
  return keys.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
}
