/**
 * `stacklens proxy --cloud NAME --mode MODE ...`: the app's metadata proxy listener, headless.
 * One JSON line per answered request on stdout (the log entry; --trace adds the resolution);
 * status lines on stderr. Runs until SIGINT/SIGTERM (graceful stop), --duration or --max-requests.
 */
import { parseArgs } from 'node:util';
import { AppError } from '@main/errors';
import { planInstanceLookup } from '@main/metadata/lookup-plan';
import { DEFAULT_NOVA_TIMEOUT_MS, type NovaMetadataTarget } from '@main/metadata/nova-metadata-client';
import { normaliseListener } from '@main/proxy/listener-config';
import { createMetadataBackend } from '@main/proxy/metadata-backend';
import { MetadataProxyServer } from '@main/proxy/metadata-proxy-server';
import {
  proxyBackends,
  proxyModes,
  type InstanceTarget,
  type ListenerInput,
  type ProxyBackendKind,
  type ProxyMode,
} from '@shared/models/proxy';
import type { CliCommand, CliIo } from '../cli-io';
import { cloudArg } from '../cloud-arg';
import { openCloud } from '../cloud-session';
import { resolveOptionalId, type NamedKind } from '../find-name';
import { EXIT } from '../exit-codes';
import { readMetadataSecret, refuseSecretArgument, SECRET_ENV } from '../secret';
import { UsageError } from '../usage-error';
import { visibilityFor } from '@main/sessions/access';
import { NOVA_URL_ENV, requireNovaUrl } from './metadata';
import type { ServiceClient } from '@main/openstack/service-client';

const usage = `stacklens proxy [--cloud NAME] --mode namespace|agent|instance [options]

  --cloud NAME       a clouds.yaml cloud (default $OS_CLOUD)
  --host IP          bind address (default 127.0.0.1); any other needs --allow-non-loopback
  --port N           TCP port (default: a free one, printed on stderr)
  --socket PATH      agent mode: a unix socket instead of TCP (a real haproxy can point at it)
  --backend ml2|ovn  ml2 (default): X-Neutron-Router-ID / X-Neutron-Network-ID;
                     ovn: X-OVN-Network-ID (ovnmeta- haproxy), bound ports of one network
  --router NAME|ID | --network NAME|ID
                     namespace mode: the namespace's router or network;
                     instance mode with --ip: where the address is looked up
  --instance NAME|ID instance mode: answer as this instance (--project, else looked up)
  --project NAME|ID  the instance's project (nova checks it)
  --ip IP            instance mode: answer as the port with this address (resolved per request)
  --trust IP|CIDR    namespace mode: accept X-Forwarded-For from this upstream (repeatable)
  --cache            cache port lookups for 10 s, re-resolve once on nova 404
  --rate-limit B/W[,U/V]  per-source limit: B requests per W s (burst U per V s), 429 above
  --nova-url URL     nova-api-metadata (default $${NOVA_URL_ENV}, else compute host :8775)
  --secret-file F    metadata_proxy_shared_secret (else $${SECRET_ENV}; never an argument)
  --nova-cacert F, --nova-insecure, --nova-cert F --nova-key F   TLS towards nova
  --timeout S        seconds for Neutron + nova per request (default 60)
  --duration S       stop after S seconds;  --max-requests N  stop after N answers
  --trace            include the resolution trace in each JSON line
Each answered request is one JSON line on stdout: time, source, method, path, instanceId,
status, latencyMs, error. Stops gracefully on SIGINT/SIGTERM. A name several resources share is
an error listing them.`;

const options = {
  cloud: { type: 'string' },
  mode: { type: 'string' },
  backend: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  socket: { type: 'string' },
  router: { type: 'string' },
  network: { type: 'string' },
  instance: { type: 'string' },
  project: { type: 'string' },
  ip: { type: 'string' },
  trust: { type: 'string', multiple: true },
  'allow-non-loopback': { type: 'boolean' },
  cache: { type: 'boolean' },
  'rate-limit': { type: 'string' },
  'nova-url': { type: 'string' },
  'secret-file': { type: 'string' },
  'nova-cacert': { type: 'string' },
  'nova-insecure': { type: 'boolean' },
  'nova-cert': { type: 'string' },
  'nova-key': { type: 'string' },
  timeout: { type: 'string' },
  duration: { type: 'string' },
  'max-requests': { type: 'string' },
  trace: { type: 'boolean' },
} as const;

