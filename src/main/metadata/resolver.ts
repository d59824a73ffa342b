/**
 * neutron-metadata-agent's instance resolution (docs/metadata-spec.md §2.2), over Neutron's REST API:
 * (X-Forwarded-For, router id | network id) -> exactly one port -> (device_id, project_id).
 * Every resolution returns a ResolveTrace; nothing here throws for a failed lookup.
 * Deliberate differences from the agent (all explained in the trace): a router with no interface
 * networks is refused instead of searched cloud-wide (UNSAFE_REFUSED), and an address that is not
 * one IP is refused instead of failing with 500.
 */
import type {
  NormalisedAddress,
  PortMatch,
  ResolveOutcome,
  ResolveRequest,
  ResolveTrace,
  Visibility,
} from '@shared/models/metadata';
import { AppError } from '../errors';
import { normaliseAddress } from './address';
import { ResolverCache, type ResolverCacheOptions } from './resolver-cache';
import {
  chunk,
  listPorts,
  MAX_QUERY_NETWORKS,
  portsByAddressQuery,
  routerInterfacesQuery,
  toPortMatch,
  type NeutronRequester,
  type PortQueryResult,
} from './neutron-ports';
import { nowMs, roundMs, statusOf, TraceRecorder } from './trace-recorder';
import { resolveOvn } from './ovn-resolver';

export interface ResolverOptions {
  /** An authenticated client; cloud-wide results need an admin session (the agent uses an admin context). */
  client: NeutronRequester;
  /** Cache like the pre-2025.1 agent's [cache] (off by default, as in the agent since 2025.1). */
  cache?: ResolverCacheOptions;
  /**
   * Without `cache`: keep only the router -> interface networks step for this long (the port step
   * is always asked). An entry is dropped and the router asked again whenever the port lookup on
   * its networks does not give exactly one port with a device; after nova's 404 the caller
   * re-resolves with skipCache. Router interfaces change rarely, a port's IP at any time.
   */
  routerNetworksTtlMs?: number;
  /**
   * Which ports the session sees: 'cloud' (admin) or 'project'. A function is asked on every
   * resolution, so a project switch is picked up.
   */
  visibility?: Visibility | (() => Visibility | undefined);
}

export interface ResolveOptions {
  /** Bypass cache reads (results are still written), like the agent's skip_cache. */
  skipCache?: boolean;
}

export interface Resolver {
  resolve(req: ResolveRequest, options?: ResolveOptions): Promise<ResolveTrace>;
  /** Whether results may come from the cache (the 404 retry only makes sense then). */
  readonly cacheEnabled: boolean;
  clearCache(): void;
}

const UNSAFE_AGENT_BEHAVIOUR =
  'The agent only adds a network_id filter when the router has interface networks, so it would search ' +
  "every project's ports for this address and forward to whichever single port matched.";

function describeLookup(address: NormalisedAddress, req: ResolveRequest): string {
  if (address.mac) return `MAC ${address.mac} (from the link-local address ${req.ip})`;
  return `IP ${address.lookupIp}`;
}

/** What every step of one resolver shares: the client and its caches. */
interface ResolverContext {
  client: NeutronRequester;
  /** The full cache (router networks and ports), when enabled. */
  cache: ResolverCache | null;
  /** Where router networks are kept: the full cache, a router-only cache, or nothing. */
  routers: ResolverCache | null;
}

/** Creates a resolver bound to one session's client. */
export function createResolver(options: ResolverOptions): Resolver {
  const cache = options.cache && options.cache.ttlMs > 0 ? new ResolverCache(options.cache) : null;
  const routerTtl = options.routerNetworksTtlMs ?? 0;
  // The full cache keeps router networks too; otherwise a router-only cache when asked for.
  const routers = cache ?? (routerTtl > 0 ? new ResolverCache({ ttlMs: routerTtl, max: 10_000 }) : null);
  const ctx: ResolverContext = { client: options.client, cache, routers };
  const visibility = () => (typeof options.visibility === 'function' ? options.visibility() : options.visibility);
  return {
    resolve: async (req, opts = {}) => {
      const view = visibility();
      // X-OVN-Network-ID: the OVN agent's lookup (bound ports of one network), its own module.
      if (req.ovnNetworkId !== undefined) return resolveOvn(options.client, req, view);
      return resolveMl2(ctx, req, opts.skipCache === true, view);
    },
    get cacheEnabled() {
      return cache !== null;
    },
    clearCache: () => routers?.clear(),
  };
}

