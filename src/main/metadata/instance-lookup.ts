/**
 * Resolves every path of a lookup plan like the agent would and says, for each, whether the
 * request lands on this instance, on another device, or nowhere.
 */
import type { LookupPlan, PathResolution, ResolveTrace } from '@shared/models/metadata';
import type { Resolver } from './resolver';

/** One line for the admin about a resolution, relative to the instance the plan is for. */
export function verdictFor(trace: ResolveTrace, instanceId: string): { landsOnInstance: boolean; verdict: string } {
  const o = trace.outcome;
  switch (o.kind) {
    case 'resolved':
      return o.instanceId === instanceId
        ? { landsOnInstance: true, verdict: `Lands on this instance (port ${o.portId}, project ${o.projectId}).` }
        : {
            landsOnInstance: false,
            verdict: `Resolves to another device: ${o.instanceId} (${o.deviceOwner || 'no owner'}, port ${o.portId}) — this instance would get that device's metadata or a 404.`,
          };
    case 'not-found':
      return { landsOnInstance: false, verdict: o.reason };
    case 'refused':
      return { landsOnInstance: false, verdict: o.reason };
    case 'error':
      return { landsOnInstance: false, verdict: `Could not resolve: ${o.message}` };
  }
}

/** Resolves the plan's paths one after another (a handful; keeps the load on Neutron low). */
export async function resolvePlan(plan: LookupPlan, resolver: Resolver): Promise<PathResolution[]> {
  const out: PathResolution[] = [];
  for (const path of plan.paths) {
    const trace = await resolver.resolve({
      ip: path.ip,
      ...(plan.backend?.effective === 'ovn'
        ? { ovnNetworkId: path.networkId }
        : path.kind === 'router'
          ? { routerId: path.routerId }
          : { networkId: path.networkId }),
    });
    out.push({ path, trace, ...verdictFor(trace, plan.instance.id) });
  }
  return out;
}
