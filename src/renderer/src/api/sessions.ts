import { useMutation, useMutationState, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '@shared/models/cloud';
import { bridge, unwrap } from './client';
import { mutationKeys, queryKeys } from './keys';

/** Live sessions (who, where, until when; never a token). */
export function useSessions() {
  return useQuery({
    queryKey: queryKeys.sessions.list(),
    queryFn: () => unwrap(bridge().session.list()),
    staleTime: 30_000,
  });
}

/** The session of one cloud, or null when it is not connected. */
export function useSession(cloudId: string | null | undefined): SessionInfo | null {
  const { data } = useSessions();
  return data?.find((s) => s.cloudId === cloudId) ?? null;
}

/** Puts a fresh session into the cache at once; the session:changed event refetches anyway. */
function storeSession(queryClient: QueryClient, session: SessionInfo): void {
  queryClient.setQueryData<SessionInfo[]>(queryKeys.sessions.list(), (old) => [
    ...(old ?? []).filter((s) => s.cloudId !== session.cloudId),
    session,
  ]);
}

export interface ConnectRequest {
  password?: string;
  remember?: boolean;
}

/** Connects one cloud. Keyed per cloud so useLastConnectError can read the outcome back. */
export function useConnect(cloudId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: mutationKeys.connect(cloudId),
    mutationFn: (request: ConnectRequest = {}) => unwrap(bridge().session.connect({ cloudId, ...request })),
    onSuccess: (session) => {
      storeSession(queryClient, session);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.sessions.all }),
        // Remember-in-vault changes hasSecret.
        queryClient.invalidateQueries({ queryKey: queryKeys.clouds.all }),
      ]);
    },
  });
}

/** The error of the most recent connect attempt of a cloud, or null (no attempt, or it worked). */
export function useLastConnectError(cloudId: string): unknown {
  const states = useMutationState({
    filters: { mutationKey: mutationKeys.connect(cloudId) },
    select: (mutation) => ({ status: mutation.state.status, error: mutation.state.error }),
  });
  const last = states[states.length - 1];
  return last?.status === 'error' ? last.error : null;
}

export function useDisconnect(cloudId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(bridge().session.disconnect({ cloudId })),
    onSuccess: () => {
      queryClient.setQueryData<SessionInfo[]>(queryKeys.sessions.list(), (old) =>
        old?.filter((s) => s.cloudId !== cloudId),
      );
      queryClient.removeQueries({ queryKey: queryKeys.sessions.projects(cloudId) });
      return queryClient.invalidateQueries({ queryKey: queryKeys.sessions.all });
    },
  });
}

/** Projects the connected user may scope to; only asked while connected. */
export function useProjects(cloudId: string, connected: boolean) {
  return useQuery({
    queryKey: queryKeys.sessions.projects(cloudId),
    queryFn: () => unwrap(bridge().session.projects({ cloudId })),
    enabled: connected,
    staleTime: 5 * 60_000,
  });
}

export function useSwitchProject(cloudId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: mutationKeys.switchProject(cloudId),
    mutationFn: (projectId: string) => unwrap(bridge().session.switchProject({ cloudId, projectId })),
    onSuccess: (session) => {
      storeSession(queryClient, session);
      return queryClient.invalidateQueries({ queryKey: queryKeys.sessions.all });
    },
  });
}

/**
 * Re-points the cloud's session at another region of its catalog (the name only: main maps it to
 * endpoints). Everything fetched for the cloud belongs to the old region: pages refetch.
 */
export function useSwitchRegion(cloudId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: mutationKeys.switchRegion(cloudId),
    mutationFn: (region: string) => unwrap(bridge().session.switchRegion({ cloudId, region })),
    onSuccess: (session) => {
      storeSession(queryClient, session);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.sessions.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.topology.cloud(cloudId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.metadata.cloud(cloudId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.doctor.cloud(cloudId) }),
      ]);
    },
  });
}