type RefusalCode = NonNullable<Extract<ResolveOutcome, { kind: 'refused' }>['code']>;

/** One ML2/OVS resolution in progress: its trace, warnings and what it found so far. */
class Resolution {
  readonly rec = new TraceRecorder();
  readonly warnings: string[] = [];
  readonly path: ResolveTrace['path'];
  address: NormalisedAddress | undefined;
  networks: string[] = [];
  routerNetworksCached = false;

  constructor(
    readonly req: ResolveRequest,
    readonly view: Visibility | undefined,
  ) {
    this.path = req.routerId && !req.networkId ? 'router' : req.networkId && !req.routerId ? 'network' : 'none';
  }

  finish(outcome: ResolveOutcome): ResolveTrace {
    const { rec, warnings, view } = this;
    return {
      request: { ...this.req },
      path: this.path,
      address: this.address,
      networks: this.networks,
      steps: rec.steps,
      outcome,
      durationMs: rec.elapsed(),
      // Served from the cache only when no Neutron call was needed at all.
      cached: rec.neutronCalls === 0 && rec.steps.some((s) => s.outcome === 'cached'),
      neutronCalls: rec.neutronCalls,
      ...(this.routerNetworksCached ? { routerNetworksCached: true } : {}),
      ...(view ? { visibility: view } : {}),
      ...(warnings.length ? { warnings } : {}),
    };
  }

  refuse(code: RefusalCode, reason: string, agentBehaviour?: string): ResolveTrace {
    this.rec.note({ name: 'refuse', outcome: 'refused', detail: reason, result: { code } });
    return this.finish({ kind: 'refused', code, reason, ...(agentBehaviour ? { agentBehaviour } : {}) });
  }
}

const PROJECT_VIEW_WARNING =
  "This session sees only its own project's ports; the agent searches every project (admin context). " +
  "A port of another project with the same address would change the answer: use an admin session for the agent's exact result.";

/** The agent's steps 1 to 7 for one request (router or network path). */
async function resolveMl2(
  ctx: ResolverContext,
  req: ResolveRequest,
  skipCache: boolean,
  view: Visibility | undefined,
): Promise<ResolveTrace> {
  const run = new Resolution(req, view);
  if (view === 'project') run.warnings.push(PROJECT_VIEW_WARNING);
  const checked = checkRequest(run);
  if ('trace' in checked) return checked.trace;
  try {
    return await searchAndDecide(ctx, run, checked.address, skipCache);
  } catch (err) {
    return run.finish(errorOutcome(err));
  }
}

/** Steps 1 and 2: both ids are dropped, the address is normalised, one id is needed. */
function checkRequest(run: Resolution): { address: NormalisedAddress } | { trace: ResolveTrace } {
  const { req } = run;
  // 1. Both headers: the agent drops the request "since it could be spoofed" (before parsing the address).
  if (req.routerId && req.networkId) {
    return {
      trace: run.refuse(
        'BOTH_IDS',
        `Both a router (${req.routerId}) and a network (${req.networkId}) were given; only one is allowed.`,
        'The agent drops it: 404 up to 2024.2, 400 "Both network … and router … defined." from 2025.1.',
      ),
    };
  }
  // 2. The address, as the agent normalises it.
  const normalised = normaliseStep(run);
  if ('trace' in normalised) return normalised;
  if (run.path === 'none')
    return {
      trace: run.refuse(
        'NO_ID',
        'Neither a router id nor a network id was given: the agent needs one to know where to search.',
        'The agent raises TypeError and answers 500.',
      ),
    };
  return normalised;
}

