/**
 * Keystone v3 token issue: request bodies for password / application credential / token auth,
 * project / domain / system / no scope, the token body parsed into a typed AuthToken, and
 * Keystone's answers mapped to errors an admin can act on.
 */
import { AppError } from '../errors';
import { httpRequest, redactUrl, type TlsOptions } from './http';
import { parseCatalog, type Catalog } from './catalog';
import { serviceErrorMessage } from './service-client';

export type DomainRef = { id: string } | { name: string };
export type UserRef = { id: string } | { name: string; domain: DomainRef };

/** What proves who we are. Secrets live here only in memory, never in errors or logs. */
export type KeystoneCredentials =
  | { method: 'password'; user: UserRef; password: string }
  | { method: 'application_credential'; id: string; secret: string }
  | { method: 'application_credential'; name: string; user: UserRef; secret: string }
  | { method: 'token'; token: string };

/** What the token should be scoped to. */
export type ScopeRequest =
  | { kind: 'project'; id: string }
  | { kind: 'project'; name: string; domain: DomainRef }
  | { kind: 'domain'; domain: DomainRef }
  | { kind: 'system'; system: string }
  | { kind: 'unscoped' };

export interface NamedRef {
  id: string;
  name: string;
}

/** An issued token as main keeps it (the value never leaves main). */
export interface AuthToken {
  value: string;
  expiresAt: Date;
  issuedAt?: Date;
  user: NamedRef & { domain?: NamedRef };
  scope:
    | { kind: 'project'; id: string; name: string; domain?: NamedRef }
    | { kind: 'domain'; id: string; name: string }
    | { kind: 'system'; name: string }
    | { kind: 'unscoped' };
  roles: NamedRef[];
  catalog: Catalog;
  /** Set when the token came from an application credential (bound to its project). */
  applicationCredential?: { id: string; name?: string };
}

export interface IssueOptions {
  tls?: TlsOptions;
  timeoutMs?: number;
  userAgent?: string;
}

function userBody(user: UserRef): Record<string, unknown> {
  return 'id' in user ? { id: user.id } : { name: user.name, domain: user.domain };
}

/** The POST /v3/auth/tokens body. App credentials carry their scope: no scope is sent for them. */
export function buildAuthBody(creds: KeystoneCredentials, scope: ScopeRequest): Record<string, unknown> {
  let identity: Record<string, unknown>;
  if (creds.method === 'password') {
    identity = { methods: ['password'], password: { user: { ...userBody(creds.user), password: creds.password } } };
  } else if (creds.method === 'application_credential') {
    const ac =
      'id' in creds
        ? { id: creds.id, secret: creds.secret }
        : { name: creds.name, user: userBody(creds.user), secret: creds.secret };
    identity = { methods: ['application_credential'], application_credential: ac };
  } else {
    identity = { methods: ['token'], token: { id: creds.token } };
  }
  const auth: Record<string, unknown> = { identity };
  if (creds.method !== 'application_credential') {
    if (scope.kind === 'project')
      auth.scope = { project: 'id' in scope ? { id: scope.id } : { name: scope.name, domain: scope.domain } };
    else if (scope.kind === 'domain') auth.scope = { domain: scope.domain };
    else if (scope.kind === 'system') auth.scope = { system: { [scope.system]: true } };
  }
  return { auth };
}

function ref(o: unknown): NamedRef | undefined {
  if (!o || typeof o !== 'object') return undefined;
  const r = o as { id?: unknown; name?: unknown };
  return typeof r.id === 'string' ? { id: r.id, name: typeof r.name === 'string' ? r.name : r.id } : undefined;
}

/** Parses the token body of a 201 answer. */
export function parseTokenBody(value: string, body: unknown): AuthToken {
  const t = (body as { token?: Record<string, unknown> } | undefined)?.token;
  const user = ref(t?.user);
  const expires = typeof t?.expires_at === 'string' ? new Date(t.expires_at) : undefined;
  if (!t || !user || !expires || Number.isNaN(expires.getTime())) {
    throw new AppError(
      'NOT_KEYSTONE_V3',
      'The identity service answered without a valid Keystone v3 token body.',
      'Check that auth_url is a Keystone v3 endpoint.',
    );
  }
  const project = ref(t.project);
  const domain = ref(t.domain);
  const system = t.system && typeof t.system === 'object' ? Object.keys(t.system)[0] : undefined;
  const scope: AuthToken['scope'] = project
    ? { kind: 'project', ...project, domain: ref((t.project as { domain?: unknown }).domain) }
    : domain
      ? { kind: 'domain', ...domain }
      : system
        ? { kind: 'system', name: system }
        : { kind: 'unscoped' };
  const roles = Array.isArray(t.roles) ? (t.roles.map(ref).filter(Boolean) as NamedRef[]) : [];
  const ac = ref(t.application_credential);
  return {
    value,
    expiresAt: expires,
    issuedAt: typeof t.issued_at === 'string' ? new Date(t.issued_at) : undefined,
    user: { ...user, domain: ref((t.user as { domain?: unknown }).domain) },
    scope,
    roles,
    catalog: parseCatalog(t.catalog),
    applicationCredential: ac ? { id: ac.id, name: ac.name } : undefined,
  };
}

