/**
 * The CLI's exit codes, one per kind of outcome, so scripts and monitoring can branch on them.
 * Documented in `stacklens --help`.
 */
import type { ErrorCode } from '@shared/errors';
import type { ResolveOutcome } from '@shared/models/metadata';

export const EXIT = {
  /** Resolved (resolve) / nova answered 200 (metadata). */
  OK: 0,
  /** A bug or an unexpected failure. */
  INTERNAL: 1,
  /** No single port (the agent's 404), or nova answered 404. */
  NOT_FOUND: 2,
  /** Refused: both ids, no id, a bad address, or a router without interfaces (UNSAFE_REFUSED). */
  REFUSED: 3,
  /** Authentication or configuration: credentials, clouds.yaml, missing/wrong shared secret (403), nova not in proxy mode (400). */
  AUTH_CONFIG: 4,
  /** Keystone, Neutron or nova-api-metadata unreachable, or TLS failure. */
  UNREACHABLE: 5,
  /** A service answered an unexpected error (5xx, 409...). */
  SERVICE: 6,
  /** Wrong command line. */
  USAGE: 64,
} as const;

const BY_ERROR: Partial<Record<ErrorCode, number>> = {
  NOT_FOUND: EXIT.NOT_FOUND,
  UNSAFE_REFUSED: EXIT.REFUSED,
  INVALID_ARGUMENT: EXIT.USAGE,
  AUTH_FAILED: EXIT.AUTH_CONFIG,
  CONFIG_INVALID: EXIT.AUTH_CONFIG,
  PASSWORD_REQUIRED: EXIT.AUTH_CONFIG,
  SECRET_MISSING: EXIT.AUTH_CONFIG,
  FORBIDDEN: EXIT.AUTH_CONFIG,
  TOKEN_EXPIRED: EXIT.AUTH_CONFIG,
  NOT_KEYSTONE_V3: EXIT.AUTH_CONFIG,
  NO_ENDPOINT: EXIT.AUTH_CONFIG,
  NOT_CONNECTED: EXIT.AUTH_CONFIG,
  UNREACHABLE: EXIT.UNREACHABLE,
  TLS_ERROR: EXIT.UNREACHABLE,
  SERVICE_ERROR: EXIT.SERVICE,
  CONFLICT: EXIT.SERVICE,
};

/** Exit code for an AppError code. */
export function exitForError(code: string): number {
  return BY_ERROR[code as ErrorCode] ?? EXIT.INTERNAL;
}

/** Exit code for a resolution outcome. */
export function exitForOutcome(outcome: ResolveOutcome): number {
  switch (outcome.kind) {
    case 'resolved':
      return EXIT.OK;
    case 'not-found':
      return EXIT.NOT_FOUND;
    case 'refused':
      return EXIT.REFUSED;
    case 'error':
      return exitForError(outcome.code);
  }
}

/** Exit code for nova-api-metadata's HTTP status. */
export function exitForNovaStatus(status: number): number {
  if (status >= 200 && status < 300) return EXIT.OK;
  if (status === 404) return EXIT.NOT_FOUND;
  if (status === 403 || status === 400) return EXIT.AUTH_CONFIG;
  return EXIT.SERVICE;
}

/** The table printed by --help. */
export const EXIT_HELP = `Exit codes:
  0   resolved (resolve) / nova answered 200 (metadata)
  1   internal error
  2   not found: no single port with that address (the agent's 404), or nova answered 404
  3   refused: both --router and --network, a bad address, or a router without interfaces
      (the real agent would search the whole cloud; StackLens refuses: UNSAFE_REFUSED)
  4   authentication / configuration: clouds.yaml, credentials, no metadata secret,
      nova answered 403 (shared secret differs) or 400 (nova not in service_metadata_proxy mode)
  5   unreachable: Keystone, Neutron or nova-api-metadata cannot be reached, or TLS failed
  6   a service answered an unexpected error (5xx, 409)
  64  usage error`;