/** Parses "10/10" or "10/10,5/1" (requests/seconds) into the listener's rate limit. */
export function parseRateLimit(text: string): NonNullable<ListenerInput['rateLimit']> {
  const m = /^(\d+)\/(\d+)(?:,(\d+)\/(\d+))?$/.exec(text.trim());
  if (!m) throw new UsageError(`--rate-limit takes REQUESTS/SECONDS[,REQUESTS/SECONDS] (got ${text}).`);
  const [baseLimit, baseWindowSeconds] = [Number(m[1]), Number(m[2])];
  return {
    enabled: true,
    baseLimit,
    baseWindowSeconds,
    burstLimit: m[3] ? Number(m[3]) : baseLimit,
    burstWindowSeconds: m[4] ? Number(m[4]) : baseWindowSeconds,
  };
}

export interface ProxyRunControl {
  /** Resolves when the proxy should stop (SIGINT/SIGTERM in the real CLI). */
  stopped: Promise<unknown>;
  /** Told once the listener runs (tests use the URL). */
  onListening?: (url: string) => void;
}

function signalStop(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => resolve(signal);
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

/** The command line, checked before anything connects; the secret from the environment or a file. */
function parseProxyArgs(args: string[], io: CliIo) {
  refuseSecretArgument(args);
  const { values } = parseArgs({
    args,
    options,
    strict: true,
    allowPositionals: false,
  });
  const cloud = cloudArg(values, io);
  const mode = values.mode as ProxyMode;
  if (!proxyModes.includes(mode)) throw new UsageError(`--mode is one of ${proxyModes.join(', ')}.`);
  const backendKind = (values.backend ?? 'ml2') as ProxyBackendKind;
  if (!proxyBackends.includes(backendKind)) throw new UsageError(`--backend is one of ${proxyBackends.join(', ')}.`);
  if (mode === 'instance' && !values.instance && !values.ip)
    throw new UsageError('instance mode needs --instance ID, or --ip IP with --router or --network.');
  const port = values.port === undefined ? null : Number(values.port);
  if (port !== null && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new UsageError('--port is 0-65535.');
  const positive = (name: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${name} is a positive number.`);
    return n;
  };
  const timeoutS = positive('--timeout', values.timeout) ?? DEFAULT_NOVA_TIMEOUT_MS / 1000;
  const durationS = positive('--duration', values.duration);
  const maxRequests = positive('--max-requests', values['max-requests']);
  const rateLimit = values['rate-limit'] ? parseRateLimit(values['rate-limit']) : undefined;
  const { secret, warning } = readMetadataSecret(io.env, values['secret-file']);
  if (warning) io.stderr(`warning: ${warning}\n`);
  if (secret === undefined) {
    throw new AppError(
      'SECRET_MISSING',
      'No metadata shared secret: nova would refuse every forwarded request (403).',
      `Set ${SECRET_ENV} or pass --secret-file PATH.`,
    );
  }

  return { values, cloud, mode, backendKind, port, timeoutS, durationS, maxRequests, rateLimit, secret };
}

/** Instance mode's target: the instance (its project from Nova unless given), or an address. */
async function instanceTarget(
  client: ServiceClient,
  cloud: string,
  ids: { instanceId?: string; projectArg?: string; ip?: string; routerId?: string; networkId?: string },
): Promise<InstanceTarget> {
  const { instanceId, projectArg, ip, routerId, networkId } = ids;
  if (!instanceId) return { kind: 'address', ip: ip as string, routerId, networkId };
  const projectId = projectArg ?? (await planInstanceLookup(client, cloud, instanceId)).instance.projectId;
  if (!projectId)
    throw new AppError(
      'NOT_FOUND',
      `Nova did not say which project instance ${instanceId} belongs to.`,
      'Pass --project ID.',
    );
  return { kind: 'instance', instanceId, projectId };
}

/** Serves, one JSON line per answered request, until a signal, --duration or --max-requests. */
async function serveUntilStopped(
  server: MetadataProxyServer,
  io: CliIo,
  opts: { trace: boolean; maxRequests?: number; durationS?: number; control?: ProxyRunControl },
  announce: (url: string) => void,
): Promise<void> {
  let answered = 0;
  let reachedMax: () => void = () => undefined;
  const maxReached = new Promise<void>((resolve) => (reachedMax = resolve));
  server.events.on('request', (entry) => {
    const line = opts.trace ? entry : { ...entry, trace: undefined };
    io.stdout(`${JSON.stringify(line)}\n`);
    answered += 1;
    if (opts.maxRequests !== undefined && answered >= opts.maxRequests) reachedMax();
  });
  const status = await server.start();
  for (const w of status.warnings) io.stderr(`warning: ${w}\n`);
  announce(status.url as string);
  opts.control?.onListening?.(status.url as string);
  const timers: NodeJS.Timeout[] = [];
  const stops: Array<Promise<unknown>> = [opts.control ? opts.control.stopped : signalStop(), maxReached];
  const { durationS } = opts;
  if (durationS !== undefined) stops.push(new Promise((resolve) => timers.push(setTimeout(resolve, durationS * 1000))));
  await Promise.race(stops);
  timers.forEach(clearTimeout);
  await server.stop();
  const c = server.status.counters;
  io.stderr(
    `stacklens proxy: stopped after ${c.requests} requests (${c.ok} 2xx, ${c.clientErrors} 4xx, ${c.serverErrors} 5xx, ${c.rateLimited} rate-limited)\n`,
  );
}

/** Runs the command; `control` replaces the signal handlers in tests. */
export async function runProxyCommand(args: string[], io: CliIo, control?: ProxyRunControl): Promise<number> {
  const { values, cloud, mode, backendKind, port, timeoutS, durationS, maxRequests, rateLimit, secret } =
    parseProxyArgs(args, io);
  const { client, isAdmin, session } = await openCloud(cloud, io);
  try {
    const name = (kind: NamedKind, value: string | undefined) => resolveOptionalId(client, kind, value, isAdmin);
    const [routerId, networkId, instanceId, projectArg] = await Promise.all([
      name('router', values.router),
      name('network', values.network),
      name('instance', values.instance),
      name('project', values.project),
    ]);
    const instance =
      mode === 'instance'
        ? await instanceTarget(client, cloud, { instanceId, projectArg, ip: values.ip, routerId, networkId })
        : undefined;
    const config = normaliseListener({
      name: `cli-${mode}`,
      cloudId: cloud,
      mode,
      ...(backendKind === 'ovn' ? { backend: 'ovn' as const } : {}),
      host: values.host,
      port: port === 0 ? null : port,
      socketPath: values.socket,
      allowNonLoopback: values['allow-non-loopback'] === true,
      routerId: mode === 'namespace' ? routerId : undefined,
      networkId: mode === 'namespace' ? networkId : undefined,
      trustedProxies: values.trust,
      instance,
      useCache: values.cache === true,
      rateLimit,
      limits: { upstreamTimeoutMs: Math.round(timeoutS * 1000) },
    });
    const url = requireNovaUrl(values['nova-url'], io, client);
    const target: NovaMetadataTarget = {
      url,
      secret,
      timeoutMs: Math.round(timeoutS * 1000),
      tls: {
        verify: values['nova-insecure'] !== true,
        cacert: values['nova-cacert'],
        cert: values['nova-cert'],
        key: values['nova-key'],
      },
    };
    const backend = createMetadataBackend({
      client: () => client,
      target: () => target,
      visibility: () => visibilityFor(isAdmin),
      useCache: config.useCache,
    });
    const server = new MetadataProxyServer(config, backend);
    await serveUntilStopped(server, io, { trace: values.trace === true, maxRequests, durationS, control }, (u) =>
      io.stderr(
        `stacklens proxy: ${mode} mode${backendKind === 'ovn' ? ' (OVN)' : ''} listening on ${u}, forwarding to ${url}${isAdmin ? '' : " (not an admin session: only this project's ports are visible)"}\n`,
      ),
    );
    return EXIT.OK;
  } finally {
    await session.close();
  }
}

export const proxyCommand: CliCommand = {
  summary: 'Run a local metadata proxy listener (namespace, agent socket or one instance)',
  usage,
  options,
  optionValues: { mode: proxyModes },
  run: (args, io) => runProxyCommand(args, io),
};
