import { z } from 'zod';
import type { MetadataContract } from '@shared/ipc/metadata';
import { defineRoutes } from '../define-routes';
import { MAX_SAVE_BASE64, saveDocument } from '../../metadata/save-document';

const id = z.string().trim().min(1).max(255);
const cloudId = z.object({ cloudId: id }).strict();
const instance = z.object({ cloudId: id, instanceId: id }).strict();
/** X-Forwarded-For is one address; the resolver explains anything it cannot parse. */
const resolveRequest = z
  .object({
    ip: z.string().trim().min(1).max(100),
    routerId: id.optional(),
    networkId: id.optional(),
    ovnNetworkId: id.optional(),
  })
  .strict();
/** A pick of clouds:chooseTlsFile, null to remove, absent to keep: never a path (refused as unknown). */
const tlsFile = z.union([z.object({ pick: z.string().min(1).max(64) }).strict(), z.null()]).optional();

const configInput = z
  .object({
    cloudId: id,
    novaMetadataUrl: z.string().trim().min(1).max(2048),
    tls: z.object({ verify: z.boolean().optional(), cacert: tlsFile, cert: tlsFile, key: tlsFile }).strict().optional(),
    timeoutMs: z.number().int().optional(),
    cacheTtlMs: z.number().int().optional(),
    backend: z.enum(['auto', 'ml2-ovs', 'ovn']).optional(),
    // Write-only; an empty string from an untouched form field means "keep the stored one".
    secret: z
      .string()
      .max(4096)
      .transform((s) => (s ? s : undefined))
      .optional(),
    clearSecret: z.boolean().optional(),
  })
  .strict();

/** The metadata page's channels: thin adapters over MetadataService. */
export const metadataRoutes = defineRoutes<MetadataContract>()({
  'metadata:getConfig': { schema: cloudId, run: ({ metadata }, r) => metadata.getConfig(r.cloudId) },
  'metadata:saveConfig': {
    schema: configInput,
    run: ({ metadata, tlsFiles }, { tls, ...rest }) =>
      metadata.saveConfig({
        ...rest,
        ...(tls && {
          tls: {
            verify: tls.verify,
            cacert: tlsFiles.resolve('cacert', tls.cacert),
            cert: tlsFiles.resolve('cert', tls.cert),
            key: tlsFiles.resolve('key', tls.key),
          },
        }),
      }),
  },
  'metadata:plan': { schema: instance, run: ({ metadata }, r) => metadata.plan(r.cloudId, r.instanceId) },
  'metadata:backend': { schema: cloudId, run: ({ metadata }, r) => metadata.backend(r.cloudId) },
  'metadata:resolve': {
    schema: resolveRequest.extend({ cloudId: id }).strict(),
    run: ({ metadata }, { cloudId: c, ...req }) => metadata.resolve(c, req),
  },
  'metadata:lookup': { schema: instance, run: ({ metadata }, r) => metadata.lookup(r.cloudId, r.instanceId) },
  'metadata:fetch': {
    schema: z.object({ cloudId: id, via: resolveRequest, ec2: z.boolean().optional() }).strict(),
    run: ({ metadata }, r) => metadata.fetch(r.cloudId, r.via, { ec2: r.ec2 }),
  },
  'metadata:novaApi': { schema: instance, run: ({ metadata }, r) => metadata.novaApi(r.cloudId, r.instanceId) },
  'metadata:saveDocument': {
    schema: z
      .object({
        suggestedName: z.string().trim().min(1).max(255),
        base64: z
          .string()
          .max(MAX_SAVE_BASE64)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/),
      })
      .strict(),
    run: ({ options }, r) => saveDocument(options.dialogs, r.suggestedName, r.base64),
  },
});
