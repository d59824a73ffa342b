/** Clouds and sessions as the renderer sees them: never a password, secret or token. */

export const authTypes = ['password', 'v3applicationcredential', 'token'] as const;
export type AuthType = (typeof authTypes)[number];
export const interfaces = ['public', 'internal', 'admin'] as const;
export type Interface = (typeof interfaces)[number];

/** Accepts v2-style interface names (publicURL) as clouds.yaml users and old catalogs still write them. */
export function normaliseInterface(value: string | undefined): Interface | undefined {
  if (!value) return undefined;
  const v = value.toLowerCase().replace(/url$/, '');
  return (interfaces as readonly string[]).includes(v) ? (v as Interface) : undefined;
}

/** One configured cloud, secret-free. */
export interface CloudSummary {
  id: string;
  name: string;
  authType: AuthType;
  authUrl: string;
  /** Where it came from: a clouds.yaml path, an openrc path, 'envvars' or 'manual'. */
  source: string;
  username?: string;
  userId?: string;
  /** User domain name (clouds.yaml user_domain_name); userDomainId is the id twin. */
  userDomain?: string;
  userDomainId?: string;
  projectName?: string;
  projectId?: string;
  /** Project domain name (project_domain_name); projectDomainId is the id twin. */
  projectDomain?: string;
  projectDomainId?: string;
  domainName?: string;
  domainId?: string;
  systemScope?: string;
  applicationCredentialId?: string;
  applicationCredentialName?: string;
  regionName?: string;
  regions?: string[];
  interface: Interface;
  verify: boolean;
  cacert?: string;
  cert?: string;
  key?: string;
  /** True when a password / app-credential secret / token is stored in the vault. */
  hasSecret: boolean;
  /** The secret this cloud's auth type needs, for prompts ("Password", "Application credential secret"). */
  secretLabel: string;
}

/**
 * What the add/edit form and the password prompt send. Secret fields are write-only: they travel
 * renderer -> main when the user types them and are never sent back.
 */
export interface CloudInput {
  id?: string;
  name: string;
  authType: AuthType;
  authUrl: string;
  username?: string;
  userId?: string;
  /** Domain names; the *Id twins take domain ids (e.g. `default`). */
  userDomain?: string;
  userDomainId?: string;
  projectName?: string;
  projectId?: string;
  projectDomain?: string;
  projectDomainId?: string;
  domainName?: string;
  domainId?: string;
  systemScope?: string;
  applicationCredentialId?: string;
  applicationCredentialName?: string;
  regionName?: string;
  interface?: Interface;
  verify?: boolean;
  cacert?: string;
  cert?: string;
  key?: string;
  /** Password, application credential secret or token, depending on authType. Write-only. */
  secret?: string;
}

/** What discovery found on disk and in the environment. */
export interface DiscoveryReport {
  files: Array<{ kind: 'clouds' | 'secure' | 'openrc'; path: string; via: string }>;
  envVars: string[];
  osCloud?: string;
  clouds: Array<{
    name: string;
    source: string;
    authType: string;
    hasSecret: boolean;
    error?: string;
    /** Where its secret would be sent (user:pass@ removed), so a planted clouds.yaml is visible. */
    authUrl?: string;
    /** TLS as configured: verify off, a CA bundle, a client certificate. */
    tls?: { verify: boolean; cacert?: string; cert?: string };
    /** Plain-language warnings: verification off, plain http://. */
    insecure?: string[];
  }>;
  errors: Array<{ path: string; message: string; line?: number }>;
}

export interface ImportResult {
  imported: CloudSummary[];
  skipped: Array<{ name: string; reason: string }>;
}

export interface ProjectRef {
  id: string;
  name: string;
  domainId?: string;
}

export interface ServiceEndpointInfo {
  type: string;
  name?: string;
  url: string;
  host: string;
  region?: string;
  interface: string;
}

/** A live session as the renderer sees it: who, where, until when. Never the token. */
export interface SessionInfo {
  cloudId: string;
  cloudName: string;
  user: { id: string; name: string; domain?: string };
  scope:
    | { kind: 'project'; id: string; name: string; domain?: string }
    | { kind: 'domain'; id: string; name: string }
    | { kind: 'system'; name: string }
    | { kind: 'unscoped' };
  roles: string[];
  isAdmin: boolean;
  region?: string;
  interface: Interface;
  expiresAt: string;
  services: ServiceEndpointInfo[];
}
