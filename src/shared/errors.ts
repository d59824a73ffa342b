/**
 * The closed set of error codes that may cross the IPC boundary. An Error object loses its fields
 * when it crosses the bridge, so main encodes every failure as one of these plus a message and a
 * hint that names the fix.
 */
export const errorCodes = [
  'INVALID_ARGUMENT', // the request did not match the channel's schema
  'FORBIDDEN_SENDER', // the IPC sender is not the app's own page
  'NOT_FOUND', // a cloud, listener, instance... that does not exist
  'NOT_CONNECTED', // the cloud has no session yet
  'CONFIG_INVALID', // clouds.yaml / openrc / settings that cannot be used (names file and line)
  'PASSWORD_REQUIRED', // the cloud has no stored password: ask the user
  'AUTH_FAILED', // Keystone refused the credentials (401)
  'FORBIDDEN', // the service answered 403
  'TOKEN_EXPIRED', // the token expired and could not be renewed
  'UNREACHABLE', // connection refused, DNS failure, timeout
  'TLS_ERROR', // certificate problems; the hint names verify / cacert
  'NOT_KEYSTONE_V3', // the auth_url does not answer as Keystone v3
  'SERVICE_ERROR', // an OpenStack service answered an unexpected status
  'NO_ENDPOINT', // the catalog has no endpoint for the service / interface / region
  'SECRET_MISSING', // e.g. no metadata shared secret configured
  'CONFLICT', // name already used, listener already running, port in use
  'UNSAFE_REFUSED', // the resolver refuses where the real agent is unsafe
  'CANCELLED', // the admin declined a confirmation main asked (e.g. an insecure connection)
  'INTERNAL', // a bug: the message says what happened, never a secret
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** What the renderer gets when a call fails. */
export interface IpcError {
  code: ErrorCode;
  message: string;
  /** What the admin can do about it (names the option or file). */
  hint?: string;
  /** Plain, secret-free facts: HTTP status, URL, file, line. */
  details?: Record<string, string | number | boolean | null>;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: IpcError };
