/**
 * The one HTTP primitive of main: undici requests with per-TLS-option agents (keep-alive), a
 * timeout, and network / certificate failures mapped to AppError. Request headers (tokens!) and
 * query strings never appear in an error.
 */
import { MAX_PEM_BYTES, readCappedFile } from '../read-capped';
import { Agent, request, type Dispatcher } from 'undici';
import type { IncomingHttpHeaders } from 'node:http';
import { AppError } from '../errors';

/** TLS settings of a cloud (clouds.yaml `verify`, `cacert`, `cert`, `key`). */
export interface TlsOptions {
  /** false = accept any certificate (clouds.yaml `verify: false` / `insecure: true`). */
  verify: boolean;
  /** Path of a PEM bundle of CA certificates to trust. */
  cacert?: string;
  /** Path of a PEM client certificate. */
  cert?: string;
  /** Path of the PEM private key of `cert`. */
  key?: string;
}

export interface HttpRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  tls?: TlsOptions;
  /** Whole-request timeout (connect + headers + body). Default 30 s. */
  timeoutMs?: number;
  /** The caller's cancellation; an abort rethrows the signal's reason untouched. */
  signal?: AbortSignal;
  /** Largest response body accepted (default 16 MiB): a hostile server cannot fill main's memory. */
  maxBodyBytes?: number;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  url: string;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
/** The cap on an API response body (Keystone catalogs and Neutron pages are far smaller). */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

function tooLarge(url: string, limit: number, declared?: number): AppError {
  const mib = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`;
  const what =
    declared !== undefined
      ? `announced a ${mib(declared)} body, over the ${mib(limit)} limit; it was not read`
      : `sent more than the ${mib(limit)} limit; the rest was not read`;
  return new AppError(
    'SERVICE_ERROR',
    `${redactUrl(url)} ${what}.`,
    'A body that large is not an OpenStack answer: check that the URL points at the right service.',
    { url: redactUrl(url), limit },
  );
}

/**
 * Reads a response body up to `limit` bytes: a Content-Length over it is refused before reading,
 * and a body that grows past it is cut off (the connection is dropped, not drained).
 */
async function readCapped(
  body: Dispatcher.ResponseData['body'],
  headers: IncomingHttpHeaders,
  url: string,
  limit: number,
): Promise<Buffer> {
  // Cutting the transfer short makes undici abort the body: that is expected, not an error.
  const stop = () => {
    body.on('error', () => undefined);
    body.destroy();
  };
  const declared = Number(headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    stop();
    throw tooLarge(url, limit, declared);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += (chunk as Buffer).length;
    if (total > limit) {
      stop();
      throw tooLarge(url, limit);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, total);
}

/** Agents by TLS option set; a promise, so concurrent first requests read the PEM files once. */
const agents = new Map<string, Promise<Agent>>();

/** The URL without credentials, query or fragment: what an error message may name. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

async function readPem(path: string | undefined, option: 'cacert' | 'cert' | 'key'): Promise<Buffer | undefined> {
  if (!path) return undefined;
  // A regular file under 256 KiB, read asynchronously: never a FIFO, a device or a huge file.
  try {
    return await readCappedFile(path, {
      maxBytes: MAX_PEM_BYTES,
      what: `${option} file`,
      hint: `Fix the cloud's \`${option}\` path (a PEM file under 256 KiB).`,
    });
  } catch (err) {
    const e = err as AppError;
    throw new AppError(e.code, e.message, e.hint, { ...e.details, option, file: path });
  }
}

async function createAgent(t: TlsOptions): Promise<Agent> {
  // `verify: false` beats `cacert` (openstacksdk does the same, with a warning).
  const [ca, cert, key] = await Promise.all([
    readPem(t.verify ? t.cacert : undefined, 'cacert'),
    readPem(t.cert, 'cert'),
    readPem(t.key, 'key'),
  ]);
  return new Agent({
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    connect: { rejectUnauthorized: t.verify, ca, cert, key },
  });
}

/** One keep-alive agent per distinct TLS option set: sockets are reused across requests. */
function agentFor(tls: TlsOptions | undefined): Promise<Agent> {
  const t: TlsOptions = tls ?? { verify: true };
  const cacheKey = JSON.stringify([t.verify, t.cacert ?? '', t.cert ?? '', t.key ?? '']);
  let agent = agents.get(cacheKey);
  if (!agent) {
    agent = createAgent(t);
    // An unreadable file is not cached: the next request reads again (the admin may fix it).
    agent.catch(() => agents.delete(cacheKey));
    agents.set(cacheKey, agent);
  }
  return agent;
}

