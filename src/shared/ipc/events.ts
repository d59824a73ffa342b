import type { SessionInfo } from '../models/cloud';
import type { ListenerStatus, ProxyLogEntry } from '../models/proxy';

/**
 * Main -> renderer events. Each event hands over its payload only (never the IpcRendererEvent).
 * Features add their events here.
 */
export const eventNames = ['session:changed', 'topology:progress', 'proxy:status', 'proxy:request'] as const;

export interface EventPayloads {
  'session:changed': { cloudId: string; session: SessionInfo | null };
  'topology:progress': { cloudId: string; resource: string; pages: number; items: number; done: boolean };
  /** A listener's state or counters changed (counter-only changes at most every 250 ms). */
  'proxy:status': ListenerStatus;
  /** Answered requests, batched (at most every 100 ms), without traces (proxy:trace has them). */
  'proxy:request': { entries: ProxyLogEntry[] };
}

export type EventName = keyof EventPayloads;
