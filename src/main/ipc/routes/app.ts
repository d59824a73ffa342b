import { z } from 'zod';
import { defineRoutes, voidRequest } from '../define-routes';
import type { AppContract } from '@shared/ipc/app';
import { openExternalLink } from '../../external-links';

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
    run: ({ options }, { url }) => openExternalLink(options.external, url),
  },
});
