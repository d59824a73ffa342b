/** A reference to one fetched resource, keyed by its OpenStack id (never by name or CIDR). */
export type EntityKind = 'router' | 'network' | 'subnet' | 'port' | 'server' | 'floatingIp';

export interface EntityRef {
  kind: EntityKind;
  id: string;
}

/** A stable string key for an entity, e.g. `port:4f0c...`. */
export function refKey(ref: EntityRef): string {
  return `${ref.kind}:${ref.id}`;
}

/** Human name of an entity kind, for labels and the details drawer. */
export const entityKindLabel: Record<EntityKind, string> = {
  router: 'Router',
  network: 'Network',
  subnet: 'Subnet',
  port: 'Port',
  server: 'Instance',
  floatingIp: 'Floating IP',
};
