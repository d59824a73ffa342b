/** The local metadata proxy: listeners, their status and their request log. */
import type { ListenerInput, ListenerStatus, ListenerView, ProxyLogEntry } from '../models/proxy';

export const proxyChannels = [
  'proxy:list',
  'proxy:save',
  'proxy:remove',
  'proxy:start',
  'proxy:stop',
  'proxy:log',
  'proxy:trace',
  'proxy:clearLog',
  'proxy:exportLog',
] as const;

export interface ProxyContract {
  /** Every listener with its status (saved listeners come back stopped after a restart). */
  'proxy:list': { request: void; response: ListenerView[] };
  /** Creates (no id) or updates a listener; a running one restarts with the new settings. */
  'proxy:save': { request: ListenerInput; response: ListenerView };
  /** Stops and deletes a listener and its log entries. */
  'proxy:remove': { request: { id: string }; response: void };
  'proxy:start': { request: { id: string }; response: ListenerStatus };
  /** Graceful stop: in-flight requests finish within the listener's stop deadline. */
  'proxy:stop': { request: { id: string }; response: ListenerStatus };
  /** Log entries (no traces), oldest first; afterSeq pages forward, limit keeps the newest. */
  'proxy:log': { request: { listenerId?: string; afterSeq?: number; limit?: number }; response: ProxyLogEntry[] };
  /** One log entry with its resolution trace, while it is still kept. */
  'proxy:trace': { request: { seq: number }; response: ProxyLogEntry };
  'proxy:clearLog': { request: { listenerId?: string }; response: void };
  /**
   * Writes these entries (the view's filter, by seq; traces included) as JSON lines to a file the
   * user picks in main's save dialog. null when cancelled.
   */
  'proxy:exportLog': { request: { seqs: number[] }; response: { path: string; lines: number } | null };
}
