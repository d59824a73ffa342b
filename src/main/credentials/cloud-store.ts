/**
 * The configured clouds: list / add / edit / remove, and import from discovery or a chosen file.
 * Cloud settings live in `clouds.json` (secret-free); secrets go to the vault only. What leaves
 * this module towards the renderer is CloudSummary.
 */
import { randomUUID } from 'node:crypto';
import { MAX_CONFIG_BYTES, readCappedFile } from '../read-capped';
import { join } from 'node:path';
import { z } from 'zod';
import {
  cloudFields,
  type CloudInput,
  type CloudSummary,
  type DiscoveryReport,
  type ImportResult,
  type TlsFileKind,
} from '@shared/models/cloud';
import { AppError } from '../errors';
import { withoutUserinfo } from '@shared/cloud-url';
import { normaliseCloud, secretLabelFor, type CloudConfig } from './cloud-config';
import { discoverClouds, loadCloudsFromPath, type DiscoveryEnv } from './discovery';
import { loadOpenrc, openrcCloud } from './openrc';
import { JsonFileStore, type CorruptionNotice } from './settings-store';
import type { Vault } from './vault';

/** A cloud as stored: its fields, its id and origin, and the clouds.yaml defaults the form does not show. */
const storedCloudSchema = cloudFields.extend({
  id: z.string().min(1),
  source: z.string(),
  defaultDomainId: z.string().optional(),
  defaultDomainName: z.string().optional(),
});
const fileSchema = z.object({ version: z.literal(1), clouds: z.array(storedCloudSchema) });

/**
 * clouds:save after main resolved the form's TLS picks: a path main's dialog chose, null to
 * remove the file, absent to keep the stored one.
 */
export type CloudSaveInput = Omit<CloudInput, TlsFileKind> & Partial<Record<TlsFileKind, string | null>>;

/** A cloud as stored: the config without its secret, plus its id. */
export type StoredCloud = z.infer<typeof storedCloudSchema>;
type CloudsFile = z.infer<typeof fileSchema>;

export class CloudStore {
  private readonly store: JsonFileStore<CloudsFile>;

  constructor(
    dataDir: string,
    private readonly vault: Vault,
    private readonly discoveryEnv: DiscoveryEnv,
    onCorrupt?: (n: CorruptionNotice) => void,
  ) {
    this.store = new JsonFileStore<CloudsFile>({
      path: join(dataDir, 'clouds.json'),
      label: 'cloud list',
      parse: (d) => fileSchema.parse(d),
      defaults: () => ({ version: 1, clouds: [] }),
      onCorrupt,
    });
  }

  list(): CloudSummary[] {
    return this.store.read().clouds.map((c) => this.summary(c));
  }

  /** The stored cloud (secret-free) or NOT_FOUND. */
  get(id: string): StoredCloud {
    const c = this.store.read().clouds.find((x) => x.id === id);
    if (!c)
      throw new AppError('NOT_FOUND', `No cloud with id ${id}.`, 'Reload the cloud list; it may have been removed.', {
        cloudId: id,
      });
    return c;
  }

  /** The stored secret of a cloud, if any. */
  secret(id: string): string | undefined {
    return this.vault.get(id);
  }

  rememberSecret(id: string, secret: string): void {
    this.get(id);
    this.vault.set(id, secret);
  }

  summary(c: StoredCloud): CloudSummary {
    // The clouds.yaml defaults stay in main: they only feed the Keystone parameters.
    const { defaultDomainId: _id, defaultDomainName: _name, ...fields } = c;
    return {
      ...fields,
      authUrl: withoutUserinfo(c.authUrl),
      hasSecret: this.vault.has(c.id),
      secretLabel: secretLabelFor(c.authType),
    };
  }

