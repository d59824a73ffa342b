/**
 * One cloud entry of clouds.yaml (or the OS_* / openrc equivalent) normalised into a typed
 * CloudConfig, following openstacksdk's loader: legacy keys (auth_plugin, tenant_*, *endpoint_type,
 * insecure), dashes in keys, top-level values beating `auth:` values, *_name beating *_id.
 */
import { normaliseInterface, type AuthType, type Interface } from '@shared/models/cloud';
import { AppError } from '../errors';

/** A cloud as main keeps it. `secret` is the password / app credential secret / token. */
export interface CloudConfig {
  name: string;
  /** Where it came from: a file path, 'envvars', 'manual'. */
  source: string;
  authType: AuthType;
  authUrl: string;
  username?: string;
  userId?: string;
  userDomainName?: string;
  userDomainId?: string;
  projectName?: string;
  projectId?: string;
  projectDomainName?: string;
  projectDomainId?: string;
  domainName?: string;
  domainId?: string;
  systemScope?: string;
  defaultDomainId?: string;
  defaultDomainName?: string;
  applicationCredentialId?: string;
  applicationCredentialName?: string;
  regionName?: string;
  regions?: string[];
  interface: Interface;
  verify: boolean;
  cacert?: string;
  cert?: string;
  key?: string;
  secret?: string;
}

/** keystoneauth plugin names we implement, mapped to our three kinds. */
const AUTH_TYPES: Record<string, AuthType> = {
  password: 'password',
  v3password: 'password',
  v3applicationcredential: 'v3applicationcredential',
  applicationcredential: 'v3applicationcredential',
  token: 'token',
  v3token: 'token',
};

export const SUPPORTED_AUTH_TYPES = Object.keys(AUTH_TYPES);

type Raw = Record<string, unknown>;

/** clouds.yaml accepts `project-name` as well as `project_name` (openstacksdk _normalize_keys). */
export function normaliseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normaliseKeys);
  if (!value || typeof value !== 'object') return value;
  const out: Raw = {};
  for (const [k, v] of Object.entries(value as Raw)) out[k.replace(/-/g, '_')] = normaliseKeys(v);
  return out;
}

/** openstacksdk's get_boolean: true/yes/1/on (any case) are true. */
export function toBool(value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  return ['true', 'yes', '1', 'on'].includes(String(value).trim().toLowerCase());
}

function str(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const s = String(value).trim();
  return s === '' ? undefined : s;
}

function invalid(cloud: string, source: string, message: string, hint: string): AppError {
  return new AppError('CONFIG_INVALID', `Cloud "${cloud}" in ${source}: ${message}`, hint, { cloud, file: source });
}

type Pick = (...keys: string[]) => string | undefined;
type Fail = (problem: string, hint: string) => never;

/** auth_type (or the legacy auth_plugin); absent, guessed from the secret that is given. */
function readAuthType(raw: Raw, pick: Pick, fail: Fail): AuthType {
  // auth_type: current name beats the legacy auth_plugin; absent -> password (sdk default).
  const authTypeKeySet = 'auth_type' in raw || 'auth_plugin' in raw;
  let authTypeRaw = authTypeKeySet ? (str(raw.auth_type ?? raw.auth_plugin) ?? 'none') : undefined;
  if (authTypeRaw === 'token_endpoint') authTypeRaw = 'admin_token';
  const secretPassword = pick('password');
  const secretAppCred = pick('application_credential_secret');
  const secretToken = pick('token', 'auth_token');
  if (authTypeRaw === undefined) {
    // Not what the sdk does (it would fail on a missing password), but what the user means.
    authTypeRaw =
      secretAppCred || pick('application_credential_id')
        ? 'v3applicationcredential'
        : secretToken && !secretPassword
          ? 'token'
          : 'password';
  }
  const authType = AUTH_TYPES[authTypeRaw.toLowerCase()];
  if (!authType) {
    fail(`auth_type "${authTypeRaw}" is not supported.`, `Use one of ${SUPPORTED_AUTH_TYPES.join(', ')}.`);
  }
  return authType;
}

