/**
 * Topology hooks: live fetches (react-query, keyed per cloud and scope), the progress events of a
 * fetch in flight, and the offline snapshot (file or bundled sample) kept in the same cache.
 */
import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '@shared/models/cloud';
import type { TopologySnapshot } from '@shared/models/topology';
import type { EventPayloads } from '@shared/ipc/events';
import { bridge, unwrap } from './client';
import { queryKeys } from './keys';

/**
 * The session's scope as the topology and doctor keys use it: a project or region switch is
 * another topology (`<project id>@<region>`).
 */
export function tokenScopeOf(session: SessionInfo): string {
  const scope = session.scope.kind === 'project' ? session.scope.id : session.scope.kind;
  return session.region ? `${scope}@${session.region}` : scope;
}

export interface TopologyScope {
  /** The session's scope (tokenScopeOf: project and region): a switch of either is another topology. */
  tokenScope: string;
  allProjects: boolean;
  /** With allProjects: only this project. */
  projectId: string | null;
}

/** The picker's scope of a session: every project as an admin, the session's project otherwise. */
function pickerScope(session: SessionInfo | null): TopologyScope {
  return { tokenScope: session ? tokenScopeOf(session) : '', allProjects: session?.isAdmin ?? false, projectId: null };
}

function liveQuery(cloudId: string, scope: TopologyScope) {
  return {
    queryKey: queryKeys.topology.live(
      cloudId,
      scope.tokenScope,
      scope.allProjects,
      scope.allProjects ? scope.projectId : null,
    ),
    queryFn: () =>
      unwrap(
        bridge().topology.get({
          cloudId,
          allProjects: scope.allProjects,
          ...(scope.allProjects && scope.projectId ? { projectId: scope.projectId } : {}),
        }),
      ),
    // A topology is a picture of a moment: keep it until the user refreshes (or auto-refresh runs).
    staleTime: Infinity,
    gcTime: 10 * 60_000,
  };
}

/** A live topology; refetched on demand or every `refetchIntervalMs` (auto-refresh, opt-in). */
export function useTopology(
  cloudId: string | null,
  scope: TopologyScope,
  options: { enabled?: boolean; refetchIntervalMs?: number | false } = {},
) {
  return useQuery({
    ...liveQuery(cloudId ?? '', scope),
    enabled: !!cloudId && options.enabled !== false,
    refetchInterval: options.refetchIntervalMs ?? false,
    refetchIntervalInBackground: false,
  });
}

export type TopologyProgressEvent = EventPayloads['topology:progress'];

/** Progress of the fetch in flight for a cloud: the latest event per resource (cleared by `reset`). */
export function useTopologyProgress(cloudId: string | null): { resources: TopologyProgressEvent[]; reset: () => void } {
  const [byResource, setByResource] = useState<Record<string, TopologyProgressEvent>>({});
  useEffect(() => {
    setByResource({});
    if (!cloudId) return undefined;
    return bridge().on.topologyProgress((event) => {
      if (event.cloudId !== cloudId) return;
      setByResource((old) => ({ ...old, [event.resource]: event }));
    });
  }, [cloudId]);
  return { resources: Object.values(byResource), reset: () => setByResource({}) };
}

/** The snapshot opened offline (file or sample); null until one is opened. */
export function useOfflineSnapshot() {
  return useQuery<TopologySnapshot | null>({
    queryKey: queryKeys.topology.offline(),
    // Only ever filled by the open mutations below.
    queryFn: () => null,
    enabled: false,
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

function useStoreOffline() {
  const queryClient = useQueryClient();
  return (snapshot: TopologySnapshot | null) => {
    if (snapshot) queryClient.setQueryData(queryKeys.topology.offline(), snapshot);
  };
}

/** Opens a snapshot file (the native dialog); resolves to null when cancelled. */
export function useOpenSnapshot() {
  const store = useStoreOffline();
  return useMutation({
    mutationFn: () => unwrap(bridge().topology.openSnapshot()),
    onSuccess: store,
  });
}

/** Opens the bundled sample snapshot. */
export function useOpenSample() {
  const store = useStoreOffline();
  return useMutation({
    mutationFn: () => unwrap(bridge().topology.openSample()),
    onSuccess: store,
  });
}

/** Exports a snapshot to a file the user picks; resolves to null when cancelled. */
export function useSaveSnapshot() {
  return useMutation({
    mutationFn: (snapshot: TopologySnapshot) => unwrap(bridge().topology.saveSnapshot({ snapshot })),
  });
}

/**
 * The topology pickers search: as an admin every project (an instance to look up may be anyone's),
 * as a member the session's project. Shares the cache with the Topology page's matching view.
 * Pages enable it when a picker is first used: a pasted id needs no topology, and an admin's
 * all-projects fetch is not free.
 */
export function usePickerTopology(session: SessionInfo | null, enabled = true) {
  return useTopology(enabled ? (session?.cloudId ?? null) : null, pickerScope(session));
}

/**
 * The pickers' topologies of several sessions at once (the proxy page names the resources of
 * listeners on different clouds). Same cache entries as usePickerTopology.
 */
export function usePickerTopologies(sessions: readonly SessionInfo[]) {
  return useQueries({
    queries: sessions.map((session) => liveQuery(session.cloudId, pickerScope(session))),
  });
}

/** A live topology held in the cache, with the scope it was fetched for. */
export interface LoadedTopology {
  cloudId: string;
  tokenScope: string;
  allProjects: boolean;
  projectId: string | null;
  snapshot: TopologySnapshot;
}

/**
 * Every live topology already fetched (any page, any picker), for the command palette: it searches
 * what is loaded and fetches nothing itself. Follows the cache while mounted.
 */
export function useLoadedTopologies(): LoadedTopology[] {
  const queryClient = useQueryClient();
  const [version, setVersion] = useState(0);
  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        if (event.query.queryKey[0] === 'topology' && event.type === 'updated') setVersion((v) => v + 1);
      }),
    [queryClient],
  );
  return useMemo(() => {
    void version;
    return queryClient
      .getQueriesData<TopologySnapshot>({ queryKey: [...queryKeys.topology.all, 'live'] })
      .flatMap(([key, snapshot]) => {
        if (!snapshot) return [];
        const [, , cloudId, tokenScope, allProjects, projectId] = key as ReturnType<typeof queryKeys.topology.live>;
        return [{ cloudId, tokenScope, allProjects, projectId: projectId || null, snapshot }];
      });
  }, [queryClient, version]);
}
