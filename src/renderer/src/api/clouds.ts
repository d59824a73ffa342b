import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CloudInput, TlsFileKind } from '@shared/models/cloud';
import { bridge, unwrap } from './client';
import { queryKeys } from './keys';

/** The configured clouds (secret-free summaries). */
export function useClouds() {
  return useQuery({
    queryKey: queryKeys.clouds.list(),
    queryFn: () => unwrap(bridge().clouds.list()),
    staleTime: 60_000,
  });
}

/** What discovery finds on disk and in the environment; runs when `enabled` (the dialog is open). */
export function useDiscovery(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.clouds.discovery(),
    queryFn: () => unwrap(bridge().clouds.discover()),
    enabled,
    // Files change behind our back: look again every time the dialog opens.
    staleTime: 0,
    gcTime: 0,
  });
}

export function useImportDiscovered() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (names: string[]) => unwrap(bridge().clouds.importDiscovered({ names })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.clouds.all }),
  });
}

export function useImportFile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: { kind?: 'clouds' | 'openrc' }) => unwrap(bridge().clouds.importFile(request)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.clouds.all }),
  });
}

/**
 * Main's native dialog picks a CA bundle / client certificate / key and reads it; the answer is a
 * pick for the form to send with clouds:save (null when cancelled). No path goes to main.
 */
export function useChooseTlsFile() {
  return useMutation({
    mutationFn: (kind: TlsFileKind) => unwrap(bridge().clouds.chooseTlsFile({ kind })),
  });
}

/** Adds or edits a cloud. The secret in `input` travels once, renderer -> main. */
export function useSaveCloud() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CloudInput) => unwrap(bridge().clouds.save(input)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.clouds.all }),
  });
}

export function useRemoveCloud() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (cloudId: string) => unwrap(bridge().clouds.remove({ cloudId })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.clouds.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.sessions.all }),
      ]),
  });
}