/** A Keystone v3 http(s) auth_url. */
function readAuthUrl(pick: Pick, fail: Fail): string {
  const identityVersion = pick('identity_api_version');
  if (identityVersion && !/^3(\.\d+)?$/.test(identityVersion)) {
    fail(
      `identity_api_version ${identityVersion} is not supported (Keystone v2 is gone).`,
      'Set identity_api_version: 3 and a v3 auth_url.',
    );
  }

  const authUrl = pick('auth_url');
  if (!authUrl)
    fail(
      'auth_url is missing.',
      'Add `auth_url:` (the Keystone identity URL, e.g. https://keystone.example.com:5000/v3) under `auth:`.',
    );
  try {
    const u = new URL(authUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
  } catch {
    fail(
      `auth_url "${authUrl}" is not an http(s) URL.`,
      'Use the full Keystone URL, e.g. https://keystone.example.com:5000/v3.',
    );
  }
  return authUrl;
}

/** TLS: `verify: false` or `insecure: true` disable checks; `verify: <path>` is a CA bundle. */
function readTls(raw: Raw, auth: Raw, pick: Pick): { verify: boolean; cacert?: string } {
  // TLS: `verify: false` or `insecure: true` disable checks; `verify: <path>` is a CA bundle.
  let verify = true;
  let cacert = pick('cacert');
  const verifyRaw = raw.verify ?? auth.verify;
  if (
    typeof verifyRaw === 'string' &&
    !['true', 'false', 'yes', 'no', '1', '0', 'on', 'off'].includes(verifyRaw.toLowerCase())
  ) {
    cacert ??= verifyRaw;
  } else if (toBool(verifyRaw) === false) verify = false;
  if (toBool(raw.insecure ?? auth.insecure) === true) verify = false;
  return { verify, cacert };
}

/**
 * Normalises one raw cloud entry. Throws CONFIG_INVALID naming the cloud, the file and the key
 * for what cannot work (unknown auth_type, missing auth_url, no user for password auth, ...).
 */
export function normaliseCloud(name: string, rawInput: unknown, source: string): CloudConfig {
  if (!rawInput || typeof rawInput !== 'object' || Array.isArray(rawInput)) {
    throw invalid(
      name,
      source,
      'the entry is not a mapping of settings.',
      'Each cloud under `clouds:` must be a mapping with an `auth:` section.',
    );
  }
  const raw = normaliseKeys(rawInput) as Raw;
  const auth = (raw.auth && typeof raw.auth === 'object' && !Array.isArray(raw.auth) ? raw.auth : {}) as Raw;
  /** Top-level beats auth; earlier keys (current names) beat later ones (legacy names). */
  const pick: Pick = (...keys) => {
    for (const source of [raw, auth]) {
      for (const key of keys) {
        const v = str(source[key]);
        if (v !== undefined) return v;
      }
    }
    return undefined;
  };

  const fail = (problem: string, hint: string): never => {
    throw invalid(name, source, problem, hint);
  };
  const authType = readAuthType(raw, pick, fail);

  const authUrl = readAuthUrl(pick, fail);

  // interface: interface beats the legacy endpoint_type; publicURL-style values accepted.
  const ifaceRaw = pick('interface', 'endpoint_type');
  const iface = ifaceRaw === undefined ? 'public' : normaliseInterface(ifaceRaw);
  if (!iface)
    throw invalid(
      name,
      source,
      `interface "${ifaceRaw}" is not public, internal or admin.`,
      'Set `interface:` to public, internal or admin.',
    );

  const { verify, cacert } = readTls(raw, auth, pick);

  const { regionName, regions } = readRegions(name, source, raw);

  const cfg: CloudConfig = {
    name,
    source,
    authType,
    authUrl,
    username: pick('username', 'user_name'),
    userId: pick('user_id'),
    userDomainName: pick('user_domain_name'),
    userDomainId: pick('user_domain_id'),
    projectName: pick('project_name', 'tenant_name'),
    projectId: pick('project_id', 'tenant_id'),
    projectDomainName: pick('project_domain_name'),
    projectDomainId: pick('project_domain_id'),
    domainName: pick('domain_name'),
    domainId: pick('domain_id'),
    systemScope: pick('system_scope'),
    defaultDomainId: pick('default_domain_id', 'default_domain'),
    defaultDomainName: pick('default_domain_name'),
    applicationCredentialId: pick('application_credential_id'),
    applicationCredentialName: pick('application_credential_name'),
    regionName,
    regions,
    interface: iface,
    verify,
    cacert,
    cert: pick('cert'),
    key: pick('key'),
    secret:
      authType === 'password'
        ? pick('password')
        : authType === 'token'
          ? pick('token', 'auth_token')
          : pick('application_credential_secret'),
  };
  applyDomainShorthand(cfg);
  validateAuth(cfg);
  return dropUndefined(cfg);
}

function readRegions(name: string, source: string, raw: Raw): { regionName?: string; regions?: string[] } {
  const regions: string[] = [];
  if (Array.isArray(raw.regions)) {
    for (const r of raw.regions) {
      const n = typeof r === 'string' ? r : r && typeof r === 'object' ? str((r as Raw).name) : undefined;
      if (!n)
        throw invalid(
          name,
          source,
          'an entry of `regions:` has no name.',
          'Write regions as a list of names or of {name, values} mappings.',
        );
      regions.push(n);
    }
  } else if (raw.regions !== undefined) {
    throw invalid(name, source, '`regions:` is not a list.', 'Write regions as a list of names.');
  }
  // The comma-separated region_name form is deprecated but still read.
  const rn = str(raw.region_name);
  const fromName = rn
    ? rn
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
  for (const r of fromName.slice(1)) if (!regions.includes(r)) regions.push(r);
  const regionName = fromName[0] ?? regions[0];
  return { regionName, regions: regions.length ? regions : undefined };
}

/**
 * openstacksdk's _handle_domain_id: for a project-scoped cloud, domain_name / domain_id are a
 * shorthand for the user and project domains, not a domain scope.
 */
function applyDomainShorthand(cfg: CloudConfig): void {
  if (!cfg.projectName && !cfg.projectId) return;
  if (cfg.domainName) {
    cfg.userDomainName ??= cfg.domainName;
    cfg.projectDomainName ??= cfg.domainName;
  }
  if (cfg.domainId) {
    cfg.userDomainId ??= cfg.domainId;
    cfg.projectDomainId ??= cfg.domainId;
  }
  cfg.domainName = undefined;
  cfg.domainId = undefined;
}

function validateAuth(cfg: CloudConfig): void {
  const at = (m: string, h: string) => invalid(cfg.name, cfg.source, m, h);
  if (cfg.authType === 'password' && !cfg.username && !cfg.userId) {
    throw at(
      'password auth needs a user: username or user_id is missing.',
      'Add `username:` (and `user_domain_name:`) under `auth:`.',
    );
  }
  if (cfg.authType === 'v3applicationcredential' && !cfg.applicationCredentialId) {
    if (!cfg.applicationCredentialName) {
      throw at(
        'application_credential_id (or application_credential_name) is missing.',
        'Add `application_credential_id:` under `auth:` (openstack application credential show).',
      );
    }
    if (!cfg.username && !cfg.userId) {
      throw at(
        'application_credential_name needs the owning user (username or user_id).',
        'Add `username:` and `user_domain_name:`, or use application_credential_id instead.',
      );
    }
  }
}

function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k];
  return o;
}

/** The label a prompt shows for the secret this auth type needs. */
export function secretLabelFor(authType: AuthType): string {
  return authType === 'password' ? 'Password' : authType === 'token' ? 'Token' : 'Application credential secret';
}