  /** Adds (no id) or edits (id) a cloud. Validation is the clouds.yaml normaliser's. */
  save(input: CloudSaveInput): CloudSummary {
    const existing = input.id ? this.get(input.id) : undefined;
    const name = input.name.trim();
    if (this.store.read().clouds.some((c) => c.name === name && c.id !== input.id)) {
      throw new AppError('CONFLICT', `A cloud named "${name}" already exists.`, 'Choose another name.');
    }
    const cfg = normaliseCloud(name, inputToRaw(input, existing), existing?.source ?? 'manual');
    const stored = toStored(existing?.id ?? randomUUID(), cfg);
    if (existing) {
      // Settings the form does not show survive an edit.
      stored.regions ??= existing.regions;
      stored.defaultDomainId ??= existing.defaultDomainId;
      stored.defaultDomainName ??= existing.defaultDomainName;
    }
    // Secret first: a failed vault write must not leave a cloud that silently lost its secret.
    if (input.secret) this.vault.set(stored.id, input.secret);
    else if (input.secret === '') this.vault.delete(stored.id);
    // The secret is bound to the endpoint it was stored for: a new auth URL or TLS setting without
    // the secret typed again drops it, so a renderer cannot send it to a server of its choice.
    else if (existing && endpointChanged(existing, stored)) this.vault.delete(stored.id);
    this.store.update((f) => {
      const i = f.clouds.findIndex((c) => c.id === stored.id);
      if (i >= 0) f.clouds[i] = stored;
      else f.clouds.push(stored);
    });
    return this.summary(stored);
  }

  remove(id: string): void {
    this.get(id);
    this.store.update((f) => {
      f.clouds = f.clouds.filter((c) => c.id !== id);
    });
    this.vault.delete(id);
  }

  async discover(): Promise<DiscoveryReport> {
    return (await discoverClouds(this.discoveryEnv)).report;
  }

  /**
   * Imports the discovered clouds (all, or the named ones). A named cloud discovery did not find
   * is skipped with the file errors that may explain why (a clouds.yaml that is a FIFO, too big).
   */
  async importDiscovered(names?: string[]): Promise<ImportResult> {
    const { report, configs } = await discoverClouds(this.discoveryEnv);
    const result: ImportResult = { imported: [], skipped: [] };
    const wanted = names ? new Set(names) : undefined;
    for (const c of report.clouds) {
      if (c.error && (!wanted || wanted.has(c.name))) result.skipped.push({ name: c.name, reason: c.error });
    }
    const why = report.errors.map((e) => ` ${e.message}`).join('');
    for (const name of wanted ?? []) {
      if (!report.clouds.some((c) => c.name === name))
        result.skipped.push({ name, reason: `Not found by discovery.${why}` });
    }
    this.importConfigs(
      configs.filter((c) => !wanted || wanted.has(c.name)),
      result,
    );
    return result;
  }

  /**
   * Imports a clouds.yaml (secure.yaml beside it merged) or an openrc, told apart by content when
   * neither the kind nor the file name says. The file is read once, asynchronously and capped.
   */
  async importFile(path: string, kind?: 'clouds' | 'openrc'): Promise<ImportResult> {
    const result: ImportResult = { imported: [], skipped: [] };
    const known = kind ?? (/\.(ya?ml|json)$/i.test(path) ? 'clouds' : undefined);
    const { kind: k, text } = known ? { kind: known, text: undefined } : await sniff(path);
    if (k === 'openrc') {
      const { config } = text === undefined ? await loadOpenrc(path) : openrcCloud(path, text);
      this.importConfigs([config], result);
      return result;
    }
    const { report, configs } = await loadCloudsFromPath(path, text);
    for (const c of report.clouds) if (c.error) result.skipped.push({ name: c.name, reason: c.error });
    if (configs.length === 0 && result.skipped.length === 0) {
      throw new AppError(
        'CONFIG_INVALID',
        `${path} defines no clouds.`,
        'A clouds.yaml lists clouds under `clouds:`.',
        { file: path },
      );
    }
    this.importConfigs(configs, result);
    return result;
  }

