/**
 * The live sessions, one per connected cloud: connect (with the stored or a typed secret),
 * disconnect, list projects, switch project or region, and hand out the ServiceClient other
 * features use.
 * The renderer only ever sees SessionInfo; 'session:changed' tells it when one changes.
 */
import type { ProjectRef, SessionInfo } from '@shared/models/cloud';
import { AppError } from '../errors';
import type { EmitEvent } from '../ports';
import type { CloudStore, StoredCloud } from '../credentials/cloud-store';
import { storedToConfig } from '../credentials/cloud-store';
import { secretLabelFor } from '../credentials/cloud-config';
import { credentialsFor, scopeFor, selectionFor, tlsFor } from './keystone-params';
import { isAdminRoles } from './access';
import type { RegionMemory } from './region-memory';
import { pickRegion, type RegionFallback } from './region-fallback';
import { describeEndpoints } from '../openstack/catalog';
import type { AuthToken } from '../openstack/keystone';
import { KeystoneSession } from '../openstack/keystone-session';
import type { ServiceClient } from '../openstack/service-client';

export interface SessionManagerOptions {
  clouds: CloudStore;
  emit: EmitEvent;
  log?: (line: string) => void;
  userAgent?: string;
  timeoutMs?: number;
  renewMarginMs?: number;
  /** The region chosen per cloud; without it a switch lasts as long as the session. */
  regions?: RegionMemory;
}

interface Live {
  cloud: StoredCloud;
  session: KeystoneSession;
  /** The region the admin chose (or configured): kept while a catalog lacks it. */
  wanted?: string;
  /** Set while the current catalog lacks `wanted`. */
  fallback?: RegionFallback;
}

export class SessionManager {
  private readonly live = new Map<string, Live>();

  constructor(private readonly opts: SessionManagerOptions) {}

  /**
   * Authenticates a cloud. `password` is the secret typed by the user (password, application
   * credential secret or token); `remember` stores it in the vault once Keystone accepted it.
   * `confirm` runs once the secret is known and before it is sent (the insecure-transport
   * warning of session:connect); it throws to stop.
   */
  async connect(
    cloudId: string,
    password?: string,
    remember = false,
    confirm?: (cloud: StoredCloud) => Promise<void>,
  ): Promise<SessionInfo> {
    const cloud = this.opts.clouds.get(cloudId);
    const secret = password || this.storedSecret(cloud);
    if (!secret) {
      throw new AppError(
        'PASSWORD_REQUIRED',
        `Cloud "${cloud.name}" has no stored ${secretLabelFor(cloud.authType).toLowerCase()}.`,
        `Enter the ${secretLabelFor(cloud.authType).toLowerCase()} to connect (tick "remember" to store it encrypted).`,
        { cloudId, secretLabel: secretLabelFor(cloud.authType) },
      );
    }
    await confirm?.(cloud);
    const cfg = storedToConfig(cloud);
    const session = new KeystoneSession({
      authUrl: cfg.authUrl,
      credentials: credentialsFor(cfg, secret),
      scope: scopeFor(cfg),
      selection: selectionFor(cfg),
      tls: tlsFor(cfg),
      timeoutMs: this.opts.timeoutMs,
      userAgent: this.opts.userAgent,
      renewMarginMs: this.opts.renewMarginMs,
      onToken: () => {
        // Renewals and re-scopes change expiry, scope and catalog: tell the renderer (only once registered).
        const l = this.live.get(cloudId);
        if (l?.session !== session) return;
        this.applyRegion(l);
        this.emit(cloudId);
      },
    });
    const t0 = Date.now();
    await session.connect();
    this.opts.log?.(`session ${cloud.name}: token issued in ${Date.now() - t0} ms`);
    if (remember && password) this.opts.clouds.rememberSecret(cloudId, password);
    const previous = this.live.get(cloudId);
    const l: Live = { cloud, session, wanted: this.opts.regions?.get(cloudId) ?? session.selection.region };
    this.applyRegion(l);
    this.live.set(cloudId, l);
    if (previous) void previous.session.close();
    this.emit(cloudId);
    return this.info(cloudId);
  }

  private storedSecret(cloud: StoredCloud): string | undefined {
    try {
      return this.opts.clouds.secret(cloud.id);
    } catch {
      return undefined; // undecryptable: ask again, the new secret replaces it
    }
  }

  async disconnect(cloudId: string): Promise<void> {
    const l = this.live.get(cloudId);
    if (!l) return;
    this.live.delete(cloudId);
    await l.session.close();
    this.opts.emit('session:changed', { cloudId, session: null });
  }

  isConnected(cloudId: string): boolean {
    return this.live.has(cloudId);
  }

  list(): SessionInfo[] {
    return [...this.live.keys()].map((id) => this.info(id));
  }

