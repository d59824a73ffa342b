/**
 * A scripted ProxyBackend for the server's unit tests: a port table stands in for Neutron and a
 * recorder for nova, so tests can assert exactly what the proxy asked and forwarded. The real
 * resolver and nova are exercised by the *.integration.test.ts files against the lab.
 */
import type { ResolveRequest, ResolveTrace } from '@shared/models/metadata';
import { AppError } from '../../errors';
import type { NovaAnswer, NovaForward, ProxyBackend } from '../proxy-backend';

export interface FakePort {
  ip: string;
  routerId?: string;
  networkId: string;
  instanceId: string;
  projectId: string;
}

export interface FakeBackendOptions {
  ports: FakePort[];
  /** nova's answer; default 200 with a JSON echo of the instance. */
  nova?: (forward: NovaForward) => NovaAnswer | Promise<NovaAnswer>;
  /** Makes resolve() fail like an unreachable Neutron. */
  neutronDown?: boolean;
  cached?: boolean;
  /** Delay before resolve() answers (ms, or per request). */
  resolveDelayMs?: number | ((request: ResolveRequest) => number);
}

export interface FakeBackend extends ProxyBackend {
  resolves: Array<{ request: ResolveRequest; skipCache: boolean }>;
  forwards: NovaForward[];
  options: FakeBackendOptions;
  /** Most resolutions running at the same time. */
  peakConcurrent: number;
}

function trace(request: ResolveRequest, outcome: ResolveTrace['outcome'], cached: boolean): ResolveTrace {
  return {
    request,
    path: request.routerId ? 'router' : request.networkId ? 'network' : 'none',
    networks: [],
    steps: [],
    outcome,
    durationMs: 1,
    cached,
    neutronCalls: cached ? 0 : 1,
  };
}

export function createFakeBackend(options: FakeBackendOptions): FakeBackend {
  let active = 0;
  const backend: FakeBackend = {
    options,
    resolves: [],
    forwards: [],
    peakConcurrent: 0,
    get cached() {
      return options.cached ?? false;
    },
    async resolve(request, opts) {
      backend.resolves.push({ request, skipCache: opts?.skipCache ?? false });
      active += 1;
      backend.peakConcurrent = Math.max(backend.peakConcurrent, active);
      const delay =
        typeof options.resolveDelayMs === 'function' ? options.resolveDelayMs(request) : options.resolveDelayMs;
      if (delay) await new Promise((r) => setTimeout(r, delay));
      active -= 1;
      if (options.neutronDown) {
        return trace(
          request,
          { kind: 'error', code: 'UNREACHABLE', message: 'connect ECONNREFUSED 127.0.0.1:1' },
          false,
        );
      }
      const matches = options.ports.filter(
        (p) =>
          p.ip === request.ip &&
          (request.networkId ? p.networkId === request.networkId : p.routerId === request.routerId),
      );
      if (matches.length !== 1) {
        return trace(
          request,
          { kind: 'not-found', reason: `${matches.length} ports match`, portCount: matches.length, portIds: [] },
          false,
        );
      }
      const [port] = matches;
      return trace(
        request,
        {
          kind: 'resolved',
          instanceId: port.instanceId,
          projectId: port.projectId,
          portId: 'p',
          deviceOwner: 'compute:nova',
          networkId: port.networkId,
        },
        (options.cached ?? false) && !(opts?.skipCache ?? false),
      );
    },
    async forward(forward) {
      backend.forwards.push(forward);
      if (options.nova) return options.nova(forward);
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify({ uuid: forward.instanceId, project_id: forward.projectId })),
      };
    },
  };
  return backend;
}

/** nova down: what the real client throws. */
export function novaDown(): never {
  throw new AppError('UNREACHABLE', 'nova-api-metadata at http://127.0.0.1:1 refused the connection.');
}
