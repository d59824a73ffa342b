/**
 * The proxy feature's service: named listeners kept in the settings (restored STOPPED after a
 * restart), started and stopped on demand, a bounded log of answered requests, and batched events
 * for the renderer. No electron import: the app, the test bridge and the CLI all use this.
 */
import type { ListenerConfig, ListenerInput, ListenerStatus, ListenerView, ProxyLogEntry } from '@shared/models/proxy';
import { AppError } from '../errors';
import { normaliseListener } from './listener-config';
import { isExposed, listenerWarnings, MetadataProxyServer } from './metadata-proxy-server';
import type { ProxyBackendFactory } from './proxy-backend';
import { RingBuffer } from './ring-buffer';
import { createEventBatcher, type ProxyEventSink } from './proxy-events';

/** Where listener configs persist (the settings store in the app, a temp file in tests). */
export interface ListenerStore {
  load(): Promise<ListenerConfig[]>;
  save(listeners: ListenerConfig[]): Promise<void>;
}

export interface ProxyServiceOptions {
  store: ListenerStore;
  backendFactory: ProxyBackendFactory;
  /** Main -> renderer events; batched here. */
  sink?: ProxyEventSink;
  /** Entries kept in main's log (with their traces). */
  logCapacity?: number;
  /** Secret-free diagnostics. */
  log?: (line: string) => void;
  /** Called for every answered request, unbatched and with its trace (the CLI's JSON lines). */
  onRequest?: (entry: ProxyLogEntry) => void;
  /**
   * Asks the admin, in a native dialog shown by main, before a listener binds a non-loopback
   * address. Absent = such listeners never start (no renderer flag can stand in for it).
   */
  confirmExposure?: (config: ListenerConfig) => Promise<boolean>;
}

interface Runtime {
  config: ListenerConfig;
  server?: MetadataProxyServer;
  /** Last known status when no server runs (stopped or failed). */
  status: ListenerStatus;
  starting?: Promise<ListenerStatus>;
}

export interface LogQuery {
  listenerId?: string;
  /** Only entries with seq greater than this. */
  afterSeq?: number;
  /** Newest entries first cut to this many (returned oldest first). */
  limit?: number;
}

function idleStatus(config: ListenerConfig, previous?: ListenerStatus): ListenerStatus {
  return {
    id: config.id,
    state: 'stopped',
    warnings: listenerWarnings(config),
    error: undefined,
    counters: previous?.counters
      ? { ...previous.counters, inFlight: 0, openConnections: 0 }
      : {
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
        },
  };
}

/** Strips the trace: the renderer fetches it on demand with proxy:trace. */
export function withoutTrace(entry: ProxyLogEntry): ProxyLogEntry {
  if (!entry.trace) return entry;
  const { trace: _trace, ...rest } = entry;
  return rest;
}

export class ProxyService {
  private readonly runtimes = new Map<string, Runtime>();
  private readonly entries: RingBuffer<ProxyLogEntry>;
  private readonly events;
  private seq = 0;
  private loaded?: Promise<void>;

  constructor(private readonly options: ProxyServiceOptions) {
    this.entries = new RingBuffer(options.logCapacity ?? 5000);
    this.events = createEventBatcher(options.sink);
  }

  /** Loads the saved listeners once; all come back stopped. */
  private ensureLoaded(): Promise<void> {
    this.loaded ??= this.options.store.load().then((configs) => {
      for (const config of configs) this.runtimes.set(config.id, { config, status: idleStatus(config) });
    });
    return this.loaded;
  }

  private runtime(id: string): Runtime {
    const runtime = this.runtimes.get(id);
    if (!runtime)
      throw new AppError(
        'NOT_FOUND',
        `No proxy listener with id ${id}.`,
        'Refresh the list; it may have been deleted.',
      );
    return runtime;
  }

  private view(runtime: Runtime): ListenerView {
    return { config: runtime.config, status: runtime.server ? runtime.server.status : runtime.status };
  }

  private persist(): Promise<void> {
    return this.options.store.save([...this.runtimes.values()].map((r) => r.config));
  }

  async list(): Promise<ListenerView[]> {
    await this.ensureLoaded();
    return [...this.runtimes.values()]
      .map((r) => this.view(r))
      .sort((a, b) => a.config.name.localeCompare(b.config.name));
  }

  /** Creates or updates a listener. A running listener is restarted with the new settings. */
  async save(input: ListenerInput): Promise<ListenerView> {
    await this.ensureLoaded();
    const previous = input.id ? this.runtimes.get(input.id) : undefined;
    const config = normaliseListener(input, { token: previous?.config.token });
    const clash = [...this.runtimes.values()].find((r) => r.config.name === config.name && r.config.id !== config.id);
    if (clash)
      throw new AppError('CONFLICT', `A listener named ${config.name} already exists.`, 'Choose another name.', {
        field: 'name',
      });
    const existing = this.runtimes.get(config.id);
    if (input.id && !existing)
      throw new AppError(
        'NOT_FOUND',
        `No proxy listener with id ${input.id}.`,
        'Refresh the list; it may have been deleted.',
      );
    const wasRunning = existing?.server !== undefined;
    if (existing && wasRunning) await this.stop(config.id);
    const runtime: Runtime = { config, status: existing ? idleStatus(config, existing.status) : idleStatus(config) };
    this.runtimes.set(config.id, runtime);
    await this.persist();
    if (wasRunning) await this.start(config.id).catch(() => undefined);
    return this.view(runtime);
  }