/** Step 2: X-Forwarded-For as the agent reads it (mapped IPv4, link-local -> MAC). */
function normaliseStep(run: Resolution): { address: NormalisedAddress } | { trace: ResolveTrace } {
  const { req, rec } = run;
  const n0 = nowMs();
  let address: NormalisedAddress;
  try {
    address = normaliseAddress(req.ip);
  } catch (err) {
    const message = err instanceof AppError ? err.message : String(err);
    rec.note({ name: 'normalise', outcome: 'error', detail: message, durationMs: nowMs() - n0 });
    return { trace: run.refuse('BAD_ADDRESS', message, 'netaddr fails to parse it and the agent answers 500.') };
  }
  run.address = address;
  rec.note({
    name: 'normalise',
    outcome: 'ok',
    durationMs: nowMs() - n0,
    result: address,
    detail:
      address.kind === 'ipv4-mapped'
        ? `IPv4-mapped address: looked up as ${address.lookupIp} (X-Forwarded-For stays ${req.ip}).`
        : address.kind === 'ipv6-link-local'
          ? `IPv6 link-local address: looked up by MAC ${address.mac} from its EUI-64 interface id.`
          : `Looked up as ${address.kind === 'ipv4' ? 'IPv4' : 'IPv6'} ${address.lookupIp}.`,
  });
  if (address.kind === 'ipv6-link-local' && !address.eui64Marker) {
    run.warnings.push(
      `${req.ip} has no ff:fe in its interface id: it is not a modified EUI-64 address (RFC 7217 stable-privacy or random?), so the MAC ${address.mac} the agent derives is probably not the instance's.`,
    );
  }
  return { address };
}

/** Steps 3 to 6: the candidate networks, the ports with the address on them, the decision. */
async function searchAndDecide(
  ctx: ResolverContext,
  run: Resolution,
  address: NormalisedAddress,
  skipCache: boolean,
): Promise<ResolveTrace> {
  const { req, rec } = run;
  const decideOn = (ports: PortMatch[]) =>
    run.finish(decide(rec, address, req, run.networks, ports, run.warnings, run.view));
  // 3. Candidate networks.
  if (req.networkId) {
    run.networks = [req.networkId];
    rec.note({
      name: 'networks',
      outcome: 'ok',
      detail: `Network path: only network ${req.networkId} is searched.`,
      result: { networks: run.networks },
    });
    // 4. Ports with the address on that network.
    return decideOn(await findPorts(ctx, rec, address, run.networks, skipCache));
  }
  const routed = await routerPorts(ctx, rec, address, req.routerId as string, skipCache);
  run.networks = routed.networks;
  run.routerNetworksCached = routed.cached;
  if (run.networks.length === 0) {
    const scope = run.view === 'project' ? ' (or the router belongs to a project this session cannot see)' : '';
    return run.refuse(
      'UNSAFE_REFUSED',
      `Router ${req.routerId} has no interface port (device_owner ${'network:router_interface'}, HA or DVR interface)${scope}, so there is no network to search. StackLens refuses rather than search the whole cloud.`,
      UNSAFE_AGENT_BEHAVIOUR,
    );
  }
  return decideOn(routed.ports);
}

/** A failed Neutron call as the trace's error outcome (a 403 means the session is not admin). */
function errorOutcome(err: unknown): ResolveOutcome {
  const e = err instanceof AppError ? err : new AppError('INTERNAL', err instanceof Error ? err.message : String(err));
  const adminHint =
    e.code === 'FORBIDDEN'
      ? 'Listing ports across projects needs an admin session (the agent uses an admin context).'
      : e.hint;
  return { kind: 'error', code: e.code, message: e.message, ...(adminHint ? { hint: adminHint } : {}) };
}