  /** The live session or NOT_CONNECTED naming the cloud. */
  private get(cloudId: string): Live {
    const l = this.live.get(cloudId);
    if (!l) {
      let name = cloudId;
      try {
        name = this.opts.clouds.get(cloudId).name;
      } catch {
        /* unknown id: keep it */
      }
      throw new AppError('NOT_CONNECTED', `Cloud "${name}" is not connected.`, 'Connect to the cloud first.', {
        cloudId,
      });
    }
    return l;
  }

  /** The authenticated client for a connected cloud (topology, metadata, ...). */
  client(cloudId: string): ServiceClient {
    return this.get(cloudId).session.client();
  }

  /** The Keystone session itself (tests, diagnostics). */
  keystone(cloudId: string): KeystoneSession {
    return this.get(cloudId).session;
  }

  info(cloudId: string): SessionInfo {
    const { cloud, session, fallback } = this.get(cloudId);
    return { ...toSessionInfo(cloud, session.auth, session), ...(fallback ? { regionFallback: fallback } : {}) };
  }

  /** The projects the user can switch to. */
  async projects(cloudId: string): Promise<ProjectRef[]> {
    const list = await this.get(cloudId).session.projects();
    return list
      .filter((p) => p.enabled !== false)
      .map((p) => ({ id: p.id, name: p.name, domainId: p.domainId }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Re-scopes with the same credentials. Application credentials are bound to one project: refused. */
  async switchProject(cloudId: string, projectId: string): Promise<SessionInfo> {
    const { cloud, session } = this.get(cloudId);
    if (cloud.authType === 'v3applicationcredential') {
      const current = session.auth.scope.kind === 'project' ? ` (${session.auth.scope.name})` : '';
      throw new AppError(
        'INVALID_ARGUMENT',
        `Cloud "${cloud.name}" uses an application credential, which is bound to the project it was created in${current}.`,
        'Create an application credential in the other project and add it as another cloud.',
        { cloudId },
      );
    }
    await session.rescope({ kind: 'project', id: projectId });
    return this.info(cloudId);
  }

  /**
   * Re-points the cloud's session at another region of its catalog (by name: main alone maps it to
   * endpoint URLs) and remembers the choice for the next connect.
   */
  switchRegion(cloudId: string, region: string): SessionInfo {
    const l = this.get(cloudId);
    const { cloud, session } = l;
    session.selectRegion(region);
    l.wanted = region;
    l.fallback = undefined;
    this.opts.regions?.set(cloudId, region);
    this.opts.log?.(`session ${cloud.name}: region ${region}`);
    this.emit(cloudId);
    return this.info(cloudId);
  }

  /** Drops the remembered region (the cloud is removed, or its configured region was edited). */
  forgetRegion(cloudId: string): void {
    this.opts.regions?.forget(cloudId);
  }

  /**
   * Works in the wanted region while the catalog offers it; otherwise falls back (region-fallback.ts)
   * and keeps the wish, so the project whose catalog has it again goes back there.
   */
  private applyRegion(l: Live): void {
    const offered = l.session.regions().map((r) => r.name);
    const pick = pickRegion(offered, l.wanted, selectionFor(storedToConfig(l.cloud)).region);
    if (pick.region && pick.region !== l.session.selection.region) l.session.selectRegion(pick.region);
    if (pick.fallback && pick.fallback.region !== l.fallback?.region)
      this.opts.log?.(
        `session ${l.cloud.name}: region ${pick.fallback.wanted} is not offered by this catalog; using ${pick.fallback.region}`,
      );
    l.fallback = pick.fallback;
  }

  /** Disconnects everything (app quit). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.live.keys()].map((id) => this.disconnect(id)));
  }

  private emit(cloudId: string): void {
    try {
      this.opts.emit('session:changed', { cloudId, session: this.info(cloudId) });
    } catch (err) {
      this.opts.log?.(`session:changed for ${cloudId} not sent: ${(err as Error).message}`);
    }
  }
}

/** The secret-free view of a session. */
export function toSessionInfo(cloud: StoredCloud, auth: AuthToken, session: KeystoneSession): SessionInfo {
  const types = [...new Set(auth.catalog.map((s) => s.type))].sort();
  const roles = auth.roles.map((r) => r.name);
  const services = describeEndpoints(auth.catalog, types, session.selection);
  return {
    cloudId: cloud.id,
    cloudName: cloud.name,
    user: { id: auth.user.id, name: auth.user.name, domain: auth.user.domain?.name },
    scope:
      auth.scope.kind === 'project'
        ? { kind: 'project', id: auth.scope.id, name: auth.scope.name, domain: auth.scope.domain?.name }
        : auth.scope,
    roles,
    isAdmin: isAdminRoles(roles),
    region: session.selection.region ?? services.find((s) => s.region)?.region,
    regions: session.regions(),
    interface: session.selection.interface,
    expiresAt: auth.expiresAt.toISOString(),
    services,
  };
}
