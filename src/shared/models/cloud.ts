/** Clouds and sessions as the renderer sees them: never a password, secret or token. */

import { z } from 'zod';

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

const opt = z.string().optional();

/**
 * A cloud's settings, defined once: clouds.yaml's keys in camelCase (user_domain_name ->
 * userDomainName; each *Name has its *Id twin). The stored record, the summary the renderer sees,
 * the form's input and the route's schema are all derived from this object. Never a secret.
 */
export const cloudFields = z.object({
  name: z.string().min(1),
  authType: z.enum(authTypes),
  authUrl: z.string(),
  username: opt,
  userId: opt,
  userDomainName: opt,
  userDomainId: opt,
  projectName: opt,
  projectId: opt,
  projectDomainName: opt,
  projectDomainId: opt,
  domainName: opt,
  domainId: opt,
  systemScope: opt,
  applicationCredentialId: opt,
  applicationCredentialName: opt,
  regionName: opt,
  regions: z.array(z.string()).optional(),
  interface: z.enum(interfaces),
  verify: z.boolean(),
  cacert: opt,
  cert: opt,
  key: opt,
});
export type CloudFields = z.infer<typeof cloudFields>;

/** One configured cloud, secret-free. */
export type CloudSummary = CloudFields & {
  id: string;
  /** Where it came from: a clouds.yaml path, an openrc path, 'envvars' or 'manual'. */
  source: string;
  /** True when a password / app-credential secret / token is stored in the vault. */
  hasSecret: boolean;
  /** The secret this cloud's auth type needs, for prompts ("Password", "Application credential secret"). */
  secretLabel: string;
};

/**
 * A TLS file in the add/edit form: `{ pick }` is a file chosen in main's native dialog
 * (clouds:chooseTlsFile), null removes the file, absent keeps the stored one. Never a path: main
 * reads no file the renderer names.
 */
const tlsFileChoice = z.union([z.object({ pick: z.string().min(1).max(64) }).strict(), z.null()]);
export type TlsFileChoice = z.infer<typeof tlsFileChoice>;

/**
 * What the add/edit form and the password prompt send: the fields the form shows (interface and
 * verify default), the id when editing, and the secret. The secret is write-only: it travels
 * renderer -> main when the user types it and is never sent back.
 */
export const cloudInputFields = cloudFields
  .omit({ regions: true, cacert: true, cert: true, key: true })
  .partial({ interface: true, verify: true })
  .extend({
    id: z.string().min(1).optional(),
    /** Password, application credential secret or token, depending on authType. Write-only. */
    secret: opt,
    cacert: tlsFileChoice.optional(),
    cert: tlsFileChoice.optional(),
    key: tlsFileChoice.optional(),
  });
export type CloudInput = z.infer<typeof cloudInputFields>;

/** The PEM files of a cloud's TLS settings: CA bundle, client certificate, client key. */
export const tlsFileKinds = ['cacert', 'cert', 'key'] as const;
export type TlsFileKind = (typeof tlsFileKinds)[number];

/** A PEM file main read after the admin picked it in main's native dialog. */
export interface TlsFilePick {
  /** Names the pick in clouds:save; main alone knows which file it is. */
  pick: string;
  /** Where the file is, for display. */
  path: string;
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

/** The catalog services StackLens uses in a region: network is required, compute gives names and nova. */
export const regionServices = ['network', 'compute'] as const;
export type RegionService = (typeof regionServices)[number];

/** A region of the session's catalog that StackLens can work in (it has a network endpoint). No URL. */
export interface RegionChoice {
  name: string;
  /** Which of regionServices the region offers at the session's interface (network always). */
  services: RegionService[];
}

/** The region the admin chose (`wanted`) is not in the session's catalog; main works in `region`. */
export interface RegionFallback {
  wanted: string;
  region: string;
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
  /** The regions the session may switch to (session:switchRegion), by name; one or none: nothing to switch. */
  regions: RegionChoice[];
  /** Set while this catalog (this project's) lacks the region the admin chose: `region` is used meanwhile. */
  regionFallback?: RegionFallback;
  interface: Interface;
  expiresAt: string;
  services: ServiceEndpointInfo[];
}
