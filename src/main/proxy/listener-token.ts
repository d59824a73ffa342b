/**
 * The per-listener capability token. Agent mode on TCP and instance mode answer whoever connects
 * with any instance's metadata, so a request must carry the listener's token: in the
 * X-StackLens-Token header, or as the first path segment (`http://127.0.0.1:8080/<token>/openstack`),
 * which curl and cloud-init's `metadata_urls` can carry. Namespace mode (the peer address is the
 * instance) and agent mode on a 0600 unix socket (the lab's haproxy) need none.
 *
 * The token is a capability for one listener, not a cloud credential: it is shown in the UI's curl
 * hint (it crosses IPC inside the listener config) but never reaches a log line.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ListenerConfig } from '@shared/models/proxy';

export const TOKEN_HEADER = 'x-stacklens-token';
const TOKEN_PREFIX = 'slt-';
const TOKEN_PATTERN = /^slt-[A-Za-z0-9_-]{32}$/;

/** A fresh token: 24 random bytes, base64url, with a recognisable prefix. */
export function newListenerToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
}

export function isListenerToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_PATTERN.test(value);
}

/** Whether a listener's requests must carry its token. */
export function needsToken(config: Pick<ListenerConfig, 'mode' | 'socketPath'>): boolean {
  return config.mode === 'instance' || (config.mode === 'agent' && !config.socketPath);
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type TokenCheck =
  | { ok: true; /** The request path without the token segment. */ path: string }
  | { ok: false; reason: 'missing' | 'wrong' };

/**
 * Checks a request's token (header or first path segment) and returns the path to forward, with
 * the token segment removed. `/<token>` alone is `/`; `/<token>?q` is `/?q`.
 */
export function checkToken(expected: string, url: string, header: string | string[] | undefined): TokenCheck {
  const segment = /^\/([^/?]*)(.*)$/s.exec(url);
  if (segment && segment[1].startsWith(TOKEN_PREFIX)) {
    if (!sameToken(segment[1], expected)) return { ok: false, reason: 'wrong' };
    const rest = segment[2];
    return { ok: true, path: rest.startsWith('/') ? rest : `/${rest}` };
  }
  if (header === undefined) return { ok: false, reason: 'missing' };
  const value = Array.isArray(header) ? header.join(',') : header;
  return sameToken(value.trim(), expected) ? { ok: true, path: url } : { ok: false, reason: 'wrong' };
}

/** A request path fit for a log line: a token-looking first segment is replaced. */
export function redactTokenPath(url: string): string {
  return url.replace(/^\/slt-[^/?]*/, '/slt-…');
}

/** The base URL a client uses: the listener's address plus its token segment when one is needed. */
export function clientBaseUrl(url: string, config: Pick<ListenerConfig, 'mode' | 'socketPath' | 'token'>): string {
  return needsToken(config) && config.token && !url.startsWith('unix:') ? `${url}/${config.token}` : url;
}
