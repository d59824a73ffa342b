/**
 * The production ProxyBackend: the metadata engineer's resolver (Neutron REST, agent semantics)
 * and nova metadata client (signs X-Instance-ID, sends the agent's four headers). The session's
 * client and the nova target are looked up on every request, so a listener keeps working across a
 * token renewal, a reconnect or a changed secret, and reports NOT_CONNECTED while there is none.
 */
import type { Visibility } from '@shared/models/metadata';
import { forwardToNova, type NovaMetadataTarget } from '../metadata/nova-metadata-client';
import type { NeutronRequester } from '../metadata/neutron-ports';
import { createResolver, type Resolver } from '../metadata/resolver';
import { coalesceFresh, coalesceResolves } from './coalesce-resolves';
import type { ProxyBackend } from './proxy-backend';

/** The agent's docs suggest a short TTL ("for example, 10 seconds"): a fixed IP can move to a new port. */
export const proxyCacheTtlMs = 10_000;

/**
 * Uncached listeners keep only the router -> interface networks step, this long: one Neutron call
 * per lookup instead of two. Dropped on any miss and on nova's 404 (see createResolver).
 */
export const routerNetworksTtlMs = 2_000;

export interface MetadataBackendSource {
  /** The cloud's current Neutron client; throws AppError NOT_CONNECTED when there is no session. */
  client(): NeutronRequester;
  /** nova-api-metadata's URL, secret and TLS; throws CONFIG_INVALID / SECRET_MISSING when unset. */
  target(): NovaMetadataTarget;
  /** 'cloud' for an admin session (sees every project's ports, like the agent), else 'project'. */
  visibility?: () => Visibility | undefined;
  useCache: boolean;
  cacheTtlMs?: number;
}

/** Builds a backend whose resolver follows the source's current client (one resolver per client). */
export function createMetadataBackend(source: MetadataBackendSource): ProxyBackend {
  let current: { client: NeutronRequester; resolver: Resolver } | undefined;
  const ttlMs = source.cacheTtlMs && source.cacheTtlMs > 0 ? source.cacheTtlMs : proxyCacheTtlMs;
  const resolverFor = (client: NeutronRequester): Resolver => {
    if (current?.client !== client) {
      current = {
        client,
        resolver: createResolver({
          client,
          cache: source.useCache ? { ttlMs, max: 10_000 } : undefined,
          routerNetworksTtlMs: source.useCache ? undefined : routerNetworksTtlMs,
          visibility: source.visibility,
        }),
      };
    }
    return current.resolver;
  };
  // A missing session throws here; the pipeline answers 500 with the reason in the log.
  const resolve = async (request: Parameters<ProxyBackend['resolve']>[0], options?: { skipCache?: boolean }) =>
    resolverFor(source.client()).resolve(request, options);
  return {
    resolve: source.useCache ? coalesceResolves(resolve) : coalesceFresh(resolve),
    forward: async (request) => forwardToNova(source.target(), request),
    cached: source.useCache,
  };
}
