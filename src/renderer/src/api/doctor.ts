/**
 * The metadata doctor's hooks: one instance's diagnosis (live, or from the opened snapshot) and a
 * whole scope's health. Diagnoses are pictures of a moment: refreshed on demand.
 */
import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { FleetReport } from '@shared/models/doctor';
import type { Symptom } from '@shared/models/doctor';
import type { TopologySnapshot } from '@shared/models/topology';
import { bridge, unwrap } from './client';
import { queryKeys } from './keys';
import type { TopologyScope } from './topology';

export function useDiagnosis(cloudId: string | null, instanceId: string | null, symptom: Symptom | null) {
  return useQuery({
    queryKey: queryKeys.doctor.diagnosis(cloudId ?? '', instanceId ?? '', symptom),
    queryFn: () =>
      unwrap(
        bridge().doctor.diagnose({
          cloudId: cloudId as string,
          instanceId: instanceId as string,
          ...(symptom ? { symptom } : {}),
        }),
      ),
    enabled: !!cloudId && !!instanceId,
    staleTime: 30_000,
    retry: false,
  });
}

export function useFleetHealth(cloudId: string | null, scope: TopologyScope, enabled = true) {
  return useQuery({
    queryKey: queryKeys.doctor.fleet(cloudId ?? '', scope.tokenScope, scope.allProjects, scope.projectId),
    queryFn: () =>
      unwrap(
        bridge().doctor.fleet({
          cloudId: cloudId as string,
          allProjects: scope.allProjects,
          ...(scope.allProjects && scope.projectId ? { projectId: scope.projectId } : {}),
        }),
      ),
    enabled: enabled && !!cloudId,
    staleTime: Infinity,
    gcTime: 10 * 60_000,
    retry: false,
  });
}

/** What can be checked in a snapshot without live calls (and one instance's diagnosis). */
export function useOfflineHealth(snapshot: TopologySnapshot | null, instanceId: string | null = null) {
  return useQuery({
    queryKey: queryKeys.doctor.offline(snapshot?.fetchedAt ?? '', instanceId),
    queryFn: () =>
      unwrap(
        bridge().doctor.offline({ snapshot: snapshot as TopologySnapshot, ...(instanceId ? { instanceId } : {}) }),
      ),
    enabled: !!snapshot,
    staleTime: Infinity,
    retry: false,
  });
}

/**
 * Instances with a blocking finding in any fleet check of the cloud already in the cache (the
 * "Metadata health" page's), for marking them in the topology; no fetch of its own.
 */
export function useBlockedInstances(cloudId: string | null): ReadonlySet<string> {
  const queryClient = useQueryClient();
  const [blocked, setBlocked] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    if (!cloudId) return undefined;
    const compute = () => {
      const reports = queryClient.getQueriesData<FleetReport>({ queryKey: ['doctor', cloudId, 'fleet'] });
      const ids = reports.flatMap(([, r]) =>
        r ? r.rows.filter((x) => x.verdict === 'blocking').map((x) => x.instanceId) : [],
      );
      setBlocked((old) => (old.size === ids.length && ids.every((id) => old.has(id)) ? old : new Set(ids)));
    };
    compute();
    return queryClient.getQueryCache().subscribe(compute);
  }, [queryClient, cloudId]);
  return blocked;
}
