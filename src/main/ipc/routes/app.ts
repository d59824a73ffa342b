import { z } from 'zod';
import { defineRoutes, voidRequest } from '../define-routes';
import type { AppContract } from '@shared/ipc/app';
import { AppError } from '../../errors';

export const appRoutes = defineRoutes<AppContract>()({
  'app:info': {
    schema: voidRequest,
    run: ({ options }) => ({
      version: options.appVersion,
      platform: process.platform,
      settingsDir: options.dataDir,
      shell: options.shell,
    }),
  },
  'app:openExternal': {
    schema: z.object({ url: z.string().max(2048) }).strict(),
    run: (_services, { url }) => {
      // Only https leaves the app; the shell opens it with shell.openExternal on a user action.
      if (new URL(url).protocol !== 'https:') throw new AppError('INVALID_ARGUMENT', 'Only https links can be opened.');
      throw new AppError('INTERNAL', 'Opening links is handled by the Electron shell.');
    },
  },
});
