import type { SessionInfo } from '@shared/models/cloud';
import type { ConnectionState } from '../../components/StatusDot';
import { isApiError } from '../../api/client';

/**
 * A cloud's connection state from what react-query knows: a session means connected; a pending
 * connect means connecting; a failed last attempt means error, except PASSWORD_REQUIRED (only
 * "ask the user") and CANCELLED (the admin declined main's insecure-transport warning): neither is
 * a failure of the cloud.
 */
export function isNotAFailure(error: unknown): boolean {
  return isApiError(error, 'PASSWORD_REQUIRED') || isApiError(error, 'CANCELLED');
}

export function connectionState(input: {
  session: SessionInfo | null;
  connecting: boolean;
  lastConnectError: unknown;
}): ConnectionState {
  if (input.connecting) return 'connecting';
  if (input.session) return 'connected';
  if (input.lastConnectError && !isNotAFailure(input.lastConnectError)) return 'error';
  return 'disconnected';
}