  async remove(id: string): Promise<void> {
    await this.ensureLoaded();
    this.runtime(id);
    await this.stop(id);
    this.runtimes.delete(id);
    this.entries.removeWhere((e) => e.listenerId === id);
    await this.persist();
  }

  /** Starts a listener; resolves with its running status or throws AppError (and stays 'failed'). */
  async start(id: string): Promise<ListenerStatus> {
    await this.ensureLoaded();
    const runtime = this.runtime(id);
    if (runtime.starting) return runtime.starting;
    if (runtime.server)
      throw new AppError(
        'CONFLICT',
        `Listener ${runtime.config.name} is already running.`,
        'Stop it first, or open its address.',
      );
    runtime.starting = this.startRuntime(runtime).finally(() => {
      runtime.starting = undefined;
    });
    return runtime.starting;
  }

  private async startRuntime(runtime: Runtime): Promise<ListenerStatus> {
    const { config } = runtime;
    const exposed = isExposed(config);
    if (exposed && !(await this.options.confirmExposure?.(config))) {
      throw new AppError(
        'UNSAFE_REFUSED',
        `Listener ${config.name} was not started: binding ${config.host} was not confirmed.`,
        'Confirm the exposure in the dialog, or bind 127.0.0.1.',
        { field: 'host' },
      );
    }
    let server: MetadataProxyServer;
    try {
      const backend = await this.options.backendFactory(config.cloudId, { useCache: config.useCache });
      server = new MetadataProxyServer(config, backend, { nextSeq: () => (this.seq += 1) });
    } catch (err) {
      const error =
        err instanceof AppError ? err : new AppError('INTERNAL', err instanceof Error ? err.message : String(err));
      runtime.status = {
        ...idleStatus(config, runtime.status),
        state: 'failed',
        error: { code: error.code, message: error.message, hint: error.hint },
      };
      this.events.status(runtime.status, true);
      throw error;
    }
    server.events.on('status', (status) => this.events.status(status, true));
    server.events.on('request', (entry) => {
      this.entries.push(entry);
      this.options.onRequest?.(entry);
      this.events.request(withoutTrace(entry));
      this.events.countersChanged(config.id, () => server.status);
    });
    runtime.server = server;
    try {
      const status = await server.start();
      // The bound address, not the client URL: the token never goes into a log line.
      const exposure = exposed ? ' (EXPOSED: anyone who can reach this address gets instance metadata)' : '';
      this.options.log?.(`proxy ${config.name} listening on ${server.boundUrl}${exposure}`);
      return status;
    } catch (err) {
      runtime.server = undefined;
      runtime.status = server.status;
      throw err;
    }
  }

  /** Stops a listener gracefully (no-op when it is not running). */
  async stop(id: string): Promise<ListenerStatus> {
    await this.ensureLoaded();
    const runtime = this.runtime(id);
    await runtime.starting?.catch(() => undefined);
    const server = runtime.server;
    if (!server) {
      if (runtime.status.state === 'failed') {
        runtime.status = idleStatus(runtime.config, runtime.status);
        this.events.status(runtime.status, true);
      }
      return runtime.status;
    }
    await server.stop();
    runtime.server = undefined;
    runtime.status = idleStatus(runtime.config, server.status);
    this.events.status(runtime.status, true);
    return runtime.status;
  }

  /** Stops everything (app quit, CLI SIGINT). */
  async stopAll(): Promise<void> {
    await Promise.all([...this.runtimes.keys()].map((id) => this.stop(id).catch(() => undefined)));
    this.events.flush();
  }

  /** Log entries without traces, oldest first. */
  log(query: LogQuery = {}): ProxyLogEntry[] {
    const afterSeq = query.afterSeq ?? 0;
    const matching = this.entries
      .toArray()
      .filter((e) => e.seq > afterSeq && (!query.listenerId || e.listenerId === query.listenerId));
    const limited = query.limit !== undefined ? matching.slice(-query.limit) : matching;
    return limited.map(withoutTrace);
  }

  /** One entry with its resolution trace. */
  trace(seq: number): ProxyLogEntry {
    const entry = this.entries.findLast((e) => e.seq === seq);
    if (!entry)
      throw new AppError(
        'NOT_FOUND',
        `Log entry ${seq} is no longer kept.`,
        'The log keeps the newest entries only; send the request again.',
      );
    return entry;
  }

  /** The kept entries with these sequence numbers, traces included, oldest first (for an export). */
  entriesBySeq(seqs: readonly number[]): ProxyLogEntry[] {
    const wanted = new Set(seqs);
    return this.entries.toArray().filter((e) => wanted.has(e.seq));
  }

  clearLog(listenerId?: string): void {
    if (listenerId) this.entries.removeWhere((e) => e.listenerId === listenerId);
    else this.entries.clear();
  }
}
