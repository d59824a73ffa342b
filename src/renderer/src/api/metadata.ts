/**
 * Hooks for instance metadata: the per-cloud config (the secret is write-only), lookups (plan +
 * resolutions), documents, ad-hoc resolutions, Nova's compute-API view and saving a document.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MetadataConfigInput, ResolveRequest } from '@shared/models/metadata';
import { bridge, unwrap } from './client';
import { queryKeys } from './keys';

/** The cloud's metadata settings (`hasSecret` only, never the secret). */
export function useMetadataConfig(cloudId: string | null) {
  return useQuery({
    queryKey: queryKeys.metadata.config(cloudId ?? ''),
    queryFn: () => unwrap(bridge().metadata.getConfig({ cloudId: cloudId as string })),
    enabled: !!cloudId,
    staleTime: 60_000,
  });
}

/** The cloud's networking backend (detected, and the override); needs a session. */
export function useNetworkBackend(cloudId: string | null, enabled = true) {
  return useQuery({
    queryKey: queryKeys.metadata.backend(cloudId ?? ''),
    queryFn: () => unwrap(bridge().metadata.backend({ cloudId: cloudId as string })),
    enabled: !!cloudId && enabled,
    staleTime: 60_000,
    retry: false,
  });
}

export function useSaveMetadataConfig() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MetadataConfigInput) => unwrap(bridge().metadata.saveConfig(input)),
    onSuccess: (view) => {
      queryClient.setQueryData(queryKeys.metadata.config(view.cloudId), view);
      // canFetch / missing of lookups depend on the config; documents too.
      return queryClient.invalidateQueries({ queryKey: queryKeys.metadata.cloud(view.cloudId) });
    },
  });
}

/** Which paths reach the instance and how each resolves. Re-run with refetch(). */
export function useInstanceLookup(cloudId: string | null, instanceId: string | null) {
  return useQuery({
    queryKey: queryKeys.metadata.lookup(cloudId ?? '', instanceId ?? ''),
    queryFn: () => unwrap(bridge().metadata.lookup({ cloudId: cloudId as string, instanceId: instanceId as string })),
    enabled: !!cloudId && !!instanceId,
    // Ports move: a lookup is a snapshot, refreshed on demand.
    staleTime: 30_000,
    retry: false,
  });
}

/** Every document through one path; only asked when `via` is set (the user picked a path). */
export function useMetadataDocuments(cloudId: string | null, via: ResolveRequest | null) {
  return useQuery({
    queryKey: queryKeys.metadata.documents(cloudId ?? '', via),
    queryFn: () => unwrap(bridge().metadata.fetch({ cloudId: cloudId as string, via: via as ResolveRequest })),
    enabled: !!cloudId && !!via,
    staleTime: 30_000,
    retry: false,
  });
}

/** What Nova's compute API shows without the metadata secret. */
export function useNovaApiView(cloudId: string | null, instanceId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.metadata.novaApi(cloudId ?? '', instanceId ?? ''),
    queryFn: () => unwrap(bridge().metadata.novaApi({ cloudId: cloudId as string, instanceId: instanceId as string })),
    enabled: enabled && !!cloudId && !!instanceId,
    staleTime: 30_000,
    retry: false,
  });
}

/** One ad-hoc resolution, exactly like the agent (address + router or network). */
export function useResolve() {
  return useMutation({
    mutationFn: (request: { cloudId: string } & ResolveRequest) => unwrap(bridge().metadata.resolve(request)),
  });
}

/** Saves a document's bytes through a native save dialog. */
export function useSaveDocument() {
  return useMutation({
    mutationFn: (request: { suggestedName: string; base64: string }) => unwrap(bridge().metadata.saveDocument(request)),
  });
}
