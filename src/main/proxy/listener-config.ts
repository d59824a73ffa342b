/**
 * Listener settings: the request schema (zod, shared by the IPC route and the CLI), the safe
 * defaults, and the checks that need more than a shape (loopback, scopes, trusted upstreams).
 */
import { randomUUID } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import type { ListenerConfig, ListenerInput, ProxyLimits, RateLimitConfig } from '@shared/models/proxy';
import { proxyBackends, proxyModes } from '@shared/models/proxy';
import { AppError } from '../errors';
import { isLoopback, isUuid, parseRanges, parseStrictIp } from './addresses';
import { isListenerToken, newListenerToken } from './listener-token';

/** neutron's [metadata_rate_limiting] defaults (off; 10 requests per 10 s in both windows). */
export const defaultRateLimit: RateLimitConfig = {
  enabled: false,
  baseWindowSeconds: 10,
  baseLimit: 10,
  burstWindowSeconds: 10,
  burstLimit: 10,
};

/** Limits close to the reference haproxy's (timeout http-request 30s, agent's 60 s to nova). */
export const defaultLimits: ProxyLimits = {
  maxBodyBytes: 64 * 1024,
  maxHeaderBytes: 16 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  upstreamTimeoutMs: 60_000,
  maxConnections: 1024,
  maxUpstreamConcurrent: 32,
  stopDeadlineMs: 5_000,
};

const id = z.string().trim().min(1).max(64);
const uuid = z.string().trim().refine(isUuid, 'must be a UUID (8-4-4-4-12 hex)');

const rateLimitSchema = z
  .object({
    enabled: z.boolean(),
    baseWindowSeconds: z.number().int().min(1).max(3600),
    baseLimit: z.number().int().min(1).max(1_000_000),
    burstWindowSeconds: z.number().int().min(1).max(3600),
    burstLimit: z.number().int().min(1).max(1_000_000),
  })
  .strict()
  .partial();

const limitsSchema = z
  .object({
    maxBodyBytes: z
      .number()
      .int()
      .min(0)
      .max(16 * 1024 * 1024),
    maxHeaderBytes: z
      .number()
      .int()
      .min(1024)
      .max(64 * 1024),
    headersTimeoutMs: z.number().int().min(100).max(120_000),
    requestTimeoutMs: z.number().int().min(100).max(300_000),
    keepAliveTimeoutMs: z.number().int().min(0).max(120_000),
    upstreamTimeoutMs: z.number().int().min(100).max(300_000),
    maxConnections: z.number().int().min(1).max(100_000),
    maxUpstreamConcurrent: z.number().int().min(1).max(1024),
    stopDeadlineMs: z.number().int().min(0).max(60_000),
  })
  .strict()
  .partial();

const instanceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('instance'), instanceId: uuid, projectId: id }).strict(),
  z
    .object({
      kind: z.literal('address'),
      ip: z.string().trim().max(45),
      routerId: uuid.optional(),
      networkId: uuid.optional(),
    })
    .strict(),
]);

/** The shape of a listener as the form and the CLI send it. */
export const listenerInputSchema = z
  .object({
    id: id.optional(),
    name: z.string().trim().min(1).max(64),
    cloudId: id,
    mode: z.enum(proxyModes),
    backend: z.enum(proxyBackends).optional(),
    host: z.string().trim().max(45).optional(),
    port: z.number().int().min(0).max(65535).nullable(),
    socketPath: z.string().trim().min(1).max(100).optional(),
    allowNonLoopback: z.boolean().optional(),
    routerId: uuid.optional(),
    networkId: uuid.optional(),
    trustedProxies: z.array(z.string().trim().min(1).max(49)).max(64).optional(),
    instance: instanceSchema.optional(),
    useCache: z.boolean().optional(),
    rateLimit: rateLimitSchema.optional(),
    limits: limitsSchema.optional(),
    // Echoed back by an edit form that spreads the config: accepted and ignored (main owns it).
    token: z.string().max(64).optional(),
  })
  .strict();

function invalid(message: string, hint: string, field: string): never {
  throw new AppError('CONFIG_INVALID', message, hint, { field });
}

function exactlyOneScope(routerId: string | undefined, networkId: string | undefined, what: string): void {
  if (routerId && networkId)
    invalid(
      `${what}: give a router ID or a network ID, not both.`,
      'The agent refuses both (it could be spoofed); pick the one the instance sits behind.',
      'routerId',
    );
  if (!routerId && !networkId)
    invalid(
      `${what}: a router ID or a network ID is required.`,
      'Use the router for routed networks, the network for isolated ones (no router).',
      'routerId',
    );
}

/** OVN has no router path: its haproxy runs per network (ovnmeta-<network>). */
function ovnChecks(
  mode: ListenerConfig['mode'],
  routerId: string | undefined,
  networkId: string | undefined,
  instance: z.infer<typeof instanceSchema> | undefined,
): void {
  const hint = 'On ML2/OVN the ovnmeta-<network> haproxy serves one network: give the network ID.';
  if (mode === 'namespace' && (routerId || !networkId))
    invalid('OVN namespace mode is bound to a network, not a router.', hint, routerId ? 'routerId' : 'networkId');
  if (mode === 'instance' && instance?.kind === 'address' && (instance.routerId || !instance.networkId))
    invalid('An OVN instance address needs its network, not a router.', hint, 'instance.networkId');
}

