/**
 * One listener of the local metadata proxy: a plain node:http server (no electron) doing the
 * namespace proxy's and the agent's job. Owns its socket, limits, rate limiter, counters and
 * graceful stop; reports every answered request and every state change as typed events.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type {
  ListenerConfig,
  ListenerCounters,
  ListenerState,
  ListenerStatus,
  ProxyLogEntry,
  RateLimitConfig,
} from '@shared/models/proxy';
import { AppError } from '../errors';
import { isLoopback, parseRanges, parseStrictIp } from './addresses';
import { agentPage, pipelineFull } from './agent-answers';
import { clientBaseUrl, redactTokenPath } from './listener-token';
import type { CompiledListener } from './identify-request';
import type { ProxyBackend } from './proxy-backend';
import { SourceRateLimiter } from './rate-limiter';
import { Semaphore } from './semaphore';
import { runPipeline, type PipelineResult } from './request-pipeline';
import { listenHandle, listenTcp, listenUnix, type BoundAddress, type ListenHandle } from './bind';
import { TypedEvents } from './typed-events';

export interface ProxyServerEvents extends Record<string, unknown> {
  request: ProxyLogEntry;
  status: ListenerStatus;
}

export interface ProxyServerOptions {
  /** Log sequence numbers, shared by all listeners of a manager. */
  nextSeq?: () => number;
  /** For tests: the rate limiter's clock. */
  clock?: () => number;
}

let fallbackSeq = 0;

/** True when the listener binds an address other machines can reach. */
export function isExposed(config: ListenerConfig): boolean {
  const hostIp = parseStrictIp(config.host);
  return !config.socketPath && hostIp !== null && !isLoopback(hostIp);
}

/**
 * Requests one connection may have in the server at once (one worked on, the rest waiting their
 * turn): pipelining cannot turn one connection into unbounded Neutron and nova work.
 */
export const maxRequestsPerConnection = 8;

/** Requests that may wait for an upstream slot: past it, 503 at once instead of an unbounded queue. */
export function upstreamQueueLimit(maxUpstreamConcurrent: number): number {
  return Math.max(16, 8 * maxUpstreamConcurrent);
}

/**
 * Agent mode's per-peer limit: one haproxy may front many instances, so the peer gets ten times
 * the per-instance limit; a client rotating X-Forwarded-For still hits it.
 */
export const peerRateFactor = 10;
export function peerRateLimit(limit: RateLimitConfig): RateLimitConfig {
  return { ...limit, baseLimit: limit.baseLimit * peerRateFactor, burstLimit: limit.burstLimit * peerRateFactor };
}

/** What the admin must know about a listener's settings, shown on its card whether it runs or not. */
export function listenerWarnings(config: ListenerConfig): string[] {
  if (isExposed(config)) {
    return [
      `Binds ${config.host}: anyone who can reach this address gets any instance's metadata (user data, SSH keys, passwords).`,
    ];
  }
  return [];
}

const maxLoggedPath = 512;

function emptyCounters(): ListenerCounters {
  return {
    requests: 0,
    ok: 0,
    clientErrors: 0,
    serverErrors: 0,
    rateLimited: 0,
    unresolved: 0,
    upstreamErrors: 0,
    rejectedConnections: 0,
    inFlight: 0,
    openConnections: 0,
  };
}

/** What node's parser errors mean, answered on the raw socket (node's own defaults, plus a log line). */
function clientErrorAnswer(code: string | undefined): { status: number; text: string; reason: string } {
  if (code === 'HPE_HEADER_OVERFLOW')
    return { status: 431, text: 'Request Header Fields Too Large', reason: 'headers-too-large' };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, text: 'Request Timeout', reason: 'request-timeout' };
  if (code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW')
    return { status: 413, text: 'Payload Too Large', reason: 'chunk-extensions-too-large' };
  return { status: 400, text: 'Bad Request', reason: 'malformed-request' };
}

