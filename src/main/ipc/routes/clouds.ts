import { z } from 'zod';
import { cloudInputFields, tlsFileKinds, type CloudInput } from '@shared/models/cloud';
import type { CloudsContract } from '@shared/ipc/clouds';
import { defineRoutes, voidRequest } from '../define-routes';
import { confirmTransport } from '../../sessions/transport-warning';

const id = z.string().min(1).max(128);
/** A region id as Keystone stores it (at most 255 characters), printable: main checks it against the catalog. */
const regionName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^\p{Cc}]+$/u, 'A region name has no control characters.');
const cloudRef = z.object({ cloudId: id }).strict();

/** [shortest, longest] accepted value per field; any other text field takes 0 to 512 characters. */
const lengths: Partial<Record<keyof CloudInput, [number, number]>> = {
  id: [1, 128],
  authUrl: [1, 2048],
  secret: [0, 8192],
};

/**
 * The add/edit form: the shared cloud input, every string bounded (a compromised renderer must not
 * hand main megabytes), unknown keys refused (a typo must not be silently dropped). TLS files are
 * pick ids from clouds:chooseTlsFile, never paths: a path from the renderer is refused.
 */
const cloudInputSchema = cloudInputFields
  .extend({ name: z.string().trim().min(1).max(128) })
  .strict()
  .superRefine((input, ctx) => {
    for (const [key, value] of Object.entries(input)) {
      const [min, max] = lengths[key as keyof CloudInput] ?? [0, 512];
      if (typeof value === 'string' && (value.length < min || value.length > max))
        ctx.addIssue({ code: 'custom', path: [key], message: `Takes ${min} to ${max} characters.` });
    }
  });

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
  'clouds:chooseTlsFile': {
    schema: z.object({ kind: z.enum(tlsFileKinds) }).strict(),
    run: ({ tlsFiles }, { kind }) => tlsFiles.choose(kind),
  },
  'clouds:save': {
    schema: cloudInputSchema,
    run: async ({ clouds, sessions, tlsFiles }, input) => {
      const { cacert, cert, key, ...rest } = input;
      const before = input.id ? clouds.get(input.id).regionName : undefined;
      const saved = clouds.save({
        ...rest,
        cacert: tlsFiles.resolve('cacert', cacert),
        cert: tlsFiles.resolve('cert', cert),
        key: tlsFiles.resolve('key', key),
      });
      // A region typed in the form beats the one picked in the header last time.
      if (input.id && saved.regionName !== before) sessions.forgetRegion(input.id);
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
      sessions.forgetRegion(cloudId);
      // Its metadata settings and shared secret go with it: nothing secret outlives the cloud.
      metadataConfig.remove(cloudId);
    },
  },
  'session:list': { schema: voidRequest, run: ({ sessions }) => sessions.list() },
  'session:connect': {
    schema: z
      .object({ cloudId: id, password: z.string().min(1).max(8192).optional(), remember: z.boolean().optional() })
      .strict(),
    // Main warns in its own dialog before a secret goes over http:// or unverified TLS.
    run: ({ sessions, options }, { cloudId, password, remember }) =>
      sessions.connect(cloudId, password, remember, (cloud) => confirmTransport(options.dialogs, cloud)),
  },
  'session:disconnect': { schema: cloudRef, run: ({ sessions }, { cloudId }) => sessions.disconnect(cloudId) },
  'session:projects': { schema: cloudRef, run: ({ sessions }, { cloudId }) => sessions.projects(cloudId) },
  'session:switchProject': {
    schema: z.object({ cloudId: id, projectId: z.string().min(1).max(128) }).strict(),
    run: ({ sessions }, { cloudId, projectId }) => sessions.switchProject(cloudId, projectId),
  },
  'session:switchRegion': {
    schema: z.object({ cloudId: id, region: regionName }).strict(),
    run: ({ sessions }, { cloudId, region }) => sessions.switchRegion(cloudId, region),
  },
});
