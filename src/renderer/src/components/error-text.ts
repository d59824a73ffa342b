import type { ErrorCode, IpcError } from '@shared/errors';
import { ApiError } from '../api/client';

/** A short title per error code: what kind of problem it is, before the message says which. */
export const errorTitles: Record<ErrorCode, string> = {
  INVALID_ARGUMENT: 'Invalid input',
  FORBIDDEN_SENDER: 'Call refused',
  NOT_FOUND: 'Not found',
  NOT_CONNECTED: 'Not connected',
  CONFIG_INVALID: 'Configuration problem',
  PASSWORD_REQUIRED: 'Password required',
  AUTH_FAILED: 'Authentication failed',
  FORBIDDEN: 'Permission denied',
  TOKEN_EXPIRED: 'Session expired',
  UNREACHABLE: 'Cannot reach the cloud',
  TLS_ERROR: 'TLS certificate problem',
  NOT_KEYSTONE_V3: 'Not a Keystone v3 endpoint',
  SERVICE_ERROR: 'OpenStack service error',
  NO_ENDPOINT: 'No endpoint in the catalog',
  SECRET_MISSING: 'Secret missing',
  CONFLICT: 'Conflict',
  UNSAFE_REFUSED: 'Refused for safety',
  CANCELLED: 'Cancelled',
  INTERNAL: 'Unexpected error',
};

export interface DisplayError {
  code: ErrorCode;
  title: string;
  message: string;
  hint?: string;
  /** "file: /etc/openstack/clouds.yaml · line: 12" */
  facts: string[];
}

/** Details that mean nothing to a person (opaque ids, labels already in the message). */
const hiddenFacts = new Set(['cloudId', 'secretLabel']);

/** Whatever was thrown, as something an admin can act on: title, message, fix, facts. */
export function toDisplayError(error: unknown): DisplayError {
  const ipc: IpcError =
    error instanceof ApiError
      ? { code: error.code, message: error.message, hint: error.hint, details: error.details }
      : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
  const facts = Object.entries(ipc.details ?? {})
    .filter(([key, value]) => value !== null && value !== '' && !hiddenFacts.has(key))
    .map(([key, value]) => `${key}: ${String(value)}`);
  return { code: ipc.code, title: errorTitles[ipc.code], message: ipc.message, hint: ipc.hint, facts };
}
