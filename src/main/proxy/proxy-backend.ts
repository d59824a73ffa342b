/**
 * What a listener needs from the rest of main: the resolver (neutron-metadata-agent resolution)
 * and the nova metadata client (signs and forwards). Injected, so the server core is tested with
 * real sockets against fakes and runs against the real resolver and nova in the app.
 */
import type { ResolveRequest, ResolveTrace } from '@shared/models/metadata';

/** One request to forward to nova-api-metadata, as the agent's _proxy_request builds it. */
export interface NovaForward {
  method: string;
  pathAndQuery: string;
  body?: Buffer;
  /** Sent as X-Forwarded-For, unmodified (the agent forwards the original string). */
  forwardedFor: string;
  instanceId: string;
  projectId: string;
}

/** Nova's answer. */
export interface NovaAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer | Uint8Array | string;
}

export interface ProxyBackend {
  /** Resolves (IP, router | network) to an instance; errors come back as outcome 'error' or a throw. */
  resolve(request: ResolveRequest, options?: { skipCache?: boolean }): Promise<ResolveTrace>;
  /** Signs and forwards; throws AppError UNREACHABLE when nova cannot be reached. */
  forward(request: NovaForward): Promise<NovaAnswer>;
  /** True when resolve() may answer from a cache: enables the re-resolve on nova 404 (LP #1868867). */
  readonly cached: boolean;
}

/** Builds the backend for a listener (its cloud, cache on or off). */
export type ProxyBackendFactory = (cloudId: string, options: { useCache: boolean }) => Promise<ProxyBackend>;
