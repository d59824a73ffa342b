/**
 * The authenticated JSON client every feature uses to talk to an OpenStack service: endpoint from
 * the session's catalog, X-Auth-Token, one re-authentication on 401, errors mapped to AppError
 * with the service's own message (never a header, token or query string).
 */
import { AppError } from '../errors';
import type { ErrorCode } from '@shared/errors';
import { httpRequest, redactUrl, type TlsOptions } from './http';

export type ServiceType = 'identity' | 'network' | 'compute';
export type Query = Record<string, string | number | boolean | ReadonlyArray<string | number> | undefined>;

export interface ServiceRequest {
  method?: string;
  query?: Query;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Compute API microversion, e.g. '2.79' (sent as OpenStack-API-Version and X-OpenStack-Nova-API-Version). */
  microversion?: string;
}

export interface ServiceResponse<T> {
  status: number;
  headers: Record<string, string>;
  data: T;
  url: string;
}

export interface ServiceClient {
  /**
   * JSON request to a catalog service at the session's interface/region. `path` is relative to the
   * service's versioned API root (identity: `.../v3`, network: `.../v2.0`, compute: the catalog URL,
   * e.g. `.../v2.1`), so callers write `ports`, `servers/detail`, `auth/projects`; or an absolute URL
   * (next links), which must be on the endpoint's origin. Re-authenticates and retries ONCE on 401.
   * Non-2xx -> AppError (401 AUTH_FAILED, 403 FORBIDDEN, 404 NOT_FOUND, else SERVICE_ERROR) with
   * status + URL (no query) in details and the service's own error message.
   */
  request<T = unknown>(service: ServiceType, path: string, req?: ServiceRequest): Promise<ServiceResponse<T>>;
  /** The service's versioned API root; throws NO_ENDPOINT naming type/interface/region. */
  endpoint(service: ServiceType): string;
  hasService(service: ServiceType): boolean;
  /** Counts HTTP calls (retries included), for benchmarks and the topology's stats. */
  readonly stats: { calls: number };
}

/** Where tokens come from: the session (keystone.ts) renews before expiry and after a 401. */
export interface TokenSource {
  /** A token that is valid for at least the renewal margin. */
  token(): Promise<string>;
  /** After a 401 with `refused`: re-authenticate (unless already done since) and return the new token. */
  renew(refused: string): Promise<string>;
}

/** Catalog lookups at the session's interface / region. */
export interface EndpointResolver {
  /** The catalog URL, or throws NO_ENDPOINT naming type / interface / region. */
  endpointUrl(service: ServiceType): string;
  has(service: ServiceType): boolean;
}

export interface ServiceClientOptions {
  tokens: TokenSource;
  endpoints: EndpointResolver;
  tls?: TlsOptions;
  timeoutMs?: number;
  userAgent?: string;
}

const VERSION_SUFFIX: Record<ServiceType, string | undefined> = { identity: 'v3', network: 'v2.0', compute: undefined };

/** Normalises a catalog URL to the API root callers' paths are relative to (no trailing slash). */
export function apiRoot(service: ServiceType, catalogUrl: string): string {
  const base = catalogUrl.replace(/\/+$/, '');
  const version = VERSION_SUFFIX[service];
  if (!version || base.endsWith(`/${version}`)) return base;
  return `${base}/${version}`;
}

/** Appends the query; array values repeat the key (`?device_owner=a&device_owner=b`), undefined is skipped. */
export function buildUrl(root: string, path: string, query?: Query): URL {
  const url = /^https?:\/\//i.test(path) ? new URL(path) : new URL(`${root}/${path.replace(/^\/+/, '')}`);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value as string | number | boolean];
    for (const v of values) url.searchParams.append(key, String(v));
  }
  return url;
}

/** The service's own error text from the usual OpenStack error bodies (neutron, nova, keystone, webob). */
export function serviceErrorMessage(body: Buffer, contentType = ''): string | undefined {
  const text = body.toString('utf8').trim();
  if (!text) return undefined;
  if (contentType.includes('json') || text.startsWith('{')) {
    try {
      const json = JSON.parse(text) as Record<string, unknown>;
      const pick = (o: unknown): string | undefined => {
        if (!o || typeof o !== 'object') return undefined;
        const r = o as Record<string, unknown>;
        for (const k of ['message', 'detail', 'title', 'faultstring']) {
          if (typeof r[k] === 'string' && r[k]) return r[k] as string;
        }
        return undefined;
      };
      // {"NeutronError": {...}}, {"itemNotFound": {...}}, {"error": {...}}, or flat {"message": ...}
      const direct = pick(json);
      if (direct) return direct;
      for (const v of Object.values(json)) {
        const nested = pick(v);
        if (nested) return nested;
      }
    } catch {
      /* not JSON after all: fall through to text */
    }
  }
  if (/^\s*<(!doctype|html)/i.test(text)) {
    const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1] ?? /<h1>([^<]*)<\/h1>/i.exec(text)?.[1];
    return title?.trim() || 'an HTML page';
  }
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 3)
    .join(' ')
    .slice(0, 300);
}

