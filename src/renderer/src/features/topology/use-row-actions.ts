/**
 * The row actions of a live cloud's topology, as typed navigations: the metadata page (lookup,
 * resolve through a router or network) and the proxy page's listener form (namespace listener,
 * serving as an instance). An offline snapshot has no cloud to act on: no actions.
 */
import { useMemo } from 'react';
import type { TopologySnapshot } from '@shared/models/topology';
import { useNavigation } from '../../app/navigation';
import type { RowActions } from './row-menu-actions';

export function useRowActions(cloudId: string | null, snapshot: TopologySnapshot | null): RowActions {
  const { navigate } = useNavigation();
  return useMemo(() => {
    if (!cloudId) return {};
    const projectOf = (instanceId: string) => snapshot?.servers.find((s) => s.id === instanceId)?.projectId;
    const scoped = (kind: string) => (kind === 'router' ? 'router' : 'network');
    return {
      onInstanceLookup: (instanceId) => navigate({ page: 'metadata', cloudId, instanceId }),
      onResolveHere: (ref) =>
        navigate({ page: 'metadata', cloudId, resolveVia: { kind: scoped(ref.kind), id: ref.id } }),
      onStartListener: (ref) =>
        navigate({
          page: 'proxy',
          listener: { mode: 'namespace', cloudId, scope: { kind: scoped(ref.kind), id: ref.id } },
        }),
      onServeAs: (instanceId) =>
        navigate({
          page: 'proxy',
          listener: { mode: 'instance', cloudId, instanceId, projectId: projectOf(instanceId) },
        }),
    };
  }, [cloudId, snapshot, navigate]);
}