function describeUser(user: UserRef): string {
  return 'id' in user
    ? `user id ${user.id}`
    : `user ${user.name} (domain ${'id' in user.domain ? user.domain.id : user.domain.name})`;
}

export function describeScope(scope: ScopeRequest): string {
  switch (scope.kind) {
    case 'project':
      return 'id' in scope
        ? `project id ${scope.id}`
        : `project ${scope.name} (domain ${'id' in scope.domain ? scope.domain.id : scope.domain.name})`;
    case 'domain':
      return `domain ${'id' in scope.domain ? scope.domain.id : scope.domain.name}`;
    case 'system':
      return `system scope ${scope.system}`;
    default:
      return 'no scope';
  }
}

/** Raw POST /auth/tokens: the token, or the failing status and Keystone's message. */
async function postTokens(v3Root: string, body: Record<string, unknown>, opts: IssueOptions) {
  const res = await httpRequest({
    url: `${v3Root}/auth/tokens`,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      'user-agent': opts.userAgent ?? 'StackLens',
    },
    body: JSON.stringify(body),
    tls: opts.tls,
    timeoutMs: opts.timeoutMs,
  });
  return res;
}

/**
 * Issues a token. With `diagnose` (interactive connects), a scoped password request is done in two
 * steps, explicitly unscoped password then token re-scope, so that "wrong password" and "unknown
 * project / no role" get their own messages: Keystone answers 401 to both, and probing again after
 * a failure would double the failed attempts counted towards a lockout.
 */
export async function issueToken(
  v3Root: string,
  creds: KeystoneCredentials,
  scope: ScopeRequest,
  opts: IssueOptions & { diagnose?: boolean } = {},
): Promise<AuthToken> {
  if (!opts.diagnose || creds.method !== 'password' || scope.kind === 'unscoped')
    return issueOnce(v3Root, creds, scope, opts);
  const unscoped = await issueOnce(v3Root, creds, { kind: 'unscoped' }, opts, true);
  try {
    return await issueOnce(v3Root, { method: 'token', token: unscoped.value }, scope, opts);
  } catch (err) {
    if (err instanceof AppError && err.code === 'TOKEN_EXPIRED') {
      throw new AppError(
        'AUTH_FAILED',
        `Keystone at ${redactUrl(v3Root)} accepted ${describeUser(creds.user)} but refused ${describeScope(scope)}: the project or domain does not exist, or the user has no role on it.`,
        'Check project_name / project_id and project_domain_name (connect, then list the projects you can switch to).',
        { ...err.details, scopeRefused: true },
      );
    }
    throw err;
  }
}

async function issueOnce(
  v3Root: string,
  creds: KeystoneCredentials,
  scope: ScopeRequest,
  opts: IssueOptions,
  explicitUnscoped = false,
): Promise<AuthToken> {
  const url = `${v3Root}/auth/tokens`;
  const body = buildAuthBody(creds, scope);
  // "unscoped" as a string forces an unscoped token even when the user has a default project.
  if (explicitUnscoped) (body.auth as Record<string, unknown>).scope = 'unscoped';
  const res = await postTokens(v3Root, body, opts);
  if (res.status === 201 || res.status === 200) return tokenFrom(res, url);
  throw issueError(res, v3Root, creds, scope, explicitUnscoped);
}

type TokensResponse = Awaited<ReturnType<typeof postTokens>>;

/** A 200/201 that carries a Keystone token, or NOT_KEYSTONE_V3. */
function tokenFrom(res: TokensResponse, url: string): AuthToken {
  const isJson = (res.headers['content-type'] ?? '').includes('json');
  const value = res.headers['x-subject-token'];
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!value || !isJson) {
    throw new AppError(
      'NOT_KEYSTONE_V3',
      `${redactUrl(url)} answered ${res.status} but not with a Keystone token.`,
      'Check that auth_url is a Keystone v3 endpoint.',
      { url: redactUrl(url), status: res.status },
    );
  }
  return parseTokenBody(value, parsed);
}

