/**
 * The metadata feature as main's IPC routes use it: per-cloud config, the agent's resolution,
 * per-instance lookups and documents. One resolver per connected cloud (rebuilt when the session
 * or the cache setting changes); visibility follows the session's admin role.
 */
import type {
  InstanceLookup,
  LookupPlan,
  MetadataConfigView,
  MetadataFetchResult,
  NovaApiView,
  ResolveRequest,
  ResolveTrace,
  Visibility,
  NetworkBackendInfo,
} from '@shared/models/metadata';
import { AppError } from '../errors';
import type { ServiceClient } from '../openstack/service-client';
import type { MetadataConfigSaveInput, MetadataConfigStore } from './metadata-config';
import { fetchInstanceDocuments, lookupInstance, novaApiView, suggestNovaMetadataUrl } from './metadata-lookup';
import { planInstanceLookup } from './lookup-plan';
import { detectBackend } from './backend-detect';
import { createResolver, type Resolver } from './resolver';
import { visibilityFor } from '../sessions/access';

/** What the service needs of the session manager. */
export interface SessionSource {
  client(cloudId: string): ServiceClient;
  info(cloudId: string): { isAdmin: boolean; cloudName: string };
  isConnected(cloudId: string): boolean;
}

export interface MetadataServiceOptions {
  sessions: SessionSource;
  config: MetadataConfigStore;
  /** Most cached lookups per cloud when the cache is on. */
  cacheMax?: number;
}

export class MetadataService {
  private readonly resolvers = new Map<string, { client: ServiceClient; ttl: number; resolver: Resolver }>();

  constructor(private readonly opts: MetadataServiceOptions) {}

  private view(cloudId: string): Visibility {
    return visibilityFor(this.opts.sessions.info(cloudId).isAdmin);
  }

  /** The cloud's resolver, bound to its current session client. */
  resolver(cloudId: string): Resolver {
    const client = this.opts.sessions.client(cloudId);
    const ttl = this.opts.config.cacheTtlMs(cloudId);
    const cur = this.resolvers.get(cloudId);
    if (cur && cur.client === client && cur.ttl === ttl) return cur.resolver;
    const resolver = createResolver({
      client,
      cache: ttl > 0 ? { ttlMs: ttl, max: this.opts.cacheMax ?? 10_000 } : undefined,
      visibility: () => (this.opts.sessions.isConnected(cloudId) ? this.view(cloudId) : undefined),
    });
    this.resolvers.set(cloudId, { client, ttl, resolver });
    return resolver;
  }

  getConfig(cloudId: string): MetadataConfigView {
    let suggested: string | undefined;
    if (this.opts.sessions.isConnected(cloudId)) suggested = suggestNovaMetadataUrl(this.opts.sessions.client(cloudId));
    return this.opts.config.view(cloudId, suggested);
  }

  saveConfig(input: MetadataConfigSaveInput): MetadataConfigView {
    this.opts.config.save(input);
    return this.getConfig(input.cloudId);
  }

  resolve(cloudId: string, req: ResolveRequest): Promise<ResolveTrace> {
    return this.resolver(cloudId).resolve(req);
  }

  plan(cloudId: string, instanceId: string): Promise<LookupPlan> {
    return planInstanceLookup(
      this.opts.sessions.client(cloudId),
      cloudId,
      instanceId,
      this.view(cloudId),
      this.opts.config.backend(cloudId),
    );
  }

  /** The cloud's networking backend as detected now (three small Neutron calls), with the override. */
  backend(cloudId: string): Promise<NetworkBackendInfo> {
    return detectBackend(this.opts.sessions.client(cloudId), this.opts.config.backend(cloudId));
  }

  async lookup(cloudId: string, instanceId: string): Promise<InstanceLookup> {
    const client = this.opts.sessions.client(cloudId);
    const result = await lookupInstance(
      { cloudId, client, resolver: this.resolver(cloudId), view: this.view(cloudId) },
      instanceId,
    );
    const missing = this.missing(cloudId);
    return { ...result, canFetch: !missing, ...(missing ? { missing } : {}) };
  }

  /** What stops documents from being fetched, in one sentence, or undefined. */
  private missing(cloudId: string): string | undefined {
    const v = this.opts.config.view(cloudId);
    if (!v.novaMetadataUrl && !v.hasSecret)
      return 'Neither the nova metadata URL nor the shared secret is set for this cloud.';
    if (!v.novaMetadataUrl) return 'The nova metadata URL is not set for this cloud.';
    if (!v.hasSecret)
      return 'No metadata shared secret is stored for this cloud (nova.conf [neutron] metadata_proxy_shared_secret).';
    return undefined;
  }

  async fetch(cloudId: string, via: ResolveRequest, options: { ec2?: boolean } = {}): Promise<MetadataFetchResult> {
    if (!via.routerId === !via.networkId) {
      throw new AppError(
        'INVALID_ARGUMENT',
        'Fetch through exactly one path: a router id or a network id.',
        'Pick one of the resolved paths.',
      );
    }
    const cloudName = this.opts.sessions.isConnected(cloudId) ? this.opts.sessions.info(cloudId).cloudName : cloudId;
    const target = this.opts.config.target(cloudId, cloudName);
    return fetchInstanceDocuments(this.resolver(cloudId), target, via, options);
  }

  novaApi(cloudId: string, instanceId: string): Promise<NovaApiView> {
    return novaApiView(this.opts.sessions.client(cloudId), instanceId);
  }
}
