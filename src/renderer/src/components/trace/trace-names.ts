/**
 * The resources a trace mentions, named from the loaded topology: the router or network it went
 * through and, once resolved, the instance, its project, port and network. Pure, for TraceView.
 */
import type { ResolveTrace } from '@shared/models/metadata';
import { describeRef, type EntityRef, type TopologyModel } from '@shared/topology';

export interface TraceName {
  role: string;
  id: string;
  /** From the topology; undefined when the resource is not in it. */
  name?: string;
  /** Where "show in the topology" goes (projects have no row). */
  ref?: EntityRef;
  noun: string;
}

export function traceNames(trace: ResolveTrace, model: TopologyModel | null): TraceName[] {
  const named = (role: string, noun: string, ref: EntityRef): TraceName => {
    const item =
      ref.kind === 'router'
        ? model?.routers.get(ref.id)
        : ref.kind === 'network'
          ? model?.networks.get(ref.id)
          : ref.kind === 'server'
            ? model?.servers.get(ref.id)
            : model?.ports.get(ref.id);
    // describeRef names an unnamed port after its instance ("web-1 port").
    return {
      role,
      noun,
      id: ref.id,
      name: item && model ? describeRef(model, ref).label : undefined,
      ref: item ? ref : undefined,
    };
  };
  const out: TraceName[] = [];
  const { request, outcome } = trace;
  if (request.routerId) out.push(named('Via router', 'router', { kind: 'router', id: request.routerId }));
  if (request.networkId) out.push(named('Via network', 'network', { kind: 'network', id: request.networkId }));
  if (outcome.kind === 'resolved') {
    out.push(named('Instance', 'instance', { kind: 'server', id: outcome.instanceId }));
    out.push({
      role: 'Project',
      noun: 'project',
      id: outcome.projectId,
      name: model?.projectNames.get(outcome.projectId),
    });
    out.push(named('Port', 'port', { kind: 'port', id: outcome.portId }));
    if (outcome.networkId !== request.networkId)
      out.push(named('Network', 'network', { kind: 'network', id: outcome.networkId }));
  }
  return out;
}
