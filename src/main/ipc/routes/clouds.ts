import { z } from 'zod';
import { authTypes, type CloudInput } from '@shared/models/cloud';
import type { CloudsContract } from '@shared/ipc/clouds';
import { defineRoutes, voidRequest } from '../define-routes';

const id = z.string().min(1).max(128);
const text = z.string().max(512).optional();
const path = z.string().min(1).max(4096);
const cloudRef = z.object({ cloudId: id }).strict();

/** The add/edit form. Unknown keys are refused: a typo must not be silently dropped. */
const cloudInputSchema: z.ZodType<CloudInput> = z
  .object({
    id: id.optional(),
    name: z.string().trim().min(1).max(128),
    authType: z.enum(authTypes),
    authUrl: z.string().min(1).max(2048),
    username: text,
    userId: text,
    userDomain: text,
    userDomainId: text,
    projectName: text,
    projectId: text,
    projectDomain: text,
    projectDomainId: text,
    domainName: text,
    domainId: text,
    systemScope: text,
    applicationCredentialId: text,
    applicationCredentialName: text,
    regionName: text,
    interface: z.enum(['public', 'internal', 'admin']).optional(),
    verify: z.boolean().optional(),
    cacert: path.optional(),
    cert: path.optional(),
    key: path.optional(),
    secret: z.string().max(8192).optional(),
  })
  .strict();

/** Clouds and sessions: thin adapters over CloudStore and SessionManager. */
export const cloudsRoutes = defineRoutes<CloudsContract>()({
  'clouds:list': { schema: voidRequest, run: ({ clouds }) => clouds.list() },
  'clouds:discover': { schema: voidRequest, run: ({ clouds }) => clouds.discover() },
  'clouds:importDiscovered': {
    schema: z.object({ names: z.array(z.string().min(1).max(256)).max(1000).optional() }).strict(),
    run: ({ clouds }, { names }) => clouds.importDiscovered(names),
  },
  'clouds:importFile': {
    // No path field (strict): a compromised renderer must not make main read a file it names.
    schema: z.object({ kind: z.enum(['clouds', 'openrc']).optional() }).strict(),
    run: async ({ clouds, options }, { kind }) => {
      const p = await options.dialogs.openFile({
        title: kind === 'openrc' ? 'Import an openrc file' : 'Import clouds.yaml or openrc',
        filters: kind === 'clouds' ? [{ name: 'clouds.yaml', extensions: ['yaml', 'yml'] }] : undefined,
      });
      return p ? clouds.importFile(p, kind) : null;
    },
  },
  'clouds:save': {
    schema: cloudInputSchema,
    run: async ({ clouds, sessions }, input) => {
      const saved = clouds.save(input);
      // A live session runs on the old settings: end it so the next connect uses the new ones.
      if (input.id && sessions.isConnected(input.id)) await sessions.disconnect(input.id);
      return saved;
    },
  },
  'clouds:remove': {
    schema: cloudRef,
    run: async ({ clouds, sessions, metadataConfig }, { cloudId }) => {
      await sessions.disconnect(cloudId);
      clouds.remove(cloudId);
      // Its metadata settings and shared secret go with it: nothing secret outlives the cloud.
      metadataConfig.remove(cloudId);
    },
  },
  'session:list': { schema: voidRequest, run: ({ sessions }) => sessions.list() },
  'session:connect': {
    schema: z
      .object({ cloudId: id, password: z.string().min(1).max(8192).optional(), remember: z.boolean().optional() })
      .strict(),
    run: ({ sessions }, { cloudId, password, remember }) => sessions.connect(cloudId, password, remember),
  },
  'session:disconnect': { schema: cloudRef, run: ({ sessions }, { cloudId }) => sessions.disconnect(cloudId) },
  'session:projects': { schema: cloudRef, run: ({ sessions }, { cloudId }) => sessions.projects(cloudId) },
  'session:switchProject': {
    schema: z.object({ cloudId: id, projectId: z.string().min(1).max(128) }).strict(),
    run: ({ sessions }, { cloudId, projectId }) => sessions.switchProject(cloudId, projectId),
  },
});
