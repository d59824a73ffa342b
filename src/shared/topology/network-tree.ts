/**
 * The network tree: network -> subnets -> ports (DHCP and router ports included) -> floating IPs
 * and instance; then the loose ends an admin hunts for, each as a group: ports without a device,
 * ports whose instance is not listed, ports on networks outside the view, instances without ports.
 */
import type { Network, Port, Server } from '../models/topology';
import { displayName, projectLabel, sortedNetworks, type TopologyModel } from './build-model';
import { childKey, type TreeNode } from './tree';
import { instanceNode, newTally, portNode, subnetNode } from './tree-nodes';

function networkNode(model: TopologyModel, network: Network): TreeNode {
  const key = `network:${network.id}`;
  const tally = newTally();
  const subnets = model.subnetsByNetwork.get(network.id) ?? [];
  const children = subnets.map((subnet) => subnetNode(model, subnet.id, key, { tally }));
  // Ports with no fixed IP on a subnet of this network that is in view.
  const listed = new Set(subnets.map((s) => s.id));
  const loose = (model.portsByNetwork.get(network.id) ?? []).filter((port) => !port.fixedIps.some((f) => listed.has(f.subnetId)));
  if (loose.length) {
    const groupKey = childKey(key, 'group:no-subnet');
    const ports = loose.map((port) => portNode(model, port, groupKey, undefined, tally));
    children.push({
      key: groupKey,
      kind: 'group',
      label: 'ports without an IP on a listed subnet',
      children: ports,
      counts: { ports: ports.length },
    });
  }
  const badges: string[] = [];
  if (network.external) badges.push('external');
  if (network.shared) badges.push('shared');
  if (model.snapshot.source.allProjects || (model.snapshot.source.projectId && network.projectId !== model.snapshot.source.projectId)) {
    badges.push(`project ${projectLabel(model, network.projectId)}`);
  }
  return {
    key,
    kind: 'network',
    ref: { kind: 'network', id: network.id },
    label: displayName(network),
    secondary: subnets.map((s) => s.cidr).join(', ') || 'no subnets',
    status: network.status,
    badges,
    children,
    counts: { subnets: subnets.length, ports: tally.ports.size, instances: tally.instances.size },
  };
}

function portGroup(model: TopologyModel, id: string, label: string, ports: readonly Port[]): TreeNode | undefined {
  if (!ports.length) return undefined;
  const key = `group:${id}`;
  const tally = newTally();
  const children = ports.map((port) => {
    const node = portNode(model, port, key, undefined, tally);
    const network = model.networks.get(port.networkId);
    node.secondary = [node.secondary, `network ${network ? displayName(network) : port.networkId.slice(0, 8)}`].filter(Boolean).join(' \u00b7 ');
    return node;
  });
  return { key, kind: 'group', label, children, counts: { ports: tally.ports.size, instances: tally.instances.size } };
}

function serverGroup(model: TopologyModel, servers: readonly Server[]): TreeNode | undefined {
  if (!servers.length) return undefined;
  const key = 'group:no-ports';
  return {
    key,
    kind: 'group',
    label: 'instances without ports in view',
    children: servers.map((server) => instanceNode(model, server, key)),
    counts: { instances: servers.length },
  };
}

/** One root per network (own, shared, external), then the loose-end groups that are not empty. */
export function buildNetworkTree(model: TopologyModel): TreeNode[] {
  const roots = sortedNetworks(model).map((network) => networkNode(model, network));
  const groups = [
    portGroup(model, 'unattached', 'ports without a device', model.unattachedPorts),
    portGroup(model, 'missing-instance', 'ports whose instance is not listed', model.portsWithMissingInstance),
    portGroup(model, 'outside', 'ports on networks outside this view', model.portsOutsideView),
    serverGroup(model, model.serversWithoutPorts),
  ];
  for (const group of groups) if (group) roots.push(group);
  return roots;
}
