/**
 * Single-flight for cached listeners: when a cached lookup expires under load, every concurrent
 * request for the same (address, router | network) would otherwise ask Neutron at once (a
 * thundering herd that fills the upstream slots with identical queries). Concurrent identical
 * lookups share the one in flight instead; each sharer's trace says so and counts no Neutron call.
 * Uncached listeners do not use it: there, every request gets its own lookup, as with the agent.
 */
import type { ResolveRequest, ResolveTrace } from '@shared/models/metadata';

type Resolve = (request: ResolveRequest, options?: { skipCache?: boolean }) => Promise<ResolveTrace>;

const sharedNote =
  'Answered by an identical lookup already in flight for another request (coalesced): no Neutron call of its own.';

export function coalesceResolves(resolve: Resolve): Resolve {
  const inFlight = new Map<string, Promise<ResolveTrace>>();
  return async (request, options) => {
    // A forced refresh (the retry after nova's 404) must really go to Neutron.
    if (options?.skipCache) return resolve(request, options);
    const key = `${request.ip}|${request.routerId ?? ''}|${request.networkId ?? ''}`;
    const running = inFlight.get(key);
    if (running) {
      const trace = await running;
      return { ...trace, cached: true, neutronCalls: 0, warnings: [...(trace.warnings ?? []), sharedNote] };
    }
    const lookup = resolve(request, options).finally(() => inFlight.delete(key));
    inFlight.set(key, lookup);
    return lookup;
  };
}