/** The refusal as an AppError that names the cause and the fix. */
function issueError(
  res: TokensResponse,
  v3Root: string,
  creds: KeystoneCredentials,
  scope: ScopeRequest,
  explicitUnscoped: boolean,
): AppError {
  const url = `${v3Root}/auth/tokens`;
  const isJson = (res.headers['content-type'] ?? '').includes('json');
  const said = serviceErrorMessage(res.body, res.headers['content-type']);
  const details = { url: redactUrl(url), status: res.status };
  const at = redactUrl(v3Root);
  const keystoneError = isJson && /"error"\s*:\s*\{/.test(res.body.toString('utf8'));
  if (res.status === 404 && keystoneError) {
    // Keystone's own 404 (e.g. "Could not recognize Fernet token", "Could not find domain").
    if (creds.method === 'token') {
      return new AppError(
        'TOKEN_EXPIRED',
        `Keystone at ${at} did not accept the token: ${said ?? 'not found'}.`,
        "Issue a new token (openstack token issue) and update the cloud's token.",
        details,
      );
    }
    return new AppError(
      'AUTH_FAILED',
      `Keystone at ${at} could not authenticate ${describeScope(scope)}: ${said ?? 'not found'}.`,
      'Check the user, project and domain names or ids of the cloud.',
      details,
    );
  }
  if (res.status >= 500) {
    return new AppError(
      'SERVICE_ERROR',
      `Keystone at ${at} answered ${res.status}: ${said ?? 'no message'}.`,
      'Keystone (or a proxy in front of it) is failing: retry later, or see the Keystone log.',
      details,
    );
  }
  if (res.status === 404 || !isJson) {
    return new AppError(
      'NOT_KEYSTONE_V3',
      `${redactUrl(url)} answered ${res.status}${isJson ? '' : ' (not JSON)'}: it is not a Keystone v3 token endpoint.`,
      'Use the Keystone identity URL, e.g. https://keystone.example.com:5000/v3.',
      details,
    );
  }
  if (res.status === 401) {
    if (res.headers['openstack-auth-receipt']) {
      return new AppError(
        'AUTH_FAILED',
        `Keystone at ${at} requires multi-factor authentication for this user.`,
        'Use an application credential for this cloud (MFA prompts are not supported yet).',
        details,
      );
    }
    return unauthorized(at, creds, scope, explicitUnscoped, details);
  }
  if (res.status === 400) {
    return new AppError(
      'CONFIG_INVALID',
      `Keystone at ${at} rejected the request: ${said ?? 'bad request'}.`,
      'Check the user / project domain settings (user_domain_name, project_domain_name) of the cloud.',
      details,
    );
  }
  if (res.status === 403) {
    return new AppError(
      'FORBIDDEN',
      `Keystone at ${at} refused to issue the token: ${said ?? 'forbidden'}.`,
      'The user or credential may be disabled, or restricted from this scope.',
      details,
    );
  }
  return new AppError(
    'SERVICE_ERROR',
    `Keystone at ${at} answered ${res.status}: ${said ?? 'no message'}.`,
    'See the Keystone log for the request.',
    details,
  );
}

function unauthorized(
  at: string,
  creds: KeystoneCredentials,
  scope: ScopeRequest,
  unscopedOnly: boolean,
  details: Record<string, string | number>,
): AppError {
  if (creds.method === 'token') {
    return new AppError(
      'TOKEN_EXPIRED',
      `Keystone at ${at} did not accept the token for ${describeScope(scope)}: it is expired, revoked or not valid for that scope.`,
      "Issue a new token (openstack token issue) and update the cloud's token.",
      details,
    );
  }
  if (creds.method === 'application_credential') {
    const which =
      'id' in creds
        ? `application credential ${creds.id}`
        : `application credential ${creds.name} of ${describeUser(creds.user)}`;
    return new AppError(
      'AUTH_FAILED',
      `Keystone at ${at} rejected the ${which}: wrong secret, expired, or deleted.`,
      'Check application_credential_id / _secret (openstack application credential show).',
      details,
    );
  }
  const orScope =
    unscopedOnly || scope.kind === 'unscoped' ? '' : ` (or the user or ${describeScope(scope)} is unknown)`;
  return new AppError(
    'AUTH_FAILED',
    `Keystone rejected the password for ${describeUser(creds.user)} at ${at}${orScope}.`,
    'Check the password, username and user_domain_name of the cloud.',
    details,
  );
}

/** GET /v3/auth/projects: the projects the token's user can scope to. */
export async function listAuthProjects(
  v3Root: string,
  token: string,
  opts: IssueOptions = {},
): Promise<Array<NamedRef & { domainId?: string; enabled?: boolean }>> {
  const res = await httpRequest({
    url: `${v3Root}/auth/projects`,
    headers: { accept: 'application/json', 'x-auth-token': token },
    tls: opts.tls,
    timeoutMs: opts.timeoutMs,
  });
  if (res.status !== 200) {
    const code = res.status === 401 ? 'TOKEN_EXPIRED' : res.status === 403 ? 'FORBIDDEN' : 'SERVICE_ERROR';
    throw new AppError(
      code,
      `Keystone answered ${res.status} to GET ${redactUrl(res.url)}: ${serviceErrorMessage(res.body, res.headers['content-type']) ?? 'no message'}.`,
      undefined,
      { status: res.status, url: redactUrl(res.url) },
    );
  }
  const body = JSON.parse(res.body.toString('utf8')) as {
    projects?: Array<{ id: string; name: string; domain_id?: string; enabled?: boolean }>;
  };
  return (body.projects ?? []).map((p) => ({ id: p.id, name: p.name, domainId: p.domain_id, enabled: p.enabled }));
}

/** DELETE /v3/auth/tokens: revokes a token we issued (best effort on disconnect). */
export async function revokeToken(v3Root: string, token: string, opts: IssueOptions = {}): Promise<number> {
  const res = await httpRequest({
    url: `${v3Root}/auth/tokens`,
    method: 'DELETE',
    headers: { 'x-auth-token': token, 'x-subject-token': token },
    tls: opts.tls,
    timeoutMs: opts.timeoutMs,
  });
  return res.status;
}