/** Closes every cached agent (tests, app quit, or after a cacert file changed on disk). */
export async function closeHttpAgents(): Promise<void> {
  const all = [...agents.values()];
  agents.clear();
  await Promise.all(all.map((a) => a.then((x) => x.close()).catch(() => undefined)));
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

/**
 * Sends one HTTP request and reads the whole body. Any status is a response; only transport
 * failures throw (UNREACHABLE, TLS_ERROR, CONFIG_INVALID for unusable TLS files or URLs).
 */
export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    throw new AppError(
      'CONFIG_INVALID',
      `"${req.url.slice(0, 200)}" is not a valid URL.`,
      'Use a full http(s):// URL.',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError(
      'CONFIG_INVALID',
      `Unsupported URL scheme ${url.protocol} in ${redactUrl(req.url)}.`,
      'Use an http:// or https:// URL.',
    );
  }
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  const dispatcher = await agentFor(url.protocol === 'https:' ? req.tls : undefined);
  try {
    const res = await request(url, {
      method: (req.method ?? 'GET').toUpperCase() as 'GET',
      headers: req.headers,
      body: req.body,
      dispatcher,
      signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const body = await readCapped(res.body, res.headers, req.url, req.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    return { status: res.statusCode, headers: flattenHeaders(res.headers), body, url: url.toString() };
  } catch (err) {
    if (req.signal?.aborted) throw req.signal.reason;
    throw mapTransportError(err, req.url, timeoutMs, timeout.aborted);
  }
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'PATH_LENGTH_EXCEEDED',
  'EPROTO',
]);

/** The error codes along the cause chain (undici and Node nest them; happy eyeballs aggregates). */
function codesOf(err: unknown, depth = 0): string[] {
  if (!err || typeof err !== 'object' || depth > 5) return [];
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown[]; name?: unknown };
  const own = typeof e.code === 'string' ? [e.code] : [];
  const nested = [e.cause, ...(Array.isArray(e.errors) ? e.errors : [])].flatMap((c) => codesOf(c, depth + 1));
  return [...own, ...nested];
}

function isTlsCode(code: string): boolean {
  return TLS_CODES.has(code) || code.startsWith('CERT_') || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_');
}

/** Maps a transport failure to UNREACHABLE / TLS_ERROR; the message names the URL, never a header. */
export function mapTransportError(err: unknown, rawUrl: string, timeoutMs: number, timedOut: boolean): AppError {
  if (err instanceof AppError) return err;
  const url = redactUrl(rawUrl);
  const host = (() => {
    try {
      return new URL(rawUrl).host;
    } catch {
      return url;
    }
  })();
  const codes = codesOf(err);
  const osslCode = codes.find((c) => c.startsWith('ERR_OSSL_'));
  if (osslCode) {
    return new AppError(
      'CONFIG_INVALID',
      `The TLS files for ${host} could not be used (${osslCode}).`,
      "Check that the cloud's `cacert`, `cert` and `key` are PEM files and that the key matches the certificate.",
      { url, code: osslCode },
    );
  }
  const tlsCode = codes.find(isTlsCode);
  if (tlsCode) {
    const wrongProtocol = tlsCode === 'ERR_SSL_WRONG_VERSION_NUMBER' || tlsCode === 'EPROTO';
    return new AppError(
      'TLS_ERROR',
      wrongProtocol
        ? `TLS handshake with ${host} failed (${tlsCode}) for ${url}: the server may not speak https on that port.`
        : `The certificate of ${host} was not accepted (${tlsCode}) for ${url}.`,
      wrongProtocol
        ? 'Check the URL scheme and port (http:// vs https://).'
        : "Set the cloud's `cacert` to the CA bundle that signed the server certificate, or (lab only) `verify: false`.",
      { url, code: tlsCode },
    );
  }
  const isTimeout =
    timedOut ||
    codes.some((c) => c.endsWith('_TIMEOUT') || c === 'ETIMEDOUT') ||
    (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'));
  if (isTimeout) {
    return new AppError(
      'UNREACHABLE',
      `No answer from ${url} within ${Math.round(timeoutMs / 1000)} s.`,
      `Check that ${host} is up and reachable from this machine (VPN, firewall, proxy).`,
      { url, code: 'TIMEOUT' },
    );
  }
  const netCode = codes.find((c) => UNREACHABLE_CODES.has(c));
  if (netCode) {
    const what: Record<string, string> = {
      ECONNREFUSED: 'refused the connection',
      ENOTFOUND: 'does not resolve (DNS)',
      EAI_AGAIN: 'could not be resolved (DNS temporarily failing)',
      EHOSTUNREACH: 'is unreachable',
      ENETUNREACH: 'is on an unreachable network',
      ECONNRESET: 'reset the connection',
    };
    return new AppError(
      'UNREACHABLE',
      `${host} ${what[netCode] ?? `could not be reached (${netCode})`} for ${url}.`,
      `Check the URL's host and port and that the service is running and reachable (VPN, firewall, proxy).`,
      { url, code: netCode },
    );
  }
  const message = err instanceof Error ? err.message : String(err);
  return new AppError('UNREACHABLE', `Request to ${url} failed: ${message}`, 'Check the URL and the network.', {
    url,
    code: codes[0] ?? 'UNKNOWN',
  });
}
