/**
 * The instance the metadata page should look up, set from elsewhere (the topology's instance
 * lookup slot) before navigating there. A tiny external store: no second cache of server data,
 * just "which instance the user asked about".
 */
import { useCallback, useSyncExternalStore } from 'react';
import { useNavigation } from '../../app/navigation';

export interface LookupTarget {
  cloudId: string | null;
  instanceId: string;
  /** Increments on every request, so asking again for the same instance re-runs the lookup. */
  nonce: number;
}

let current: LookupTarget | null = null;
const listeners = new Set<() => void>();

export function setLookupTarget(cloudId: string | null, instanceId: string): void {
  current = { cloudId, instanceId, nonce: (current?.nonce ?? 0) + 1 };
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The last requested target (null until something asked). */
export function useLookupTarget(): LookupTarget | null {
  return useSyncExternalStore(subscribe, () => current);
}

/** The page id of the metadata page in app/pages.tsx. */
export const METADATA_PAGE_ID = 'metadata';

/**
 * Returns `(instanceId, cloudId?) => void` that opens the metadata page on that instance: the slot
 * the topology view calls (`onInstanceLookup`). Without a cloud id, the navbar's cloud is used.
 */
export function useOpenInstanceLookup(): (instanceId: string, cloudId?: string | null) => void {
  const { navigate, selectedCloudId } = useNavigation();
  return useCallback(
    (instanceId: string, cloudId?: string | null) => {
      setLookupTarget(cloudId ?? selectedCloudId, instanceId);
      navigate(METADATA_PAGE_ID);
    },
    [navigate, selectedCloudId],
  );
}
