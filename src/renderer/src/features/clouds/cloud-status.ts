import type { SessionInfo } from '@shared/models/cloud';
import type { ConnectionState } from '../../components/StatusDot';
import { isApiError } from '../../api/client';

/**
 * A cloud's connection state from what react-query knows: a session means connected; a pending
 * connect means connecting; a failed last attempt means error, except PASSWORD_REQUIRED, which
 * only means "ask the user" and is not a failure of the cloud.
 */
export function connectionState(input: {
  session: SessionInfo | null;
  connecting: boolean;
  lastConnectError: unknown;
}): ConnectionState {
  if (input.connecting) return 'connecting';
  if (input.session) return 'connected';
  if (input.lastConnectError && !isApiError(input.lastConnectError, 'PASSWORD_REQUIRED')) return 'error';
  return 'disconnected';
}