/** Step 4 of the router path: the router's interface networks, from the cache or Neutron. */
async function routerNetworks(
  ctx: ResolverContext,
  rec: TraceRecorder,
  routerId: string,
  skipCache: boolean,
): Promise<{ networks: string[]; cached: boolean }> {
  const t0 = nowMs();
  const hit = !skipCache ? ctx.routers?.getRouterNetworks(routerId) : undefined;
  if (hit) {
    rec.note({
      name: 'router-networks',
      outcome: 'cached',
      durationMs: nowMs() - t0,
      detail: `Router ${routerId}: ${hit.networks.length} interface network(s), from the cache.`,
      result: { networks: hit.networks, interfacePorts: hit.portIds },
    });
    return { networks: hit.networks, cached: true };
  }
  const query = routerInterfacesQuery(routerId);
  const res = await queryStep(rec, 'router-networks', () => listPorts(ctx.client, query));
  const networks = [...new Set(res.ports.map((p) => p.network_id ?? '').filter(Boolean))];
  const portIds = res.ports.map((p) => p.id);
  ctx.routers?.setRouterNetworks(routerId, { networks, portIds });
  rec.note({
    name: 'router-networks',
    outcome: networks.length ? 'ok' : 'empty',
    request: res.calls.map((c) => c.request).join('\n'),
    status: res.calls.at(-1)?.status,
    durationMs: nowMs() - t0,
    detail: networks.length
      ? `Router ${routerId} has ${res.ports.length} interface port(s) on ${networks.length} network(s).`
      : `Router ${routerId} has no interface port (${res.ports.length} found): no network to search.`,
    result: { networks, interfacePorts: portIds, owners: [...new Set(res.ports.map((p) => p.device_owner))] },
  });
  return { networks, cached: false };
}

/** Step 5: the ports with the address (or MAC) on the networks, from the cache or Neutron. */
async function findPorts(
  ctx: ResolverContext,
  rec: TraceRecorder,
  address: NormalisedAddress,
  networks: string[],
  skipCache: boolean,
): Promise<PortMatch[]> {
  const t0 = nowMs();
  const lookup = { ip: address.lookupIp, mac: address.mac };
  const key = ResolverCache.portsKey(lookup, networks);
  const hit = !skipCache ? ctx.cache?.getPorts(key) : undefined;
  if (hit) {
    rec.note({
      name: 'ports',
      outcome: 'cached',
      durationMs: nowMs() - t0,
      detail: `${hit.length} port(s) from the cache.`,
      result: { ports: hit },
    });
    return hit;
  }
  const parts = chunk(networks, MAX_QUERY_NETWORKS);
  const merged = new Map<string, PortMatch>();
  for (const [i, part] of parts.entries()) {
    const s0 = nowMs();
    const res = await queryStep(rec, 'ports', () => listPorts(ctx.client, portsByAddressQuery(lookup, part)));
    for (const p of res.ports) merged.set(p.id, toPortMatch(p));
    rec.note({
      name: 'ports',
      outcome: res.ports.length ? 'ok' : 'empty',
      request: res.calls.map((c) => c.request).join('\n'),
      status: res.calls.at(-1)?.status,
      durationMs: nowMs() - s0,
      detail:
        `${res.ports.length} port(s) with ${lookup.mac ? `MAC ${lookup.mac}` : `IP ${lookup.ip}`} on ` +
        `${part.length} network(s)${parts.length > 1 ? ` (query ${i + 1} of ${parts.length}, at most ${MAX_QUERY_NETWORKS} networks each)` : ''}.`,
      result: { ports: res.ports.map(toPortMatch) },
    });
  }
  const ports = [...merged.values()];
  ctx.cache?.setPorts(key, ports);
  return ports;
}

/**
 * Router path: the interface networks (maybe cached), then the ports on them. A cached entry that
 * does not lead to exactly one port with a device is dropped and the router asked again, so a new
 * interface is seen at once and a miss is never answered from a stale entry.
 */
