/**
 * One authenticated Keystone session: discovers the v3 root, issues the token, renews it before it
 * expires (single flight: concurrent callers share one renewal) and after a 401, re-scopes, and
 * serves the catalog endpoints at the chosen interface / region. The token stays in here.
 */
import { AppError } from '../errors';
import type { TlsOptions } from './http';
import type { RegionChoice } from '@shared/models/cloud';
import { listRegions, requireEndpoint, selectEndpoint, type EndpointSelection } from './catalog';
import { discoverKeystoneV3 } from './keystone-discovery';
import {
  issueToken,
  listAuthProjects,
  revokeToken,
  type AuthToken,
  type KeystoneCredentials,
  type ScopeRequest,
} from './keystone';
import {
  createServiceClient,
  type EndpointResolver,
  type ServiceClient,
  type ServiceType,
  type TokenSource,
} from './service-client';

export const DEFAULT_RENEW_MARGIN_MS = 5 * 60_000;

export interface KeystoneSessionOptions {
  authUrl: string;
  credentials: KeystoneCredentials;
  scope: ScopeRequest;
  selection: EndpointSelection;
  tls?: TlsOptions;
  timeoutMs?: number;
  userAgent?: string;
  /** Renew when the token has less than this left. Default 5 minutes. */
  renewMarginMs?: number;
  now?: () => number;
  /** Told after every token issue (connect, renewal, re-scope): the session facts may have changed. */
  onToken?: (token: AuthToken) => void;
}

export class KeystoneSession implements TokenSource, EndpointResolver {
  private current?: AuthToken;
  private inflight?: Promise<AuthToken>;
  private v3Root?: string;
  private scope: ScopeRequest;
  private selected: EndpointSelection;
  /** One client per region, each bound to its region: a fetch in flight never crosses regions. */
  private readonly clients = new Map<string, ServiceClient>();
  /** How many tokens this session has issued (tests and diagnostics). */
  tokensIssued = 0;

  constructor(private readonly opts: KeystoneSessionOptions) {
    this.scope = opts.scope;
    this.selected = opts.selection;
  }

  private get now(): number {
    return (this.opts.now ?? Date.now)();
  }

  private get margin(): number {
    return this.opts.renewMarginMs ?? DEFAULT_RENEW_MARGIN_MS;
  }

  private httpOpts() {
    return { tls: this.opts.tls, timeoutMs: this.opts.timeoutMs, userAgent: this.opts.userAgent };
  }

  /** The Keystone v3 root found by discovery (after connect). */
  get identityRoot(): string {
    if (!this.v3Root) throw new AppError('NOT_CONNECTED', 'The session has not authenticated yet.');
    return this.v3Root;
  }

  /** The current token's facts (user, scope, roles, catalog, expiry). */
  get auth(): AuthToken {
    if (!this.current) throw new AppError('NOT_CONNECTED', 'The session has not authenticated yet.');
    return this.current;
  }

  /** The interface and region the session's clients use now. */
  get selection(): EndpointSelection {
    return this.selected;
  }

  /** The regions of the current token's catalog StackLens can work in (network endpoint at the interface). */
  regions(): RegionChoice[] {
    return listRegions(this.auth.catalog, this.selected.interface);
  }

  /**
   * Re-points the session at another region of its catalog: `client()` then serves that region's
   * Neutron / Nova endpoints. A region without a network endpoint is refused, naming those offered.
   */
  selectRegion(region: string): void {
    const offered = this.regions();
    if (!offered.some((r) => r.name === region)) {
      const names = offered.map((r) => r.name);
      throw new AppError(
        'INVALID_ARGUMENT',
        `The service catalog has no network endpoint for interface ${this.selected.interface} in region "${region}".`,
        names.length ? `Choose one of: ${names.join(', ')}.` : 'This catalog offers no region with a network endpoint.',
        { region, offered: names.join(', ') },
      );
    }
    this.selected = { ...this.selected, region };
  }

  /** Discovers the v3 root and issues the first token, with precise errors for the user. */
  async connect(): Promise<AuthToken> {
    this.v3Root ??= await discoverKeystoneV3(this.opts.authUrl, this.httpOpts());
    return this.issue(this.scope, true);
  }

