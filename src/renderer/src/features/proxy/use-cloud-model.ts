import { useMemo } from 'react';
import { buildTopologyModel } from '@shared/topology';
import { usePickerTopology, useSession } from '../../api';

/**
 * One cloud's loaded topology as a model, for pickers and names. `wanted` false fetches nothing
 * (a pasted id needs no topology); the cache is the Topology page's, so a loaded one costs nothing.
 */
export function useCloudModel(cloudId: string | null, wanted: boolean) {
  const session = useSession(cloudId);
  const topology = usePickerTopology(session, wanted);
  const model = useMemo(() => (topology.data ? buildTopologyModel(topology.data) : null), [topology.data]);
  const hint = !cloudId
    ? undefined
    : !session
      ? 'Connect this cloud to pick by name, IP or MAC; a full ID works as well'
      : topology.isError
        ? 'The topology could not be loaded: paste a full ID'
        : undefined;
  return { model, loading: topology.isFetching && !topology.data, hint };
}

export type CloudModel = ReturnType<typeof useCloudModel> & { want: () => void };
