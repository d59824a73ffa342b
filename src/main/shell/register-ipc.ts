import { ipcMain, shell } from 'electron';
import { channels } from '@shared/ipc/channels';
import { createDispatcher, sameOrigin, type RouteTable } from '../ipc/handle';
import type { Services } from '../services';
import { AppError } from '../errors';
import { isExternalUrlAllowed } from './policy';

export interface RegisterIpcOptions {
  routes: RouteTable<Services>;
  services: Services;
  /** The app's own page URL: only frames of this origin may call. */
  appUrl: string;
  log: (line: string) => void;
}

/**
 * ipcMain.handle for every channel of the contract, all through the one dispatcher (sender check,
 * zod validation, envelope). app:openExternal is the one route that needs Electron, so it is
 * overridden here. Returns a function that removes the handlers (quit cleanup).
 */
export function registerIpc({ routes, services, appUrl, log }: RegisterIpcOptions): () => void {
  const table: RouteTable<Services> = {
    ...routes,
    'app:openExternal': {
      schema: routes['app:openExternal'].schema,
      run: async (_services, { url }) => {
        if (!isExternalUrlAllowed(url)) {
          throw new AppError(
            'INVALID_ARGUMENT',
            'Only https links can be opened in the browser.',
            'Use an https:// address.',
          );
        }
        await shell.openExternal(url);
      },
    },
  };
  const dispatch = createDispatcher(table, services, {
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
