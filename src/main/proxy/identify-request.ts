/**
 * Works out, per listener mode, which instance a request is for: the address the answer is for,
 * the router or network scope, and what X-Forwarded-For nova gets. Pure: headers and peer in,
 * a target or a ready 400 out.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ResolveRequest } from '@shared/models/metadata';
import type { ListenerConfig } from '@shared/models/proxy';
import { inRanges, isUuid, parseStrictIp, type AddressRange } from './addresses';
import { badRequest, bothScopes, type Answer } from './agent-answers';

export type Target =
  { kind: 'resolve'; request: ResolveRequest } | { kind: 'instance'; instanceId: string; projectId: string };

export interface Identified {
  /** The instance address (for the log and the rate limiter). */
  source: string;
  forwardedFor: string;
  routerId?: string;
  networkId?: string;
  target: Target;
}

/** A listener's config with its trusted upstreams parsed once. */
export interface CompiledListener {
  config: ListenerConfig;
  trusted: AddressRange[];
}

const routerHeader = 'x-neutron-router-id';
const networkHeader = 'x-neutron-network-id';

function single(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value.join(', ') : value;
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}

function scopeTarget(ip: string, routerId?: string, networkId?: string, ovn = false): Target {
  if (ovn) return { kind: 'resolve', request: { ip, ovnNetworkId: networkId ?? '' } };
  return { kind: 'resolve', request: networkId ? { ip, networkId } : { ip, routerId } };
}

const ovnHeader = 'x-ovn-network-id';

/**
 * OVN agent mode: the OVN agent's socket contract (X-OVN-Network-ID added by the ovnmeta- haproxy,
 * X-Forwarded-For). Like the agent, nothing is rejected here: a missing or malformed header is a
 * lookup that finds nothing (404), and the resolver's trace says why. X-Neutron-* are ignored.
 */
function identifyAgentOvn(headers: IncomingHttpHeaders): Identified {
  const networkId = single(headers[ovnHeader]);
  const xff = single(headers['x-forwarded-for']) ?? '';
  return { source: xff, forwardedFor: xff, networkId, target: scopeTarget(xff, undefined, networkId, true) };
}

const isOvn = (listener: CompiledListener) => listener.config.backend === 'ovn';

/**
 * Namespace mode: the peer is the instance, unless it is a trusted upstream, in which case the
 * right-most untrusted X-Forwarded-For entry is. Client-sent X-Neutron-* headers are never read.
 */
function identifyNamespace(
  listener: CompiledListener,
  headers: IncomingHttpHeaders,
  peer: string,
): Identified | Answer {
  const { routerId, networkId } = listener.config;
  const peerIp = parseStrictIp(peer);
  if (!peerIp)
    return badRequest(`The connection's peer address ${JSON.stringify(peer)} is not an IP address.`, 'bad-peer');
  let source = peer;
  if (listener.trusted.length > 0 && inRanges(peerIp, listener.trusted)) {
    const xff = single(headers['x-forwarded-for']);
    if (!xff) return badRequest('A trusted upstream sent no X-Forwarded-For header.', 'bad-forwarded-for');
    const hops = xff.split(',').map((h) => h.trim());
    let chosen: string | undefined;
    for (let i = hops.length - 1; i >= 0; i -= 1) {
      const ip = parseStrictIp(hops[i]);
      if (!ip)
        return badRequest(
          `X-Forwarded-For entry ${JSON.stringify(hops[i].slice(0, 64))} is not an IP address.`,
          'bad-forwarded-for',
        );
      chosen = hops[i];
      if (!inRanges(ip, listener.trusted)) break;
    }
    source = chosen ?? peer;
  }
  return {
    source,
    forwardedFor: source,
    routerId,
    networkId,
    target: scopeTarget(source, routerId, networkId, isOvn(listener)),
  };
}

/** Agent mode: the real agent's socket contract (one X-Forwarded-For IP plus one scope header). */
function identifyAgent(headers: IncomingHttpHeaders): Identified | Answer {
  const routerId = single(headers[routerHeader]);
  const networkId = single(headers[networkHeader]);
  if (routerId && networkId) return bothScopes(networkId.slice(0, 64), routerId.slice(0, 64));
  const xff = single(headers['x-forwarded-for']);
  if (!xff)
    return badRequest(
      'X-Forwarded-For is missing: the agent socket expects the instance address in it.',
      'bad-forwarded-for',
    );
  if (!parseStrictIp(xff))
    return badRequest(
      `X-Forwarded-For ${JSON.stringify(xff.slice(0, 64))} is not one IP address.`,
      'bad-forwarded-for',
    );
  if (!routerId && !networkId) {
    return badRequest('Neither X-Neutron-Router-ID nor X-Neutron-Network-ID was sent.', 'no-scope');
  }
  const [name, id] = routerId ? ['X-Neutron-Router-ID', routerId] : ['X-Neutron-Network-ID', networkId as string];
  if (!isUuid(id)) return badRequest(`${name} ${JSON.stringify(id.slice(0, 64))} is not a UUID.`, 'bad-scope');
  return { source: xff, forwardedFor: xff, routerId, networkId, target: scopeTarget(xff, routerId, networkId) };
}

/** Instance mode: every request is for the configured instance (or address), whoever sends it. */
function identifyInstance(listener: CompiledListener, peer: string): Identified | Answer {
  const target = listener.config.instance;
  if (!target) return badRequest('This listener has no instance configured.', 'no-instance');
  if (target.kind === 'instance') {
    return {
      source: peer,
      forwardedFor: peer,
      target: { kind: 'instance', instanceId: target.instanceId, projectId: target.projectId },
    };
  }
  return {
    source: target.ip,
    forwardedFor: target.ip,
    routerId: target.routerId,
    networkId: target.networkId,
    target: scopeTarget(target.ip, target.routerId, target.networkId, isOvn(listener)),
  };
}

/** Identifies the request's instance for the listener's mode, or returns the 400 to answer. */
export function identifyRequest(
  listener: CompiledListener,
  headers: IncomingHttpHeaders,
  peer: string,
): Identified | Answer {
  switch (listener.config.mode) {
    case 'namespace':
      return identifyNamespace(listener, headers, peer);
    case 'agent':
      return isOvn(listener) ? identifyAgentOvn(headers) : identifyAgent(headers);
    case 'instance':
      return identifyInstance(listener, peer);
  }
}

/** Type guard: an Answer (rejection) rather than an identification. */
export function isAnswer(value: Identified | Answer): value is Answer {
  return (value as Answer).status !== undefined;
}
