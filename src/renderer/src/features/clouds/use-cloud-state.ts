import { useIsMutating } from '@tanstack/react-query';
import { mutationKeys, useLastConnectError, useSession } from '../../api';
import { connectionState } from './cloud-status';

/** The connection state of one cloud, shared by the navbar dot and the cloud card. */
export function useCloudState(cloudId: string) {
  const session = useSession(cloudId);
  const lastConnectError = useLastConnectError(cloudId);
  const connecting = useIsMutating({ mutationKey: mutationKeys.connect(cloudId) }) > 0;
  return { session, lastConnectError, state: connectionState({ session, connecting, lastConnectError }) };
}
