import { z } from 'zod';
import type { RouteTable } from '../handle';
import type { Services } from '../../services';
import type { appChannels } from '@shared/ipc/app';
import { AppError } from '../../errors';

type AppChannel = (typeof appChannels)[number];

export const appRoutes: RouteTable<Services, AppChannel> = {
  'app:info': {
    schema: z
      .undefined()
      .or(z.null())
      .transform(() => undefined) as never,
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
};
