import type { WebContents } from 'electron';
import type { EmitEvent } from '../ports';

/**
 * Main -> renderer events over webContents.send. Events for a window that is gone (closing,
 * reloading) are dropped: the renderer refetches on start anyway.
 */
export function createEventSink(getContents: () => WebContents | null): EmitEvent {
  return (event, payload) => {
    const contents = getContents();
    if (contents && !contents.isDestroyed()) contents.send(event, payload);
  };
}
