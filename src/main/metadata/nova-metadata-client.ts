/**
 * Forwards one metadata request to nova-api-metadata the way neutron-metadata-agent does
 * (`_proxy_request`): exactly X-Forwarded-For, X-Instance-ID, X-Tenant-ID and
 * X-Instance-ID-Signature (nothing from the instance's request), method, path, query and body
 * passed through, and nova's status, headers and body bytes returned untouched (never
 * decompressed or re-encoded: gzip or binary user_data stays byte-exact).
 */
import { AppError } from '../errors';
import { httpRequest, redactUrl, type TlsOptions } from '../openstack/http';
import { signInstanceId } from './signer';

/** The agent's default since 2024.1 (`timeout=60` in `requests.request`). */
export const DEFAULT_NOVA_TIMEOUT_MS = 60_000;

/** Where and how to reach nova-api-metadata (the agent's nova_metadata_* options). */
export interface NovaMetadataTarget {
  /** Base URL, e.g. http://controller:8775 (a path prefix, if any, is kept). */
  url: string;
  /** metadata_proxy_shared_secret. Never logged, never in an error. */
  secret: string;
  /** verify=false is nova_metadata_insecure; cacert is auth_ca_cert; cert/key are nova_client_cert/priv_key. */
  tls?: TlsOptions;
  timeoutMs?: number;
  /** Largest document accepted from nova (default 16 MiB; nova caps user_data at 64 KiB). */
  maxBodyBytes?: number;
}

export interface ForwardRequest {
  method: string;
  /** Path and query as the instance asked, e.g. /openstack/latest/meta_data.json?x=1. */
  pathAndQuery: string;
  body?: Buffer | string;
  /** The original X-Forwarded-For (still ::ffff:… for an IPv4-mapped client). */
  forwardedFor: string;
  instanceId: string;
  projectId: string;
}

export interface NovaAnswer {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: Buffer;
}

/** The URL the request goes to: the target's origin and path prefix + the instance's path and query. */
export function novaRequestUrl(baseUrl: string, pathAndQuery: string): string {
  if (!pathAndQuery.startsWith('/') || /[\r\n\s]/.test(pathAndQuery)) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `"${pathAndQuery.slice(0, 80)}" is not a request path.`,
      'Paths start with / and contain no spaces or line breaks.',
    );
  }
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw new AppError(
      'CONFIG_INVALID',
      `The nova metadata URL "${baseUrl.slice(0, 120)}" is not a URL.`,
      "Set it in the cloud's metadata settings, e.g. http://controller:8775.",
    );
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new AppError(
      'CONFIG_INVALID',
      `The nova metadata URL must be http:// or https:// (got ${base.protocol}).`,
      "The agent's nova_metadata_protocol is http or https.",
    );
  }
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}${pathAndQuery}`;
}

/** The four headers the agent writes, nothing else. */
export function agentHeaders(
  secret: string,
  req: Pick<ForwardRequest, 'forwardedFor' | 'instanceId' | 'projectId'>,
): Record<string, string> {
  return {
    'X-Forwarded-For': req.forwardedFor,
    'X-Instance-ID': req.instanceId,
    'X-Tenant-ID': req.projectId,
    'X-Instance-ID-Signature': signInstanceId(secret, req.instanceId),
  };
}

/**
 * Sends the request. Any HTTP status is an answer; only transport failures throw:
 * AppError UNREACHABLE / TLS_ERROR / CONFIG_INVALID naming the URL and the option to fix.
 */
export async function forwardToNova(target: NovaMetadataTarget, req: ForwardRequest): Promise<NovaAnswer> {
  const url = novaRequestUrl(target.url, req.pathAndQuery);
  try {
    const res = await httpRequest({
      url,
      method: req.method,
      headers: agentHeaders(target.secret, req),
      body: req.body !== undefined && req.body.length > 0 ? req.body : undefined,
      tls: target.tls,
      timeoutMs: target.timeoutMs ?? DEFAULT_NOVA_TIMEOUT_MS,
      maxBodyBytes: target.maxBodyBytes,
    });
    return { status: res.status, headers: res.headers, body: res.body };
  } catch (err) {
    throw explainTransportError(err, target);
  }
}

/** Adds what to check in StackLens's metadata settings to a transport failure. */
function explainTransportError(err: unknown, target: NovaMetadataTarget): unknown {
  if (!(err instanceof AppError)) return err;
  const where = redactUrl(target.url);
  if (err.code === 'UNREACHABLE') {
    return new AppError(
      'UNREACHABLE',
      `nova-api-metadata could not be reached at ${where}: ${err.message}`,
      "Check the cloud's nova metadata URL (the agent's nova_metadata_host / nova_metadata_port, usually port 8775 on a controller) and that this machine can reach it.",
      { ...err.details, url: where, option: 'novaMetadataUrl' },
    );
  }
  if (err.code === 'TLS_ERROR') {
    return new AppError(
      'TLS_ERROR',
      `TLS to nova-api-metadata at ${where} failed: ${err.message}`,
      target.tls?.cacert
        ? `The CA file ${target.tls.cacert} does not verify nova's certificate: set the metadata TLS "CA certificate" to the bundle that signed it (agent: auth_ca_cert), or turn verification off for a lab (nova_metadata_insecure).`
        : 'Set the metadata TLS "CA certificate" (agent: auth_ca_cert) to the bundle that signed nova\'s certificate, or turn verification off for a lab (nova_metadata_insecure). If nova speaks plain http, use an http:// URL.',
      { ...err.details, url: where, option: 'tls' },
    );
  }
  return err;
}
