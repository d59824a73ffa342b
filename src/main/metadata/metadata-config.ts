/**
 * Per-cloud settings of the metadata path: nova-api-metadata's URL (it is rarely in the catalog),
 * TLS options, timeout, the optional lookup cache, in `metadata-settings.json`; the shared secret
 * in the vault under `metadata-secret:<cloudId>`. The secret never leaves main except inside the
 * HMAC: views say only whether one is stored.
 */
import { join } from 'node:path';
import { z } from 'zod';
import type { MetadataConfigInput, MetadataConfigView, MetadataTlsConfig } from '@shared/models/metadata';
import type { TlsFileKind } from '@shared/models/cloud';
import { AppError } from '../errors';
import { JsonFileStore, type CorruptionNotice } from '../credentials/settings-store';
import type { Vault } from '../credentials/vault';
import { DEFAULT_NOVA_TIMEOUT_MS, type NovaMetadataTarget } from './nova-metadata-client';

const cloudSchema = z.object({
  novaMetadataUrl: z.string(),
  tls: z.object({
    verify: z.boolean(),
    cacert: z.string().optional(),
    cert: z.string().optional(),
    key: z.string().optional(),
  }),
  timeoutMs: z.number().int().positive(),
  cacheTtlMs: z.number().int().min(0),
  /** Networking backend override; absent = auto (detected). */
  backend: z.enum(['auto', 'ml2-ovs', 'ovn']).optional(),
});
const fileSchema = z.object({ version: z.literal(1), clouds: z.record(z.string(), cloudSchema) });
type StoredMetadataConfig = z.infer<typeof cloudSchema>;
type MetadataSettingsFile = z.infer<typeof fileSchema>;

export const MIN_TIMEOUT_MS = 1_000;
export const MAX_TIMEOUT_MS = 600_000;
/** The agent's docs suggest about 10 s; more than a minute only hides moved ports. */
export const MAX_CACHE_TTL_MS = 60_000;
export const MAX_SECRET_LENGTH = 4096;

/** The vault key of a cloud's metadata secret (cloud ids are UUIDs: no clash with their own secrets). */
export function secretKey(cloudId: string): string {
  return `metadata-secret:${cloudId}`;
}

