/**
 * The local metadata proxy, as the renderer and the CLI see it. Secret-free: these cross IPC and
 * go into JSON log lines.
 */
import type { ResolveTrace } from './metadata';

/**
 * How a listener works out which instance a request is for.
 * - namespace: haproxy + agent in one; the instance IP is the socket's peer address, the router or
 *   network is the listener's own (client-sent X-Neutron-* headers are dropped, LP #1865036).
 * - agent: the real agent's socket contract: X-Forwarded-For plus one X-Neutron-Router-ID or
 *   X-Neutron-Network-ID header, so a real haproxy can point at it.
 * - instance: every request is answered as one chosen instance (cloud-init or curl on a laptop).
 */
export const proxyModes = ['namespace', 'agent', 'instance'] as const;
export type ProxyMode = (typeof proxyModes)[number];

/**
 * Which network backend's contract a listener speaks.
 * - ml2: ML2/OVS-style (X-Neutron-Router-ID / X-Neutron-Network-ID, neutron-metadata-agent).
 * - ovn: ML2/OVN (X-OVN-Network-ID from the ovnmeta- haproxy, neutron-ovn-metadata-agent's lookup:
 *   bound ports of one network); namespace mode is then bound to a network, never a router.
 */
export const proxyBackends = ['ml2', 'ovn'] as const;
export type ProxyBackendKind = (typeof proxyBackends)[number];

/** neutron's [metadata_rate_limiting], per source IP, two sliding windows (haproxy http_req_rate). */
export interface RateLimitConfig {
  enabled: boolean;
  baseWindowSeconds: number;
  baseLimit: number;
  burstWindowSeconds: number;
  burstLimit: number;
}

/** Server limits against slow or hostile clients. */
export interface ProxyLimits {
  maxBodyBytes: number;
  maxHeaderBytes: number;
  /** Time allowed to receive the complete request headers. */
  headersTimeoutMs: number;
  /** Time allowed to receive the complete request (headers and body). */
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** Time allowed for Neutron resolution plus nova's answer. */
  upstreamTimeoutMs: number;
  maxConnections: number;
  /** Requests worked on upstream (Neutron + nova) at once; the rest wait within the upstream timeout. */
  maxUpstreamConcurrent: number;
  /** Deadline for in-flight requests on stop. */
  stopDeadlineMs: number;
}

/** Who an instance-mode listener answers as. */
export type InstanceTarget =
  | { kind: 'instance'; instanceId: string; projectId: string }
  | { kind: 'address'; ip: string; routerId?: string; networkId?: string };

/** A listener as saved in the settings (what the form edits). */
export interface ListenerConfig {
  id: string;
  name: string;
  /** The cloud whose session resolves ports and whose nova metadata answers. */
  cloudId: string;
  mode: ProxyMode;
  /** Absent = 'ml2'. */
  backend?: ProxyBackendKind;
  /** Bind address; 127.0.0.1 unless allowNonLoopback. */
  host: string;
  /** null = a free port chosen at start. */
  port: number | null;
  /** Agent mode only: listen on this unix socket instead of TCP. */
  socketPath?: string;
  /**
   * The listener's capability token (agent mode on TCP, instance mode): requests carry it in the
   * X-StackLens-Token header or as the first path segment. Made by main, never by the form; not a
   * cloud credential (the UI shows it in the curl hint), never in a log line.
   */
  token?: string;
  /** Binding a non-loopback address hands any instance's metadata to whoever can reach it. */
  allowNonLoopback: boolean;
  /** Namespace mode (exactly one), instance mode with an address target (via `instance`). */
  routerId?: string;
  networkId?: string;
  /** Namespace mode: take X-Forwarded-For from these upstreams (IPs or CIDRs) only. */
  trustedProxies: string[];
  instance?: InstanceTarget;
  /** Cache port lookups (short TTL) and re-resolve once when nova answers 404. */
  useCache: boolean;
  rateLimit: RateLimitConfig;
  limits: ProxyLimits;
}

/** What the form sends: id absent = create. Missing options take the safe defaults. */
export type ListenerInput = Omit<
  ListenerConfig,
  'id' | 'rateLimit' | 'limits' | 'trustedProxies' | 'useCache' | 'allowNonLoopback' | 'host' | 'token'
> & {
  id?: string;
  host?: string;
  allowNonLoopback?: boolean;
  trustedProxies?: string[];
  useCache?: boolean;
  rateLimit?: Partial<RateLimitConfig>;
  limits?: Partial<ProxyLimits>;
};

export const listenerStates = ['stopped', 'starting', 'running', 'stopping', 'failed'] as const;
export type ListenerState = (typeof listenerStates)[number];

export interface ListenerCounters {
  requests: number;
  /** 2xx answers. */
  ok: number;
  /** 4xx answers other than 429. */
  clientErrors: number;
  /** 5xx answers. */
  serverErrors: number;
  rateLimited: number;
  /** Requests whose instance could not be resolved (404/400 before nova). */
  unresolved: number;
  /** nova unreachable (503) or Neutron failing (500). */
  upstreamErrors: number;
  /** Connections closed by a limit (timeout, oversized headers, parse error). */
  rejectedConnections: number;
  inFlight: number;
  openConnections: number;
}

export interface ListenerStatus {
  id: string;
  state: ListenerState;
  /** Where it listens while running: http://127.0.0.1:8080 or unix:/path. */
  url?: string;
  port?: number;
  startedAt?: string;
  /** Why it failed to start or stopped abnormally (no secret). */
  error?: { code: string; message: string; hint?: string };
  /** Shown in the UI: e.g. the non-loopback exposure warning. */
  warnings: string[];
  counters: ListenerCounters;
}

/** One listener with its status, as proxy:list returns it. */
export interface ListenerView {
  config: ListenerConfig;
  status: ListenerStatus;
}

/** One answered request. */
export interface ProxyLogEntry {
  /** Monotonic per process; the key for proxy:trace. */
  seq: number;
  listenerId: string;
  time: string;
  /** The instance address the answer was for (peer, trusted X-Forwarded-For or the configured IP). */
  source: string;
  /** The TCP peer (or 'unix'). */
  peer: string;
  method: string;
  /** Path and query as received (truncated to 512 characters). */
  path: string;
  routerId?: string;
  networkId?: string;
  instanceId?: string;
  projectId?: string;
  status: number;
  latencyMs: number;
  /**
   * Where the latency went, in ms: waiting for an upstream slot, resolving through Neutron, and
   * nova's answer; the rest is the proxy's own time. Absent for requests answered before that.
   */
  timings?: { queueMs: number; neutronMs: number; novaMs: number };
  /** Machine-readable reason when not 2xx: 'not-found', 'rate-limited', 'nova-unreachable'... */
  error?: string;
  /** One line for the admin. */
  detail?: string;
  /** Whether a resolution trace is kept for this entry (fetch it with proxy:trace). */
  hasTrace: boolean;
  /** Present in main's ring buffer, in the CLI's JSON lines and in proxy:trace; stripped from events. */
  trace?: ResolveTrace;
}
