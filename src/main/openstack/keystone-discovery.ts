/**
 * Finds the Keystone v3 root for an auth_url the way keystoneauth does: GET the auth_url and read
 * its version document; if that yields nothing usable but the path starts with /v3, use it as is.
 * Anything else (another service's version list, HTML, 404) is NOT_KEYSTONE_V3.
 */
import { AppError } from '../errors';
import { httpRequest, redactUrl, type TlsOptions } from './http';

interface VersionEntry {
  id?: string;
  status?: string;
  links?: Array<{ rel?: string; href?: string }>;
}

export interface DiscoveryOptions {
  tls?: TlsOptions;
  timeoutMs?: number;
}

const HINT =
  'Use the Keystone identity URL, e.g. https://keystone.example.com:5000/v3 (ask for the "Identity" endpoint in Horizon under API Access).';

function notKeystone(authUrl: string, why: string): AppError {
  return new AppError(
    'NOT_KEYSTONE_V3',
    `${redactUrl(authUrl)} is not a Keystone v3 identity endpoint: ${why}.`,
    HINT,
    {
      url: redactUrl(authUrl),
    },
  );
}

function versionEntries(doc: unknown): VersionEntry[] | undefined {
  if (!doc || typeof doc !== 'object') return undefined;
  const d = doc as { versions?: unknown; version?: unknown };
  if (d.version && typeof d.version === 'object') return [d.version as VersionEntry];
  if (Array.isArray(d.versions)) return d.versions as VersionEntry[];
  if (d.versions && typeof d.versions === 'object' && Array.isArray((d.versions as { values?: unknown }).values)) {
    return (d.versions as { values: VersionEntry[] }).values;
  }
  return undefined;
}

function pathStartsWithV3(url: URL): boolean {
  return /^\/v3(\/|$)/i.test(url.pathname.replace(/^\/+/, '/')) || /\/v3\/?$/i.test(url.pathname);
}

/** The v3 API root (no trailing slash) for an auth_url with or without /v3. */
export async function discoverKeystoneV3(authUrl: string, opts: DiscoveryOptions = {}): Promise<string> {
  let url: URL;
  try {
    url = new URL(authUrl);
  } catch {
    throw new AppError('CONFIG_INVALID', `auth_url "${authUrl.slice(0, 200)}" is not a valid URL.`, HINT);
  }
  const trimmed = url.toString().replace(/\/+$/, '');
  // Transport errors (UNREACHABLE, TLS_ERROR) propagate: the POST would fail the same way.
  const res = await httpRequest({
    url: trimmed,
    headers: { accept: 'application/json' },
    tls: opts.tls,
    timeoutMs: opts.timeoutMs,
  });
  const text = res.body.toString('utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    doc = undefined;
  }
  const entries = versionEntries(doc);
  if (entries && entries.length > 0) {
    const v3 = entries.find((e) => typeof e.id === 'string' && /^v3(\.|$)/.test(e.id));
    if (v3) {
      // The auth_url already names the v3 root: keep it (the self link may use an internal host name).
      if (/\/v3$/i.test(trimmed)) return trimmed;
      const self = v3.links?.find((l) => l.rel === 'self')?.href;
      return (self ?? `${trimmed}/v3`).replace(/\/+$/, '');
    }
    const ids = entries
      .map((e) => e.id)
      .filter(Boolean)
      .join(', ');
    throw notKeystone(
      authUrl,
      `it lists API versions ${ids || '(none)'} but no v3 (this looks like another OpenStack service)`,
    );
  }
  if (pathStartsWithV3(url)) return trimmed;
  if (/^\s*</.test(text)) throw notKeystone(authUrl, `it answered ${res.status} with an HTML page`);
  throw notKeystone(authUrl, `it answered ${res.status} without a version document`);
}