const round2 = (ms: number) => Math.round(ms * 100) / 100;
const roundTimings = (t: NonNullable<PipelineResult['timings']>) => ({
  queueMs: round2(t.queueMs),
  neutronMs: round2(t.neutronMs),
  novaMs: round2(t.novaMs),
});

/** A listener: start() binds, stop() drains, `events` reports. */
export class MetadataProxyServer {
  readonly events = new TypedEvents<ProxyServerEvents>();
  private readonly compiled: CompiledListener;
  private readonly limiter: SourceRateLimiter;
  private readonly peerLimiter?: SourceRateLimiter;
  private readonly upstream: Semaphore;
  private readonly counters = emptyCounters();
  private readonly nextSeq: () => number;
  private server?: Server;
  private state: ListenerState = 'stopped';
  private bound?: BoundAddress;
  private startedAt?: string;
  private error?: ListenerStatus['error'];
  private stopping?: Promise<void>;
  /** Sockets already answered by onClientError: the peer's close then raises a second parser error. */
  private readonly rejected = new WeakSet<Socket>();
  private readonly sockets = new Set<Socket>();
  /** Per connection: the request being worked on and those queued behind it. */
  private readonly turns = new WeakMap<Socket, { tail: Promise<void>; pending: number }>();

  constructor(
    readonly config: ListenerConfig,
    private readonly backend: ProxyBackend,
    options: ProxyServerOptions = {},
  ) {
    this.compiled = { config, trusted: parseRanges(config.trustedProxies).ranges };
    this.limiter = new SourceRateLimiter(config.rateLimit, options.clock);
    this.upstream = new Semaphore(
      config.limits.maxUpstreamConcurrent,
      upstreamQueueLimit(config.limits.maxUpstreamConcurrent),
    );
    if (config.mode === 'agent' && config.rateLimit.enabled)
      this.peerLimiter = new SourceRateLimiter(peerRateLimit(config.rateLimit), options.clock);
    this.nextSeq = options.nextSeq ?? (() => (fallbackSeq += 1));
  }

  /** The bound address without the token (for log lines). */
  get boundUrl(): string | undefined {
    return this.bound?.url;
  }

  /** A snapshot of state and counters. */
  get status(): ListenerStatus {
    const warnings = listenerWarnings(this.config);
    return {
      id: this.config.id,
      state: this.state,
      // What a client uses: with the token path segment where the listener needs one.
      url: this.state === 'running' && this.bound ? clientBaseUrl(this.bound.url, this.config) : undefined,
      port: this.state === 'running' ? this.bound?.port : undefined,
      startedAt: this.state === 'running' ? this.startedAt : undefined,
      error: this.error,
      warnings,
      counters: { ...this.counters },
    };
  }