const STATUS_CODES: Record<number, ErrorCode> = { 401: 'AUTH_FAILED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' };

const HINTS: Partial<Record<ErrorCode, string>> = {
  AUTH_FAILED:
    'The service refused a freshly issued token: check the cloud credentials and that the service trusts this Keystone.',
  FORBIDDEN:
    'Your roles in this scope do not allow this call: switch to a project where you have the role, or ask an admin.',
  NOT_FOUND: 'The resource does not exist in this project, or the service endpoint URL in the catalog is wrong.',
  SERVICE_ERROR: 'See the service message; the request id in details finds it in the service log.',
};

/** Builds the AppError for a non-2xx answer. */
export function httpStatusError(
  service: ServiceType,
  method: string,
  url: string,
  status: number,
  headers: Record<string, string>,
  body: Buffer,
): AppError {
  const code = STATUS_CODES[status] ?? 'SERVICE_ERROR';
  const where = redactUrl(url);
  const said = serviceErrorMessage(body, headers['content-type']);
  const requestId = headers['x-openstack-request-id'] ?? headers['x-compute-request-id'];
  return new AppError(
    code,
    `${service} answered ${status} to ${method} ${where}${said ? `: ${said}` : ''}`,
    HINTS[code],
    {
      status,
      url: where,
      service,
      method,
      ...(requestId ? { requestId } : {}),
    },
  );
}

/** Creates the client; endpoints and tokens are read on every call, so re-scoping is picked up. */
export function createServiceClient(options: ServiceClientOptions): ServiceClient {
  const stats = { calls: 0 };
  const endpoint = (service: ServiceType): string => apiRoot(service, options.endpoints.endpointUrl(service));

  async function send(service: ServiceType, url: URL, req: ServiceRequest, token: string) {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': options.userAgent ?? 'StackLens',
      ...req.headers,
      'x-auth-token': token,
    };
    let body: string | undefined;
    if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers['content-type'] = 'application/json';
    }
    if (req.microversion && service === 'compute') {
      headers['openstack-api-version'] = `compute ${req.microversion}`;
      headers['x-openstack-nova-api-version'] = req.microversion;
    }
    stats.calls++;
    return httpRequest({
      url: url.toString(),
      method: req.method ?? 'GET',
      headers,
      body,
      tls: options.tls,
      timeoutMs: options.timeoutMs,
    });
  }

  async function request<T>(service: ServiceType, path: string, req: ServiceRequest = {}): Promise<ServiceResponse<T>> {
    const root = endpoint(service);
    const url = buildUrl(root, path, req.query);
    if (url.origin !== new URL(root).origin) {
      throw new AppError(
        'SERVICE_ERROR',
        `${service} returned a link to ${url.origin}, which is not its endpoint ${new URL(root).origin}.`,
        "The service's advertised URL differs from the catalog endpoint (check its public endpoint / proxy settings).",
        { url: redactUrl(url.toString()), service },
      );
    }
    const method = (req.method ?? 'GET').toUpperCase();
    let token = await options.tokens.token();
    let res = await send(service, url, req, token);
    if (res.status === 401) {
      token = await options.tokens.renew(token);
      res = await send(service, url, req, token);
    }
    if (res.status < 200 || res.status >= 300)
      throw httpStatusError(service, method, res.url, res.status, res.headers, res.body);
    let data: unknown = undefined;
    if (res.body.length > 0 && res.status !== 204) {
      try {
        data = JSON.parse(res.body.toString('utf8'));
      } catch {
        throw new AppError(
          'SERVICE_ERROR',
          `${service} answered ${method} ${redactUrl(res.url)} with a body that is not JSON.`,
          'The catalog endpoint may point at a proxy or web page instead of the API.',
          { status: res.status, url: redactUrl(res.url), service },
        );
      }
    }
    return { status: res.status, headers: res.headers, data: data as T, url: res.url };
  }

  return {
    request,
    endpoint,
    hasService: (service) => options.endpoints.has(service),
    stats,
  };
}
