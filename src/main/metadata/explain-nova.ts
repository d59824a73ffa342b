/**
 * nova-api-metadata's answers in the admin's terms (docs/metadata-spec.md §5.2, §8): what a 400, 403,
 * 404, 409 or 5xx means for a request StackLens signed like the agent.
 */
import type { ErrorCode } from '@shared/errors';
import { AppError } from '../errors';

export interface NovaContext {
  url: string;
  path: string;
  instanceId: string;
  projectId: string;
}

/** nova's own first line of text (its webob bodies are short HTML or text), for the message. */
export function novaSaid(body: Buffer): string | undefined {
  const text = body
    .toString('utf8')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text ? text.slice(0, 200) : undefined;
}

/** The explanation of a non-200 answer as an AppError, or null for 2xx. */
export function explainNovaStatus(status: number, body: Buffer, ctx: NovaContext): AppError | null {
  if (status >= 200 && status < 300) return null;
  const said = novaSaid(body);
  const quoted = said ? ` (nova said: "${said}")` : '';
  const details = { status, url: ctx.url, path: ctx.path, instanceId: ctx.instanceId, projectId: ctx.projectId };
  const make = (code: ErrorCode, message: string, hint: string) => new AppError(code, message, hint, details);
  switch (status) {
    case 403:
      return make(
        'FORBIDDEN',
        `nova-api-metadata rejected the signature (403)${quoted}: the shared secret stored for this cloud differs from nova's.`,
        "Store the same value as nova.conf [neutron] metadata_proxy_shared_secret (and metadata_agent.ini metadata_proxy_shared_secret) in this cloud's metadata settings.",
      );
    case 404:
      return make(
        'NOT_FOUND',
        `nova-api-metadata answered 404 for ${ctx.path}${quoted}: nova has no instance ${ctx.instanceId} in project ${ctx.projectId}, ` +
          'or the instance belongs to another project than the port, or the port resolves to a device that is not an instance (router, DHCP).',
        "Check that the port's device_id is a live instance of that project (openstack server show). If every instance gets 404, nova may not be in service_metadata_proxy mode: it then looks the caller up by its own address.",
      );
    case 400:
      return make(
        'SERVICE_ERROR',
        `nova-api-metadata answered 400 for ${ctx.path}${quoted}: it did not accept the proxy headers.`,
        'nova is probably not in proxy mode: set [neutron] service_metadata_proxy = true in nova.conf and restart nova-api-metadata (a typo in that option is a classic cause).',
      );
    case 409:
      return make(
        'CONFLICT',
        `nova-api-metadata answered 409 for ${ctx.path}${quoted}: the password is already set.`,
        'nova stores the instance password once; clear it with `nova clear-password` first.',
      );
    default:
      return make(
        'SERVICE_ERROR',
        `nova-api-metadata answered ${status} for ${ctx.path}${quoted}.`,
        status >= 500
          ? "See nova-api-metadata's log on the controller for the traceback."
          : 'The agent relays this status to the instance.',
      );
  }
}

/** One short line for a document whose status is expected (user_data 404 = none set...). */
export function documentNote(path: string, status: number): string | undefined {
  if (status === 200) return undefined;
  if (status === 404 && /\/user_data$|\/user-data$/.test(path))
    return 'No user_data is set for this instance (nova answers 404 then).';
  if (status === 404 && /vendor_data\.json$/.test(path))
    return "nova's vendordata_providers does not include StaticJSON.";
  if (status === 404) return 'nova has no such document for this instance or version.';
  return undefined;
}