  /**
   * Binds and starts serving. Throws AppError (CONFLICT for a port in use, ...) and stays 'failed'.
   * `handle`: serve on that already-listening socket (one made inside a namespace) instead of
   * the configured address.
   */
  async start(options: { handle?: ListenHandle } = {}): Promise<ListenerStatus> {
    if (this.state !== 'stopped' && this.state !== 'failed') {
      throw new AppError('CONFLICT', `Listener ${this.config.name} is already ${this.state}.`, 'Stop it first.');
    }
    this.error = undefined;
    this.setState('starting');
    const { limits } = this.config;
    const server = createServer(
      {
        maxHeaderSize: limits.maxHeaderBytes,
        headersTimeout: limits.headersTimeoutMs,
        requestTimeout: limits.requestTimeoutMs,
        keepAliveTimeout: limits.keepAliveTimeoutMs,
        // Node checks the two timeouts on this interval (default 30 s): keep it under them.
        connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(limits.headersTimeoutMs / 2))),
        // The agent never required Host; haproxy and cloud-init send it anyway.
        requireHostHeader: false,
      },
      (req, res) => void this.onRequest(req, res),
    );
    server.maxConnections = limits.maxConnections;
    // Idle sockets (nothing sent, or a client that stopped reading) are closed after this.
    server.timeout = limits.requestTimeoutMs + limits.upstreamTimeoutMs;
    server.on('connection', (socket: Socket) => this.onConnection(socket));
    server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => this.onClientError(err, socket));
    try {
      this.bound = options.handle
        ? await listenHandle(server, options.handle)
        : this.config.socketPath
          ? await listenUnix(server, this.config.socketPath)
          : await listenTcp(server, this.config.host, this.config.port);
    } catch (err) {
      const appError =
        err instanceof AppError ? err : new AppError('INTERNAL', err instanceof Error ? err.message : String(err));
      this.error = { code: appError.code, message: appError.message, hint: appError.hint };
      this.setState('failed');
      throw appError;
    }
    this.server = server;
    this.startedAt = new Date().toISOString();
    this.setState('running');
    return this.status;
  }

  /**
   * Graceful stop: stop accepting, close idle keep-alives, let in-flight requests finish (their
   * answers carry Connection: close), and cut what is left at the stop deadline.
   */
  stop(): Promise<void> {
    if (this.stopping) return this.stopping;
    const server = this.server;
    if (!server || this.state !== 'running') {
      if (this.state === 'failed') this.setState('stopped');
      return Promise.resolve();
    }
    this.setState('stopping');
    this.stopping = new Promise<void>((resolve) => {
      const deadline = setTimeout(() => server.closeAllConnections(), this.config.limits.stopDeadlineMs);
      server.close(() => {
        clearTimeout(deadline);
        void this.bound?.cleanup?.();
        this.server = undefined;
        this.stopping = undefined;
        this.setState('stopped');
        resolve();
      });
      server.closeIdleConnections();
      // node leaves connections that never sent a byte to the headers timeout: nothing is in flight there.
      for (const socket of this.sockets) if (socket.bytesRead === 0) socket.destroy();
    });
    return this.stopping;
  }

  private setState(state: ListenerState): void {
    this.state = state;
    this.events.emit('status', this.status);
  }

  private onConnection(socket: Socket): void {
    this.counters.openConnections += 1;
    this.sockets.add(socket);
    socket.once('close', () => {
      this.counters.openConnections -= 1;
      this.sockets.delete(socket);
    });
  }

  private onClientError(err: NodeJS.ErrnoException, socket: Socket): void {
    const response = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
    // A request that arrived complete before the garbage is still being answered (pipelining).
    const pending = response && !response.headersSent && response.req?.complete ? response : undefined;
    if (this.rejected.has(socket)) {
      // Already answered or scheduled to close; only a response still being produced keeps it open.
      if (!pending) socket.destroy();
      return;
    }
    this.rejected.add(socket);
    if (err.code === 'ECONNRESET') {
      // The client went away mid-request: nothing to answer, nothing it did wrong.
      socket.destroy();
      return;
    }
    this.counters.rejectedConnections += 1;
    const { status, text, reason } = clientErrorAnswer(err.code);
    this.record({
      peer: socket.remoteAddress ?? 'unix',
      method: '-',
      path: '-',
      status,
      latencyMs: 0,
      error: reason,
      detail: `Connection closed: ${err.code ?? err.message}.`,
    });
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    if (pending) {
      // Let that answer go out, then close (onRequest sees the socket in `rejected`). Read nothing more.
      socket.pause();
      return;
    }
    if (response?.headersSent) {
      // Never write into a response that has already started on this socket.
      socket.destroy();
      return;
    }
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    setTimeout(() => socket.destroy(), 1000).unref();
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const peer = req.socket.remoteAddress ?? 'unix';
    this.counters.requests += 1;
    this.counters.inFlight += 1;
    let result: PipelineResult;
    const turn = this.takeTurn(req.socket);
    try {
      if (!turn) {
        req.socket.pause();
        result = {
          answer: pipelineFull(maxRequestsPerConnection),
          stage: 'limit',
          path: redactTokenPath(req.url ?? '-'),
        };
      } else {
        await turn.ready;
        result = await runPipeline(
          {
            listener: this.compiled,
            backend: this.backend,
            limiter: this.limiter,
            peerLimiter: this.peerLimiter,
            upstream: this.upstream,
          },
          req,
          peer,
        );
      }
    } catch (err) {
      // runPipeline maps every failure; this is a bug guard so the client still gets an answer.
      result = {
        answer: agentPage(
          500,
          'An unknown error has occurred. Please try your request again.',
          'internal',
          err instanceof Error ? err.message : String(err),
        ),
        stage: 'nova',
      };
    } finally {
      turn?.done();
    }
    const { answer } = result;
    const written = this.writeAnswer(req, res, answer);
    this.counters.inFlight -= 1;
    this.count(result);
    this.record({
      peer,
      source: result.identified?.source,
      method: req.method ?? '-',
      path: (result.path ?? redactTokenPath(req.url ?? '-')).slice(0, maxLoggedPath),
      routerId: result.identified?.routerId,
      networkId: result.identified?.networkId,
      instanceId:
        result.instanceId ?? (result.trace?.outcome.kind === 'resolved' ? result.trace.outcome.instanceId : undefined),
      projectId: result.projectId,
      status: answer.status,
      latencyMs: Math.round((performance.now() - started) * 100) / 100,
      ...(result.timings ? { timings: roundTimings(result.timings) } : {}),
      error: written ? answer.error : 'client-closed',
      detail: written
        ? answer.detail
        : `The client went away before the ${answer.status} answer. ${answer.detail ?? ''}`.trim(),
      trace: result.trace,
    });
  }

  /** Writes the answer unless the client went away; false when nothing could be written. */
  private writeAnswer(req: IncomingMessage, res: ServerResponse, answer: PipelineResult['answer']): boolean {
    if (res.headersSent || res.destroyed || res.writableEnded) return false;
    const headers: Record<string, string | number> = { ...answer.headers, 'content-length': answer.body.length };
    const closing = this.rejected.has(req.socket);
    if (
      closing ||
      this.state === 'stopping' ||
      answer.error === 'body-too-large' ||
      answer.error === 'pipeline-full' ||
      answer.status === 400
    )
      headers.connection = 'close';
    res.writeHead(answer.status, headers);
    res.end(answer.body);
    if (closing) res.once('finish', () => req.socket.end());
    return true;
  }

  /** Queues a request behind the one its connection has in flight; null when the queue is full. */
  private takeTurn(socket: Socket): { ready: Promise<void>; done: () => void } | null {
    let line = this.turns.get(socket);
    if (!line) {
      line = { tail: Promise.resolve(), pending: 0 };
      this.turns.set(socket, line);
    }
    if (line.pending >= maxRequestsPerConnection) return null;
    const queue = line;
    queue.pending += 1;
    const ready = queue.tail;
    let done: () => void = () => undefined;
    queue.tail = new Promise<void>((resolve) => {
      done = () => {
        queue.pending -= 1;
        resolve();
      };
    });
    return { ready, done };
  }

  private count({ answer, stage }: PipelineResult): void {
    const { status } = answer;
    if (status < 300) this.counters.ok += 1;
    else if (status === 429) this.counters.rateLimited += 1;
    else if (status < 500) this.counters.clientErrors += 1;
    else this.counters.serverErrors += 1;
    if ((stage === 'identify' || stage === 'resolve') && (status === 400 || status === 404))
      this.counters.unresolved += 1;
    if (answer.error && /^(nova-unreachable|nova-timeout|neutron-)/.test(answer.error))
      this.counters.upstreamErrors += 1;
  }

  private record(
    entry: Omit<ProxyLogEntry, 'seq' | 'listenerId' | 'time' | 'source' | 'hasTrace'> & { source?: string },
  ): void {
    this.events.emit('request', {
      ...entry,
      seq: this.nextSeq(),
      listenerId: this.config.id,
      time: new Date().toISOString(),
      source: entry.source ?? entry.peer,
      hasTrace: entry.trace !== undefined,
    });
  }
}
