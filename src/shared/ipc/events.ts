import type { SessionInfo } from '../models/cloud';

/**
 * Main -> renderer events. Each event hands over its payload only (never the IpcRendererEvent).
 * Features add their events here.
 */
export const eventNames = ['session:changed', 'topology:progress'] as const;

export interface EventPayloads {
  'session:changed': { cloudId: string; session: SessionInfo | null };
  'topology:progress': { cloudId: string; resource: string; pages: number; items: number; done: boolean };
}

export type EventName = keyof EventPayloads;
