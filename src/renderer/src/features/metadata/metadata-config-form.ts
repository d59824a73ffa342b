/** The metadata settings form: values <-> MetadataConfigInput, with the checks the form shows inline. */
import type { MetadataConfigInput, MetadataConfigView, NetworkBackend } from '@shared/models/metadata';
import type { TlsFileValue } from '../../components/TlsFileField';

export interface MetadataConfigFormValues {
  novaMetadataUrl: string;
  /** Write-only: empty keeps the stored secret. */
  secret: string;
  clearSecret: boolean;
  verify: boolean;
  /** Shown path; `choice` is a pick of main's dialog, null after "Remove", absent = keep stored. */
  cacert: TlsFileValue;
  cert: TlsFileValue;
  key: TlsFileValue;
  timeoutSeconds: number;
  cacheTtlSeconds: number;
  /** 'auto' = detected from the cloud's agents, ports and extensions. */
  backend: NetworkBackend | 'auto';
}

export function formValuesFrom(view: MetadataConfigView): MetadataConfigFormValues {
  return {
    novaMetadataUrl: view.novaMetadataUrl ?? view.suggestedUrl ?? '',
    secret: '',
    clearSecret: false,
    verify: view.tls.verify,
    cacert: { path: view.tls.cacert ?? '' },
    cert: { path: view.tls.cert ?? '' },
    key: { path: view.tls.key ?? '' },
    timeoutSeconds: Math.round(view.timeoutMs / 1000),
    cacheTtlSeconds: Math.round(view.cacheTtlMs / 1000),
    backend: view.backend ?? 'auto',
  };
}

/** Inline errors per field (the server validates again and names files it cannot find). */
export function validateForm(v: MetadataConfigFormValues): Partial<Record<keyof MetadataConfigFormValues, string>> {
  const errors: Partial<Record<keyof MetadataConfigFormValues, string>> = {};
  if (!/^https?:\/\/[^\s/]+/i.test(v.novaMetadataUrl.trim()))
    errors.novaMetadataUrl = 'An http:// or https:// URL, e.g. http://controller:8775';
  if (!(v.timeoutSeconds >= 1 && v.timeoutSeconds <= 600))
    errors.timeoutSeconds = 'Between 1 and 600 seconds (the agent uses 60)';
  if (!(v.cacheTtlSeconds >= 0 && v.cacheTtlSeconds <= 60)) errors.cacheTtlSeconds = 'Between 0 (off) and 60 seconds';
  if (!!v.cert.path !== !!v.key.path)
    errors[v.cert.path ? 'key' : 'cert'] = 'A client certificate needs its key, and the key its certificate';
  return errors;
}

export function toConfigInput(cloudId: string, v: MetadataConfigFormValues): MetadataConfigInput {
  return {
    cloudId,
    novaMetadataUrl: v.novaMetadataUrl.trim(),
    tls: { verify: v.verify, cacert: v.cacert.choice, cert: v.cert.choice, key: v.key.choice },
    timeoutMs: Math.round(v.timeoutSeconds * 1000),
    cacheTtlMs: Math.round(v.cacheTtlSeconds * 1000),
    backend: v.backend,
    ...(v.clearSecret ? { clearSecret: true } : v.secret ? { secret: v.secret } : {}),
  };
}

/** nova-api-metadata over plain http: the signed requests and the documents cross the wire in clear. */
export function isPlainHttp(url: string): boolean {
  return /^http:\/\//i.test(url.trim());
}
