/**
 * Names the lookup already knows (the instance and its project, its ports' networks, the paths'
 * routers), so its traces say "alpha-router (094e…)" and "alpha (bb3e…)" even before the cloud's
 * topology is loaded for the pickers.
 */
import type { LookupPlan } from '@shared/models/metadata';

export function planNames(plan: LookupPlan): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  const add = (id: string | undefined, name: string | undefined) => id && name && names.set(id, name);
  const instance = plan.instance.name;
  add(plan.instance.id, instance);
  add(plan.instance.projectId, plan.instance.projectName);
  for (const port of plan.ports) {
    add(port.networkId, port.networkName);
    for (const router of port.routers) add(router.id, router.name);
    // An instance's port is unnamed as a rule: the topology calls it "<instance> port" too.
    add(port.id, instance ? `${instance} port` : undefined);
  }
  for (const path of plan.paths) {
    add(path.routerId, path.routerName);
    add(path.networkId, path.networkName);
  }
  return names;
}
