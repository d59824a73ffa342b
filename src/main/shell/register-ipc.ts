import { ipcMain } from 'electron';
import { channels } from '@shared/ipc/channels';
import { createDispatcher, sameOrigin, type RouteTable } from '../ipc/handle';
import type { Services } from '../services';

export interface RegisterIpcOptions {
  routes: RouteTable<Services>;
  services: Services;
  /** The app's own page URL: only frames of this origin may call. */
  appUrl: string;
  log: (line: string) => void;
}

/**
 * ipcMain.handle for every channel of the contract, all through the one dispatcher (sender check,
 * zod validation, envelope); app:openExternal reaches the browser through the services' ExternalLinks
 * port. Returns a function that removes the handlers (quit cleanup).
 */
export function registerIpc({ routes, services, appUrl, log }: RegisterIpcOptions): () => void {
  const dispatch = createDispatcher(routes, services, {
    isTrustedSender: (url) => sameOrigin(url, appUrl),
    log,
  });
  for (const channel of channels) {
    // senderFrame is null when the frame is gone: an empty URL fails the sender check.
    ipcMain.handle(channel, (event, request) =>
      dispatch(channel, request, { senderUrl: event.senderFrame?.url ?? '' }),
    );
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
