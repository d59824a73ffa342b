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
    const key = `${request.ip}|${request.routerId ?? ''}|${request.networkId ?? ''}|${request.ovnNetworkId ?? '-'}`;
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

/**
 * Single-flight that stays exact, for uncached listeners: a request never shares a lookup that
 * started before it arrived (Neutron may have changed since). While one lookup for a key runs,
 * every identical request that arrives waits for it to end and then shares ONE new lookup, started
 * after all of them arrived. Each answer still reflects Neutron after its own request came in, but
 * a burst of identical requests costs at most two lookups in flight per key instead of one each.
 */
export function coalesceFresh(resolve: Resolve): Resolve {
  const running = new Map<string, Promise<unknown>>();
  const queued = new Map<string, Promise<ResolveTrace>>();
  const start = (key: string, request: ResolveRequest): Promise<ResolveTrace> => {
    const lookup = resolve(request);
    const settled = lookup.then(
      () => undefined,
      () => undefined,
    );
    running.set(key, settled);
    void settled.then(() => running.get(key) === settled && running.delete(key));
    return lookup;
  };
  return async (request, options) => {
    if (options?.skipCache) return resolve(request, options);
    const key = `${request.ip}|${request.routerId ?? ''}|${request.networkId ?? ''}`;
    const busy = running.get(key);
    if (!busy) return start(key, request);
    let next = queued.get(key);
    const own = !next;
    if (!next) {
      next = busy.then(() => {
        queued.delete(key);
        return start(key, request);
      });
      queued.set(key, next);
    }
    const trace = await next;
    return own ? trace : { ...trace, neutronCalls: 0, warnings: [...(trace.warnings ?? []), freshSharedNote] };
  };
}

const freshSharedNote =
  'Shared a lookup with identical requests that arrived while the previous one ran (coalesced): it started after this request arrived.';
