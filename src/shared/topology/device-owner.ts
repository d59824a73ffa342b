/**
 * Neutron's device_owner values that decide where a port sits in the trees. Neutron has no enum
 * for them; these are the strings neutron_lib.constants uses.
 */

/** Router interfaces (legacy, HA and DVR), the same set neutron-metadata-agent looks up. */
export const ROUTER_INTERFACE_OWNERS: readonly string[] = [
  'network:router_interface',
  'network:ha_router_replicated_interface',
  'network:router_interface_distributed',
];

export const ROUTER_GATEWAY_OWNER = 'network:router_gateway';
export const DHCP_OWNER = 'network:dhcp';
export const FLOATING_IP_OWNER = 'network:floatingip';
export const DVR_SNAT_OWNER = 'network:router_centralized_snat';

export function isRouterInterface(owner: string): boolean {
  return ROUTER_INTERFACE_OWNERS.includes(owner);
}

export function isRouterGateway(owner: string): boolean {
  return owner === ROUTER_GATEWAY_OWNER;
}

export function isDhcp(owner: string): boolean {
  return owner === DHCP_OWNER;
}

/** Nova's ports: `compute:<availability zone>` (e.g. compute:nova). */
export function isCompute(owner: string): boolean {
  return owner.startsWith('compute:');
}

/** Ports that belong to a router: interfaces, the gateway, DVR's SNAT port. */
export function isRouterOwned(owner: string): boolean {
  return isRouterInterface(owner) || isRouterGateway(owner) || owner === DVR_SNAT_OWNER;
}

/** A short role for a port's badge: 'dhcp', 'router interface', 'gateway', 'instance', '' ... */
export function portRole(owner: string, deviceId: string): string {
  if (isDhcp(owner)) return 'dhcp';
  if (isRouterInterface(owner)) return 'router interface';
  if (isRouterGateway(owner)) return 'router gateway';
  if (owner === DVR_SNAT_OWNER) return 'snat';
  if (owner === FLOATING_IP_OWNER) return 'floating ip';
  if (isCompute(owner)) return 'instance';
  if (!owner && !deviceId) return 'unattached';
  return owner || 'device';
}