  /** Same name and source: refresh (re-import). Same name, other source: skipped, nothing overwritten. */
  private importConfigs(configs: CloudConfig[], result: ImportResult): void {
    for (const cfg of configs) {
      const same = this.store.read().clouds.find((c) => c.name === cfg.name);
      if (same && same.source !== cfg.source) {
        result.skipped.push({
          name: cfg.name,
          reason: `A cloud named "${cfg.name}" already exists (from ${same.source}); rename or remove it first.`,
        });
        continue;
      }
      const stored = toStored(same?.id ?? randomUUID(), cfg);
      // Re-importing a cloud that now points elsewhere keeps nothing of the old secret.
      if (same && endpointChanged(same, stored)) this.vault.delete(stored.id);
      if (cfg.secret && this.vault.canStore()) this.vault.set(stored.id, cfg.secret);
      this.store.update((f) => {
        const i = f.clouds.findIndex((c) => c.id === stored.id);
        if (i >= 0) f.clouds[i] = stored;
        else f.clouds.push(stored);
      });
      result.imported.push(this.summary(stored));
    }
  }
}

/** True when the secret would go to another server, or over other TLS terms, than it was stored for. */
export function endpointChanged(before: StoredCloud, after: StoredCloud): boolean {
  return (
    before.authUrl !== after.authUrl ||
    before.verify !== after.verify ||
    before.cacert !== after.cacert ||
    before.cert !== after.cert ||
    before.key !== after.key
  );
}

function toStored(id: string, cfg: CloudConfig): StoredCloud {
  const { secret: _secret, ...rest } = cfg;
  return storedCloudSchema.parse({ ...rest, id });
}

/** The stored cloud as a CloudConfig (for the normaliser-derived Keystone parameters). */
export function storedToConfig(c: StoredCloud, secret?: string): CloudConfig {
  const { id: _id, ...rest } = c;
  return { ...rest, secret };
}

/** A TLS file of the form: the new path, none (null), or the stored one (absent). */
function tlsPath(i: CloudSaveInput, kind: TlsFileKind, existing?: StoredCloud): string | undefined {
  const value = i[kind];
  return value === undefined ? existing?.[kind] : (value ?? undefined);
}

/** CloudSaveInput -> the clouds.yaml shape, so the one normaliser validates both. */
function inputToRaw(i: CloudSaveInput, existing?: StoredCloud): Record<string, unknown> {
  return {
    auth_type: i.authType,
    region_name: i.regionName,
    interface: i.interface,
    verify: i.verify ?? true,
    cacert: tlsPath(i, 'cacert', existing),
    cert: tlsPath(i, 'cert', existing),
    key: tlsPath(i, 'key', existing),
    auth: {
      auth_url: i.authUrl,
      username: i.username,
      user_id: i.userId,
      user_domain_name: i.userDomainName,
      user_domain_id: i.userDomainId,
      project_name: i.projectName,
      project_id: i.projectId,
      project_domain_name: i.projectDomainName,
      project_domain_id: i.projectDomainId,
      domain_name: i.domainName,
      domain_id: i.domainId,
      system_scope: i.systemScope,
      application_credential_id: i.applicationCredentialId,
      application_credential_name: i.applicationCredentialName,
    },
  };
}

/** A file neither the caller nor its name typed, read once: a clouds.yaml starts with `clouds:`. */
async function sniff(path: string): Promise<{ kind: 'clouds' | 'openrc'; text: string }> {
  const data = await readCappedFile(path, {
    maxBytes: MAX_CONFIG_BYTES,
    what: 'file',
    hint: 'Choose a clouds.yaml or the openrc downloaded from Horizon (a regular file under 1 MiB).',
  });
  const text = data.toString('utf8');
  return { kind: /^\s*clouds\s*:/m.test(text.slice(0, 4096)) ? 'clouds' : 'openrc', text };
}
