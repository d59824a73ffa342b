/** Hooks for the local metadata proxy: listeners, their live status, the request log and traces. */
import { useEffect, useRef } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ListenerInput, ListenerStatus, ListenerView, ProxyLogEntry } from '@shared/models/proxy';
import { appendEntries, rendererLogCapacity } from './log-buffer';
import { bridge, unwrap } from './client';
import { queryKeys } from './keys';

/** Every listener with its status; kept live by useProxyEvents. */
export function useListeners() {
  return useQuery({
    queryKey: queryKeys.proxy.listeners(),
    queryFn: () => unwrap(bridge().proxy.list()),
    staleTime: 30_000,
  });
}

function putStatus(queryClient: QueryClient, status: ListenerStatus): void {
  const views = queryClient.getQueryData<ListenerView[]>(queryKeys.proxy.listeners());
  if (!views) return;
  // A listener this window has not seen yet (made by another window or the CLI's service): refetch.
  if (!views.some((view) => view.config.id === status.id)) {
    void queryClient.invalidateQueries({ queryKey: queryKeys.proxy.listeners() });
    return;
  }
  queryClient.setQueryData<ListenerView[]>(
    queryKeys.proxy.listeners(),
    views.map((view) => (view.config.id === status.id ? { ...view, status } : view)),
  );
}

export function useSaveListener() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ListenerInput) => unwrap(bridge().proxy.save(input)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.proxy.listeners() }),
  });
}

export function useRemoveListener() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(bridge().proxy.remove({ id })),
    onSuccess: (_data, id) => {
      queryClient.setQueryData<ProxyLogEntry[]>(queryKeys.proxy.log(), (entries) =>
        entries?.filter((e) => e.listenerId !== id),
      );
      return queryClient.invalidateQueries({ queryKey: queryKeys.proxy.listeners() });
    },
  });
}

/** Start or stop; the new status lands in the list at once (events follow). */
export function useListenerAction(action: 'start' | 'stop') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(action === 'start' ? bridge().proxy.start({ id }) : bridge().proxy.stop({ id })),
    onSuccess: (status) => putStatus(queryClient, status),
    // A failed start leaves the listener 'failed' with its error: show it.
    onError: () => queryClient.invalidateQueries({ queryKey: queryKeys.proxy.listeners() }),
  });
}

export function useClearLog() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(bridge().proxy.clearLog({})),
    onSuccess: () => queryClient.setQueryData<ProxyLogEntry[]>(queryKeys.proxy.log(), []),
  });
}

/**
 * The request log: the newest entries main still keeps, then every batch the 'proxy:request'
 * event brings, bounded to the renderer's capacity. Also keeps listener statuses live.
 * Mount once (the proxy page).
 */
export function useProxyLog() {
  const queryClient = useQueryClient();
  // Batches that arrive before the first fetch returns; merged into it (by seq) so none is lost.
  const early = useRef<ProxyLogEntry[]>([]);
  useEffect(() => {
    const api = bridge();
    const offRequest = api.on.proxyRequest(({ entries }) => {
      const key = queryKeys.proxy.log();
      if (queryClient.getQueryData(key) === undefined) early.current.push(...entries);
      else queryClient.setQueryData<ProxyLogEntry[]>(key, (previous) => appendEntries(previous ?? [], entries));
    });
    const offStatus = api.on.proxyStatus((status) => putStatus(queryClient, status));
    return () => {
      offRequest();
      offStatus();
    };
  }, [queryClient]);
  return useQuery({
    queryKey: queryKeys.proxy.log(),
    queryFn: async () => {
      const fetched = await unwrap(bridge().proxy.log({ limit: rendererLogCapacity }));
      const merged = appendEntries(
        fetched,
        early.current.splice(0).sort((a, b) => a.seq - b.seq),
      );
      return merged;
    },
    // Events keep it current; never refetch over them.
    staleTime: Infinity,
  });
}

/** One entry with its resolution trace, fetched when the user opens it. */
export function useLogEntryTrace(seq: number | null) {
  return useQuery({
    queryKey: queryKeys.proxy.trace(seq ?? 0),
    queryFn: () => unwrap(bridge().proxy.trace({ seq: seq as number })),
    enabled: seq !== null,
    staleTime: Infinity,
  });
}

/** Exports log entries (by seq) as JSON lines through main's save dialog; null when cancelled. */
export function useExportLog() {
  return useMutation({
    mutationFn: (seqs: number[]) => unwrap(bridge().proxy.exportLog({ seqs })),
  });
}
