/**
 * Batches the proxy's events for the renderer: request entries go out at most every 100 ms in one
 * payload, counter updates at most every 250 ms per listener; state changes go out at once.
 * Thousands of requests per second then cost a handful of IPC messages.
 */
import type { ListenerStatus, ProxyLogEntry } from '@shared/models/proxy';

export interface ProxyEventSink {
  status(status: ListenerStatus): void;
  requests(entries: ProxyLogEntry[]): void;
}

export interface EventBatcher {
  /** A state change: sent at once. */
  status(status: ListenerStatus, urgent: true): void;
  /** Counters changed: `read` is called once when the coalesced update goes out (not per request). */
  countersChanged(id: string, read: () => ListenerStatus): void;
  request(entry: ProxyLogEntry): void;
  flush(): void;
}

const requestIntervalMs = 100;
const statusIntervalMs = 250;
/** The most entries one event carries; the rest stay in main's log (proxy:log pages them). */
const maxBatch = 500;

export function createEventBatcher(sink: ProxyEventSink | undefined): EventBatcher {
  if (!sink)
    return {
      status: () => undefined,
      countersChanged: () => undefined,
      request: () => undefined,
      flush: () => undefined,
    };
  let pending: ProxyLogEntry[] = [];
  let requestTimer: NodeJS.Timeout | undefined;
  const pendingStatus = new Map<string, () => ListenerStatus>();
  let statusTimer: NodeJS.Timeout | undefined;

  const flushRequests = () => {
    requestTimer = undefined;
    if (pending.length === 0) return;
    const batch = pending.length > maxBatch ? pending.slice(-maxBatch) : pending;
    pending = [];
    sink.requests(batch);
  };
  const flushStatus = () => {
    statusTimer = undefined;
    const readers = [...pendingStatus.values()];
    pendingStatus.clear();
    for (const read of readers) sink.status(read());
  };

  return {
    status(status) {
      pendingStatus.delete(status.id);
      sink.status(status);
    },
    countersChanged(id, read) {
      pendingStatus.set(id, read);
      statusTimer ??= setTimeout(flushStatus, statusIntervalMs).unref();
    },
    request(entry) {
      pending.push(entry);
      if (pending.length > maxBatch * 2) pending = pending.slice(-maxBatch);
      requestTimer ??= setTimeout(flushRequests, requestIntervalMs).unref();
    },
    flush() {
      clearTimeout(requestTimer);
      clearTimeout(statusTimer);
      flushRequests();
      flushStatus();
    },
  };
}