async function routerPorts(
  ctx: ResolverContext,
  rec: TraceRecorder,
  address: NormalisedAddress,
  routerId: string,
  skipCache: boolean,
): Promise<{ networks: string[]; ports: PortMatch[]; cached: boolean }> {
  const first = await routerNetworks(ctx, rec, routerId, skipCache);
  if (first.networks.length === 0) return { ...first, ports: [] };
  const ports = await findPorts(ctx, rec, address, first.networks, skipCache);
  if (!first.cached || (ports.length === 1 && ports[0].deviceId)) return { ...first, ports };
  rec.note({
    name: 'router-networks',
    outcome: 'ok',
    durationMs: 0,
    detail: `${ports.length} port(s) on the cached interface networks of router ${routerId}: the entry is dropped and the router asked again.`,
  });
  const fresh = await routerNetworks(ctx, rec, routerId, true);
  const same =
    fresh.networks.length === first.networks.length && fresh.networks.every((n) => first.networks.includes(n));
  if (same || fresh.networks.length === 0) return { ...fresh, ports: same ? ports : [] };
  return { ...fresh, ports: await findPorts(ctx, rec, address, fresh.networks, true) };
}

/** Wraps one Neutron query: counts calls, records the failing request in the trace, rethrows. */
async function queryStep(
  rec: TraceRecorder,
  name: string,
  run: () => Promise<PortQueryResult>,
): Promise<PortQueryResult> {
  const t0 = nowMs();
  try {
    const res = await run();
    rec.neutronCalls += res.calls.length;
    return res;
  } catch (err) {
    rec.neutronCalls += 1;
    rec.note({
      name,
      outcome: 'error',
      durationMs: nowMs() - t0,
      status: statusOf(err),
      detail: err instanceof Error ? err.message : String(err),
    });
    throw err;
  }
}

/** Step 6 of the agent: exactly one port with a device -> forward; otherwise 404. */
function decide(
  rec: TraceRecorder,
  address: NormalisedAddress,
  req: ResolveRequest,
  networks: string[],
  ports: PortMatch[],
  warnings: string[],
  view: Visibility | undefined,
): ResolveOutcome {
  const where = req.networkId
    ? `network ${req.networkId}`
    : `the ${networks.length} network(s) of router ${req.routerId}`;
  const what = describeLookup(address, req);
  const t0 = nowMs();
  let outcome: ResolveOutcome;
  if (ports.length === 1 && ports[0].deviceId) {
    const p = ports[0];
    outcome = {
      kind: 'resolved',
      instanceId: p.deviceId,
      projectId: p.projectId,
      portId: p.id,
      deviceOwner: p.deviceOwner,
      networkId: p.networkId,
    };
    if (!p.deviceOwner.startsWith('compute:')) {
      warnings.push(
        `Port ${p.id} belongs to ${p.deviceOwner || 'no device owner'}, not to an instance: the agent forwards it anyway (it does not filter on device_owner) and nova answers 404.`,
      );
    }
  } else if (ports.length === 1) {
    outcome = {
      kind: 'not-found',
      why: 'no-device',
      portCount: 1,
      portIds: [ports[0].id],
      ports,
      reason: `Port ${ports[0].id} has ${what} on ${where} but no device_id: the agent has no instance to ask nova for and answers 404.`,
    };
  } else if (ports.length === 0) {
    const scope = view === 'project' ? ' visible to this project' : '';
    outcome = {
      kind: 'not-found',
      why: 'no-port',
      portCount: 0,
      portIds: [],
      ports,
      reason: `No port${scope} has ${what} on ${where}: the agent answers 404.`,
    };
  } else {
    outcome = {
      kind: 'not-found',
      why: 'several-ports',
      portCount: ports.length,
      portIds: ports.map((p) => p.id),
      ports,
      reason: `${ports.length} ports have ${what} on ${where} (${ports.map((p) => p.id).join(', ')}): the agent needs exactly one and answers 404.`,
    };
  }
  rec.note({
    name: 'decide',
    durationMs: roundMs(nowMs() - t0),
    outcome: outcome.kind === 'resolved' ? 'ok' : 'empty',
    detail:
      outcome.kind === 'resolved'
        ? `Exactly one port (${outcome.portId}): instance ${outcome.instanceId}, project ${outcome.projectId}.`
        : (outcome as { reason: string }).reason,
    result:
      outcome.kind === 'resolved'
        ? { instanceId: outcome.instanceId, projectId: outcome.projectId, portId: outcome.portId }
        : { portIds: ports.map((p) => p.id) },
  });
  return outcome;
}
