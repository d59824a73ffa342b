/**
 * Per-instance lookups shared by the app's IPC service and the CLI: the plan with every path
 * resolved, the documents the instance sees through one resolution, and what Nova's compute API
 * offers when no shared secret is at hand.
 */
import type {
  InstanceLookup,
  MetadataDocument,
  MetadataFetchResult,
  NovaApiView,
  PathResolution,
  ResolveRequest,
  Visibility,
} from '@shared/models/metadata';
import { errorCodes, type ErrorCode } from '@shared/errors';
import { AppError } from '../errors';
import { redactUrl } from '../openstack/http';
import type { ServiceClient } from '../openstack/service-client';
import { resolvePlan } from './instance-lookup';
import { planInstanceLookup } from './lookup-plan';
import { asText, fetchMetadataTrees, toDocument } from './metadata-fetcher';
import { forwardToNova, type NovaMetadataTarget } from './nova-metadata-client';
import type { Resolver } from './resolver';

/** nova-api-metadata's default port (the agent's nova_metadata_port). */
export const NOVA_METADATA_PORT = 8775;

export interface LookupContext {
  cloudId: string;
  client: ServiceClient;
  resolver: Resolver;
  /** 'cloud' for admin sessions. */
  view?: Visibility;
}

/**
 * nova-api-metadata is rarely in the catalog: suggest the compute endpoint's host on port 8775
 * (same scheme), which is where it runs on most deployments.
 */
export function suggestNovaMetadataUrl(client: Pick<ServiceClient, 'endpoint' | 'hasService'>): string | undefined {
  if (!client.hasService('compute')) return undefined;
  try {
    const u = new URL(client.endpoint('compute'));
    return `${u.protocol}//${u.hostname}:${NOVA_METADATA_PORT}`;
  } catch {
    return undefined;
  }
}

/** The plan and each path's resolution (canFetch is decided by the caller, which knows the config). */
export async function lookupInstance(
  ctx: LookupContext,
  instanceId: string,
): Promise<Omit<InstanceLookup, 'canFetch' | 'missing'>> {
  const plan = await planInstanceLookup(ctx.client, ctx.cloudId, instanceId, ctx.view);
  const resolutions = await resolvePlan(plan, ctx.resolver);
  return { plan, resolutions };
}

/** The first resolution that lands on the instance, else the first that resolves at all. */
export function chooseResolution(resolutions: PathResolution[]): PathResolution | undefined {
  return resolutions.find((r) => r.landsOnInstance) ?? resolutions.find((r) => r.trace.outcome.kind === 'resolved');
}

/** Resolves `via` and returns the identity nova will be asked as, or throws why it cannot. */
export async function identityFor(
  resolver: Resolver,
  via: ResolveRequest,
): Promise<{ instanceId: string; projectId: string }> {
  const trace = await resolver.resolve(via);
  const o = trace.outcome;
  if (o.kind === 'resolved') return { instanceId: o.instanceId, projectId: o.projectId };
  if (o.kind === 'not-found')
    throw new AppError(
      'NOT_FOUND',
      o.reason,
      'The agent would answer 404 without asking nova: nothing to fetch through this path.',
    );
  if (o.kind === 'refused')
    throw new AppError(o.code === 'UNSAFE_REFUSED' ? 'UNSAFE_REFUSED' : 'INVALID_ARGUMENT', o.reason, o.agentBehaviour);
  const code = (errorCodes as readonly string[]).includes(o.code) ? (o.code as ErrorCode) : 'INTERNAL';
  throw new AppError(code, o.message, o.hint);
}

/** Every document the instance sees through `via`, fetched from nova as the agent would. */
export async function fetchInstanceDocuments(
  resolver: Resolver,
  target: NovaMetadataTarget,
  via: ResolveRequest,
  options: { ec2?: boolean; concurrency?: number } = {},
): Promise<MetadataFetchResult> {
  const t0 = performance.now();
  const who = await identityFor(resolver, via);
  const get = (pathAndQuery: string) =>
    forwardToNova(target, { method: 'GET', pathAndQuery, forwardedFor: via.ip, ...who });
  const trees = await fetchMetadataTrees(get, { url: redactUrl(target.url), ...who }, options);
  return {
    via,
    ...who,
    novaUrl: redactUrl(target.url),
    versions: trees.versions,
    documents: trees.documents,
    requests: trees.requests,
    durationMs: Math.round(performance.now() - t0),
  };
}

/** One path (e.g. /openstack/latest/user_data) as the instance would get it, whatever the status. */
export async function fetchOneDocument(
  resolver: Resolver,
  target: NovaMetadataTarget,
  via: ResolveRequest,
  path: string,
): Promise<MetadataDocument & { instanceId: string; projectId: string }> {
  const who = await identityFor(resolver, via);
  const answer = await forwardToNova(target, { method: 'GET', pathAndQuery: path, forwardedFor: via.ip, ...who });
  return { ...toDocument(path.startsWith('/openstack') ? 'openstack' : 'ec2', path, answer), ...who };
}

/**
 * What Nova's compute API offers without the metadata secret: the server's metadata (any member
 * of its project) and, for admins, user_data via microversion 2.3 (OS-EXT-SRV-ATTR:user_data).
 */
export async function novaApiView(client: ServiceClient, instanceId: string): Promise<NovaApiView> {
  const id = encodeURIComponent(instanceId);
  const view: NovaApiView = { instanceId, serverMetadata: null, userDataNote: '' };
  try {
    const res = await client.request<{ metadata: Record<string, string> }>('compute', `servers/${id}/metadata`);
    view.serverMetadata = res.data.metadata ?? {};
  } catch (err) {
    view.serverMetadataError = err instanceof Error ? err.message : String(err);
  }
  try {
    const res = await client.request<{ server: Record<string, unknown> }>('compute', `servers/${id}`, {
      microversion: '2.3',
    });
    const raw = res.data.server['OS-EXT-SRV-ATTR:user_data'];
    if (!('OS-EXT-SRV-ATTR:user_data' in res.data.server)) {
      view.userData = null;
      view.userDataNote =
        'Only admins see user_data through the compute API (microversion 2.3, OS-EXT-SRV-ATTR:user_data); this session is not admin.';
    } else if (typeof raw !== 'string' || raw === '') {
      view.userData = null;
      view.userDataNote = 'The instance has no user_data.';
    } else {
      const bytes = Buffer.from(raw, 'base64');
      const text = asText(bytes);
      view.userData = { base64: bytes.toString('base64'), size: bytes.length, ...(text !== undefined ? { text } : {}) };
      view.userDataNote =
        'From OS-EXT-SRV-ATTR:user_data (microversion 2.3), base64-decoded: the same bytes the metadata service serves.';
    }
  } catch (err) {
    view.userData = null;
    view.userDataNote = `The compute API did not return the server: ${err instanceof Error ? err.message : String(err)}`;
  }
  return view;
}