type ParsedListener = z.output<typeof listenerInputSchema>;

/** The bind address: an IP, loopback unless the admin allowed otherwise (UNSAFE_REFUSED). */
function checkedBind(value: ParsedListener): { host: string; allowNonLoopback: boolean } {
  const host = value.host && value.host.length > 0 ? value.host : '127.0.0.1';
  const hostIp = parseStrictIp(host);
  if (!hostIp)
    invalid(
      `Bind address ${JSON.stringify(host)} is not an IP address.`,
      'Use 127.0.0.1 (or ::1); host names are not accepted.',
      'host',
    );
  const allowNonLoopback = value.allowNonLoopback ?? false;
  if (!isLoopback(hostIp) && !allowNonLoopback) {
    throw new AppError(
      'UNSAFE_REFUSED',
      `Binding ${host} would expose every instance's metadata (user data, keys, passwords) to whoever can reach it.`,
      'Bind 127.0.0.1, or tick "Allow non-loopback address" if you really mean to serve the network.',
      { field: 'host' },
    );
  }
  return { host, allowNonLoopback };
}

/** Socket path, OVN, namespace scope and trusted upstreams, instance target: what each mode allows. */
function applyModeSettings(value: ParsedListener, config: ListenerConfig): void {
  if (value.socketPath !== undefined) {
    if (value.mode !== 'agent')
      invalid(
        'A unix socket is only offered in agent mode.',
        'Clear the socket path, or switch to agent mode.',
        'socketPath',
      );
    if (!isAbsolute(value.socketPath))
      invalid(
        `Socket path ${value.socketPath} is not absolute.`,
        'Give a full path, e.g. /tmp/stacklens-metadata.sock.',
        'socketPath',
      );
    config.socketPath = value.socketPath;
  }
  if (value.backend === 'ovn') {
    config.backend = 'ovn';
    ovnChecks(value.mode, value.routerId, value.networkId, value.instance);
  }
  if (value.mode === 'namespace') {
    exactlyOneScope(value.routerId, value.networkId, 'Namespace mode');
    config.routerId = value.routerId;
    config.networkId = value.networkId;
    const { invalid: bad } = parseRanges(config.trustedProxies);
    if (bad !== undefined)
      invalid(
        `Trusted upstream ${JSON.stringify(bad)} is not an IP address or CIDR.`,
        'List IPs or CIDRs, e.g. 127.0.0.1 or 10.0.0.0/24.',
        'trustedProxies',
      );
  } else if (config.trustedProxies.length > 0) {
    invalid(
      'Trusted upstreams only apply in namespace mode.',
      'Agent mode always reads X-Forwarded-For; instance mode ignores it.',
      'trustedProxies',
    );
  }
  if (value.mode === 'instance') {
    const target = value.instance;
    if (!target)
      invalid(
        'Instance mode needs an instance (ID and project) or an address with its router or network.',
        'Pick the instance to answer as.',
        'instance',
      );
    if (target.kind === 'address') {
      if (!parseStrictIp(target.ip))
        invalid(
          `Instance address ${JSON.stringify(target.ip)} is not an IP address.`,
          "Give the instance's fixed IP, e.g. 10.0.0.10.",
          'instance.ip',
        );
      exactlyOneScope(target.routerId, target.networkId, 'Instance address');
    }
    config.instance = target;
  }
}

/**
 * Fills defaults and checks a listener. Throws AppError CONFIG_INVALID naming the field, or
 * UNSAFE_REFUSED for a non-loopback bind without allowNonLoopback.
 */
export function normaliseListener(input: ListenerInput, options: { token?: string } = {}): ListenerConfig {
  const parsed = listenerInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || '(listener)';
    invalid(`Listener setting ${field}: ${issue.message}.`, 'Correct the field and save again.', field);
  }
  const value = parsed.data;
  const { host, allowNonLoopback } = checkedBind(value);
  const config: ListenerConfig = {
    id: value.id ?? randomUUID(),
    name: value.name,
    cloudId: value.cloudId,
    mode: value.mode,
    host,
    port: value.port === 0 ? null : value.port,
    allowNonLoopback,
    trustedProxies: value.trustedProxies ?? [],
    useCache: value.useCache ?? false,
    rateLimit: { ...defaultRateLimit, ...value.rateLimit },
    limits: { ...defaultLimits, ...value.limits },
    // Kept across edits and restarts (cloud-init configs carry it); never taken from the form.
    token: isListenerToken(options.token) ? options.token : newListenerToken(),
  };
  if (config.limits.headersTimeoutMs > config.limits.requestTimeoutMs) {
    invalid(
      'The headers timeout must not exceed the request timeout.',
      'Raise limits.requestTimeoutMs or lower limits.headersTimeoutMs.',
      'limits.headersTimeoutMs',
    );
  }
  applyModeSettings(value, config);
  return config;
}