  private issue(scope: ScopeRequest, diagnose = false): Promise<AuthToken> {
    if (this.inflight) return this.inflight;
    const run = (async () => {
      this.v3Root ??= await discoverKeystoneV3(this.opts.authUrl, this.httpOpts());
      const token = await issueToken(this.v3Root, this.opts.credentials, scope, { ...this.httpOpts(), diagnose });
      this.tokensIssued++;
      this.current = token;
      this.opts.onToken?.(token);
      return token;
    })();
    this.inflight = run;
    run
      .finally(() => {
        if (this.inflight === run) this.inflight = undefined;
      })
      .catch(() => undefined);
    return run;
  }

  /** A token valid for at least the renewal margin; a failed renewal keeps a still-valid token. */
  async token(): Promise<string> {
    const cur = this.current;
    if (!cur) return (await this.issue(this.scope)).value;
    const left = cur.expiresAt.getTime() - this.now;
    if (left > this.margin) return cur.value;
    // A user-supplied token cannot be extended: re-issuing gives the same expiry, so only expiry matters.
    if (this.opts.credentials.method === 'token' && left > 0) return cur.value;
    try {
      return (await this.issue(this.scope)).value;
    } catch (err) {
      if (left > 10_000) return cur.value;
      throw err;
    }
  }

  /** After a 401: re-authenticate unless another caller already replaced the refused token. */
  async renew(refused: string): Promise<string> {
    if (this.current && this.current.value !== refused) return this.current.value;
    return (await this.issue(this.scope)).value;
  }

  /** Re-authenticates with the same credentials for another scope; the old scope stays on failure. */
  async rescope(scope: ScopeRequest): Promise<AuthToken> {
    // Never join a renewal for the old scope: wait until none runs (no await between the check and issue()).
    while (this.inflight) await this.inflight.catch(() => undefined);
    const token = await this.issue(scope, true);
    this.scope = scope;
    return token;
  }

  endpointUrl(service: ServiceType): string {
    return this.endpointAt(service, this.selected);
  }

  has(service: ServiceType): boolean {
    return this.hasAt(service, this.selected);
  }

  private endpointAt(service: ServiceType, sel: EndpointSelection): string {
    const catalog = this.auth.catalog;
    // An identity-less catalog still has Keystone: the one we authenticated against.
    if (service === 'identity' && !selectEndpoint(catalog, 'identity', sel)) return this.identityRoot;
    return requireEndpoint(catalog, service, sel);
  }

  private hasAt(service: ServiceType, sel: EndpointSelection): boolean {
    if (!this.current) return false;
    return service === 'identity' || selectEndpoint(this.current.catalog, service, sel) !== undefined;
  }

  /**
   * The authenticated JSON client of the current region (one per region, so stats add up). It
   * stays bound to its region: callers holding it finish where they started after a switch, and
   * callers keyed on the client (the metadata resolver and its cache) see a new one.
   */
  client(): ServiceClient {
    const sel = this.selected;
    const key = sel.region ?? '';
    let client = this.clients.get(key);
    if (!client) {
      client = createServiceClient({
        tokens: this,
        endpoints: { endpointUrl: (s) => this.endpointAt(s, sel), has: (s) => this.hasAt(s, sel) },
        tls: this.opts.tls,
        timeoutMs: this.opts.timeoutMs,
        userAgent: this.opts.userAgent,
      });
      this.clients.set(key, client);
    }
    return client;
  }

  /** Projects the user can switch to (GET /v3/auth/projects with the current token). */
  async projects() {
    return listAuthProjects(this.identityRoot, await this.token(), this.httpOpts());
  }

  /**
   * Forgets the token; revokes it when we issued it from a password or application credential
   * (a token-auth session's token derives from the user's own, which must keep working).
   */
  async close(): Promise<void> {
    const cur = this.current;
    this.current = undefined;
    if (cur && this.v3Root && this.opts.credentials.method !== 'token') {
      await revokeToken(this.v3Root, cur.value, { ...this.httpOpts(), timeoutMs: 5_000 }).catch(() => undefined);
    }
  }
}
