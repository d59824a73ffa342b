/**
 * The name the loaded topology knows for a resource, for "alpha-router (716a…)" labels. Null when
 * the resource is unnamed or not in the topology: the caller then shows the id, never a guess.
 */
import type { TopologyModel } from '@shared/topology';

export type NamedKind = 'server' | 'router' | 'network' | 'project';

export function modelName(model: TopologyModel | null | undefined, kind: NamedKind, id: string | undefined | null) {
  if (!model || !id) return null;
  if (kind === 'project') return model.projectNames.get(id) ?? null;
  const map = kind === 'server' ? model.servers : kind === 'router' ? model.routers : model.networks;
  return map.get(id)?.name || null;
}

/** The name of whatever resource has this id (router, network, subnet, port, instance, project). */
export function anyModelName(model: TopologyModel | null | undefined, id: string): string | null {
  if (!model) return null;
  for (const map of [model.routers, model.networks, model.subnets, model.ports, model.servers]) {
    const name = map.get(id)?.name;
    if (name) return name;
  }
  return model.projectNames.get(id) ?? null;
}
