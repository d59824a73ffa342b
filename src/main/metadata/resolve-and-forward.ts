/**
 * The agent's request cycle in one call (agent.py `__call__`): resolve, forward as the resolved
 * instance, and, only when the cache is on, re-resolve with skip_cache and forward once more when
 * nova answers 404 (LP #1868867: a cached port may have moved to a new instance).
 */
import type { ResolveTrace } from '@shared/models/metadata';
import type { Resolver } from './resolver';
import { forwardToNova, type NovaAnswer, type NovaMetadataTarget } from './nova-metadata-client';

export interface InstanceRequest {
  /** X-Forwarded-For as the namespace proxy wrote it. */
  forwardedFor: string;
  routerId?: string;
  networkId?: string;
  /** X-OVN-Network-ID (the OVN path; the X-Neutron-* ids are then ignored). */
  ovnNetworkId?: string;
  method: string;
  pathAndQuery: string;
  body?: Buffer | string;
}

export interface ForwardOutcome {
  trace: ResolveTrace;
  /** The second resolution after a 404 from nova, when the cache is on. */
  retryTrace?: ResolveTrace;
  /** nova's answer; absent when the resolution did not land on one instance. */
  answer?: NovaAnswer;
  /** The identity the (last) answer was fetched as. */
  forwardedAs?: { instanceId: string; projectId: string };
}

/** Resolves and forwards; throws AppError UNREACHABLE / TLS_ERROR when nova cannot be reached. */
export async function resolveAndForward(
  resolver: Resolver,
  target: NovaMetadataTarget,
  req: InstanceRequest,
): Promise<ForwardOutcome> {
  const resolveReq = {
    ip: req.forwardedFor,
    routerId: req.routerId,
    networkId: req.networkId,
    ...(req.ovnNetworkId !== undefined ? { ovnNetworkId: req.ovnNetworkId } : {}),
  };
  const trace = await resolver.resolve(resolveReq);
  if (trace.outcome.kind !== 'resolved') return { trace };
  const send = (instanceId: string, projectId: string) =>
    forwardToNova(target, {
      method: req.method,
      pathAndQuery: req.pathAndQuery,
      body: req.body,
      forwardedFor: req.forwardedFor,
      instanceId,
      projectId,
    });
  let forwardedAs = { instanceId: trace.outcome.instanceId, projectId: trace.outcome.projectId };
  let answer = await send(forwardedAs.instanceId, forwardedAs.projectId);
  if (answer.status !== 404 || !resolver.cacheEnabled) return { trace, answer, forwardedAs };

  const retryTrace = await resolver.resolve(resolveReq, { skipCache: true });
  if (retryTrace.outcome.kind !== 'resolved') return { trace, retryTrace, answer, forwardedAs };
  forwardedAs = { instanceId: retryTrace.outcome.instanceId, projectId: retryTrace.outcome.projectId };
  answer = await send(forwardedAs.instanceId, forwardedAs.projectId);
  return { trace, retryTrace, answer, forwardedAs };
}