/** Checks the URL an admin typed: http(s), a host, no credentials in it. */
export function validateNovaUrl(raw: string): string {
  const value = raw.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError(
      'INVALID_ARGUMENT',
      `"${value.slice(0, 120)}" is not a URL.`,
      "Use the form http://controller:8775 (the agent's nova_metadata_protocol://nova_metadata_host:nova_metadata_port).",
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError(
      'INVALID_ARGUMENT',
      `The nova metadata URL must start with http:// or https:// (got ${url.protocol}).`,
      'nova_metadata_protocol is http or https.',
    );
  }
  if (url.username || url.password) {
    throw new AppError(
      'INVALID_ARGUMENT',
      'The nova metadata URL must not contain a user name or password.',
      'nova-api-metadata authenticates requests by the signed X-Instance-ID only.',
    );
  }
  if (url.search || url.hash)
    throw new AppError(
      'INVALID_ARGUMENT',
      'The nova metadata URL takes no query or fragment.',
      'Give only scheme, host, port (and a path prefix if a proxy needs one).',
    );
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * metadata:saveConfig after the route resolved the form's TLS picks: a path main's dialog chose
 * (checked as PEM when picked), null to remove the file, absent to keep the stored one. Paths stored
 * before picks existed were set by the admin and stay in use until replaced or removed.
 */
export type MetadataConfigSaveInput = Omit<MetadataConfigInput, 'tls'> & {
  tls?: { verify?: boolean } & Partial<Record<TlsFileKind, string | null>>;
};

export class MetadataConfigStore {
  private readonly store: JsonFileStore<MetadataSettingsFile>;

  constructor(
    dataDir: string,
    private readonly vault: Vault,
    onCorrupt?: (n: CorruptionNotice) => void,
  ) {
    this.store = new JsonFileStore<MetadataSettingsFile>({
      path: join(dataDir, 'metadata-settings.json'),
      label: 'metadata settings',
      parse: (d) => fileSchema.parse(d),
      defaults: () => ({ version: 1, clouds: {} }),
      onCorrupt,
    });
  }

  private stored(cloudId: string): StoredMetadataConfig | undefined {
    const all = this.store.read().clouds;
    return Object.prototype.hasOwnProperty.call(all, cloudId) ? all[cloudId] : undefined;
  }

  hasSecret(cloudId: string): boolean {
    return this.vault.has(secretKey(cloudId));
  }

  /** The renderer's view: settings, whether a secret is stored, a suggested URL. Never the secret. */
  view(cloudId: string, suggestedUrl?: string): MetadataConfigView {
    const s = this.stored(cloudId);
    return {
      cloudId,
      novaMetadataUrl: s?.novaMetadataUrl ?? null,
      ...(suggestedUrl ? { suggestedUrl } : {}),
      tls: s?.tls ?? { verify: true },
      timeoutMs: s?.timeoutMs ?? DEFAULT_NOVA_TIMEOUT_MS,
      hasSecret: this.hasSecret(cloudId),
      cacheTtlMs: s?.cacheTtlMs ?? 0,
      backend: s?.backend ?? 'auto',
    };
  }

  /** Validates and saves; a given secret replaces the stored one, clearSecret removes it. */
  save(input: MetadataConfigSaveInput): void {
    const timeoutMs = input.timeoutMs ?? this.stored(input.cloudId)?.timeoutMs ?? DEFAULT_NOVA_TIMEOUT_MS;
    if (!Number.isInteger(timeoutMs) || timeoutMs < MIN_TIMEOUT_MS || timeoutMs > MAX_TIMEOUT_MS) {
      throw new AppError(
        'INVALID_ARGUMENT',
        `The timeout must be between ${MIN_TIMEOUT_MS / 1000} and ${MAX_TIMEOUT_MS / 1000} seconds.`,
        'The agent uses 60 s.',
      );
    }
    const cacheTtlMs = input.cacheTtlMs ?? this.stored(input.cloudId)?.cacheTtlMs ?? 0;
    if (!Number.isInteger(cacheTtlMs) || cacheTtlMs < 0 || cacheTtlMs > MAX_CACHE_TTL_MS) {
      throw new AppError(
        'INVALID_ARGUMENT',
        `The cache TTL must be between 0 (off) and ${MAX_CACHE_TTL_MS / 1000} seconds.`,
        "The agent's docs suggest about 10 s; since 2025.1 the agent has no cache at all.",
      );
    }
    const backend = input.backend ?? this.stored(input.cloudId)?.backend ?? 'auto';
    if (!['auto', 'ml2-ovs', 'ovn'].includes(backend))
      throw new AppError(
        'INVALID_ARGUMENT',
        `Unknown networking backend ${JSON.stringify(backend)}.`,
        'auto, ml2-ovs or ovn.',
      );
    const before = this.stored(input.cloudId);
    const file = (kind: TlsFileKind) => {
      const value = input.tls?.[kind];
      return optional(kind, value === undefined ? before?.tls[kind] : (value ?? undefined));
    };
    const tls: MetadataTlsConfig = {
      verify: input.tls?.verify ?? true,
      ...file('cacert'),
      ...file('cert'),
      ...file('key'),
    };
    if (!!tls.cert !== !!tls.key)
      throw new AppError(
        'INVALID_ARGUMENT',
        'A client certificate needs its key, and a key its certificate.',
        'Set both (agent: nova_client_cert and nova_client_priv_key) or neither.',
      );
    const novaMetadataUrl = validateNovaUrl(input.novaMetadataUrl);
    if (input.secret !== undefined && input.secret.length > MAX_SECRET_LENGTH) {
      throw new AppError(
        'INVALID_ARGUMENT',
        `The shared secret is longer than ${MAX_SECRET_LENGTH} characters.`,
        'Paste metadata_proxy_shared_secret from nova.conf [neutron].',
      );
    }
    // The secret is bound to the nova it was stored for: re-pointing the URL or its TLS settings
    // without typing the secret again drops it (a renderer cannot send it to a server it picks).
    const repointed =
      before !== undefined &&
      (before.novaMetadataUrl !== novaMetadataUrl || JSON.stringify(before.tls) !== JSON.stringify(tls));
    // Secret first: if the vault cannot store it (no keyring), nothing is half-saved.
    if (input.clearSecret) this.vault.delete(secretKey(input.cloudId));
    else if (input.secret) this.vault.set(secretKey(input.cloudId), input.secret);
    else if (repointed) this.vault.delete(secretKey(input.cloudId));
    this.store.update((f) => {
      f.clouds[input.cloudId] = { novaMetadataUrl, tls, timeoutMs, cacheTtlMs, backend };
    });
  }

  /** Forgets a cloud's settings and secret (the cloud was removed). */
  remove(cloudId: string): void {
    this.vault.delete(secretKey(cloudId));
    if (this.stored(cloudId)) this.store.update((f) => void delete f.clouds[cloudId]);
  }

  /** The networking backend override of a cloud ('auto' = detect). */
  backend(cloudId: string): 'auto' | 'ml2-ovs' | 'ovn' {
    return this.stored(cloudId)?.backend ?? 'auto';
  }

  /** The cache TTL chosen for a cloud (0 = off). */
  cacheTtlMs(cloudId: string): number {
    return this.stored(cloudId)?.cacheTtlMs ?? 0;
  }

  /** What main needs to call nova: throws SECRET_MISSING / CONFIG_INVALID saying what to set. */
  target(cloudId: string, cloudName = cloudId): NovaMetadataTarget {
    const s = this.stored(cloudId);
    if (!s) {
      throw new AppError(
        'CONFIG_INVALID',
        `No nova metadata URL is set for cloud "${cloudName}".`,
        "Open the metadata settings of this cloud and set nova-api-metadata's URL (usually port 8775 on a controller).",
        { cloudId, option: 'novaMetadataUrl' },
      );
    }
    const secret = this.vault.get(secretKey(cloudId));
    if (secret === undefined) {
      throw new AppError(
        'SECRET_MISSING',
        `No metadata shared secret is stored for cloud "${cloudName}".`,
        "Paste nova.conf [neutron] metadata_proxy_shared_secret into the metadata settings; until then StackLens shows what Nova's compute API offers.",
        { cloudId, option: 'secret' },
      );
    }
    return { url: s.novaMetadataUrl, secret, tls: s.tls, timeoutMs: s.timeoutMs };
  }
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
