/**
 * The Topology page: picks what to show (a connected cloud, or a snapshot opened offline), fetches
 * it with progress, and hands it to TopologyView with the row actions (typed routes to the
 * metadata and proxy pages). What the user chose is kept per cloud (topology-source.ts).
 */
import { Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TopologySnapshot } from '@shared/models/topology';
import {
  useClouds,
  useOfflineSnapshot,
  useOpenSample,
  useOpenSnapshot,
  useSaveSnapshot,
  useSessions,
  useBlockedInstances,
  useTopology,
  useTopologyProgress,
  tokenScopeOf,
} from '../../api';
import { useNavigation } from '../../app/navigation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { LiveStatus, NoTopology, OfflineBanner } from './TopologyNotices';
import { TopologyToolbar } from './TopologyToolbar';
import { TopologyView } from './TopologyView';
import { OFFLINE, useChosenSource, useCloudScope, useResolvedSource } from './topology-source';
import { useRowActions } from './use-row-actions';

/** The live fetch of `cloudId` in the scope the admin chose. */
function useLiveTopology(cloudId: string | null) {
  const session = (useSessions().data ?? []).find((s) => s.cloudId === cloudId) ?? null;
  const scope = useCloudScope(cloudId);
  const tokenScope = session ? tokenScopeOf(session) : '';
  const live = useTopology(
    cloudId,
    {
      tokenScope,
      allProjects: scope.allProjects && !!session?.isAdmin,
      projectId: scope.allProjects ? scope.projectId : null,
    },
    { refetchIntervalMs: scope.autoRefresh === 'off' ? false : Number(scope.autoRefresh) },
  );
  const progress = useTopologyProgress(cloudId);
  const refresh = () => {
    progress.reset();
    void live.refetch();
  };
  return { session, scope, live, progress, refresh };
}

/** Export, open a file, open the sample: the snapshot mutations and their errors. */
function useSnapshotFiles(showOffline: () => void) {
  const openFile = useOpenSnapshot();
  const openSample = useOpenSample();
  const save = useSaveSnapshot();
  const open = (mutation: typeof openFile | typeof openSample) =>
    mutation.mutate(undefined, { onSuccess: (opened) => opened && showOffline() });
  const exportSnapshot = (snapshot: TopologySnapshot) =>
    save.mutate(snapshot, {
      onSuccess: (saved) =>
        saved && notifications.show({ title: 'Topology exported', message: saved.path, color: 'teal' }),
    });
  const errors = (
    <>
      {(openFile.error || openSample.error) && (
        <ErrorAlert
          error={openFile.error ?? openSample.error}
          title="The snapshot could not be opened"
          onClose={() => (openFile.reset(), openSample.reset())}
        />
      )}
      {save.error && (
        <ErrorAlert error={save.error} title="The topology could not be exported" onClose={() => save.reset()} />
      )}
    </>
  );
  return {
    openFile: () => open(openFile),
    openSample: () => open(openSample),
    openingFile: openFile.isPending,
    openingSample: openSample.isPending,
    exportSnapshot,
    exporting: save.isPending,
    errors,
  };
}

export function TopologyPage() {
  const { chosen, setChosen, focusRequest } = useChosenSource();
  const { source, options } = useResolvedSource(chosen);
  const { navigate } = useNavigation();
  const clouds = useClouds().data ?? [];
  const offline = useOfflineSnapshot().data ?? null;
  const cloudId = source?.kind === 'live' ? source.cloudId : null;
  const { session, scope, live, progress, refresh } = useLiveTopology(cloudId);
  const blocked = useBlockedInstances(cloudId);
  const files = useSnapshotFiles(() => setChosen({ kind: 'offline' }));
  const snapshot = source?.kind === 'offline' ? offline : (live.data ?? null);
  const actions = useRowActions(cloudId, snapshot);
  const cloudName = (id: string) => clouds.find((c) => c.id === id)?.name ?? session?.cloudName ?? id;
  const admin = session?.isAdmin
    ? {
        allProjects: scope.allProjects,
        onAllProjects: scope.setAllProjects,
        projects: live.data?.projects ?? [],
        projectId: scope.projectId,
        onProject: scope.setProjectId,
      }
    : undefined;

  return (
    <Stack gap="sm" maw={1600} h="100%" aria-label="Topology page">
      <PageHeader
        title="Topology"
        description="Routers, networks, subnets, ports and instances, every page of every list, as Neutron and Nova hold them."
      />
      <TopologyToolbar
        sources={options}
        source={source ? (source.kind === 'live' ? source.cloudId : OFFLINE) : null}
        onSource={(v) => setChosen(v === OFFLINE ? { kind: 'offline' } : { kind: 'live', cloudId: v })}
        live={!!cloudId}
        fetching={live.isFetching}
        onRefresh={refresh}
        autoRefresh={scope.autoRefresh}
        onAutoRefresh={scope.setAutoRefresh}
        admin={admin}
        canExport={!!snapshot}
        exporting={files.exporting}
        onExport={() => snapshot && files.exportSnapshot(snapshot)}
        onOpenFile={files.openFile}
        onOpenSample={files.openSample}
        opening={files.openingFile}
      />
      {files.errors}
      {!source && (
        <NoTopology
          onConnect={() => navigate({ page: 'clouds' })}
          onSample={files.openSample}
          onFile={files.openFile}
          opening={files.openingSample}
        />
      )}
      {source?.kind === 'offline' && offline && <OfflineBanner offline={offline} />}
      {cloudId && (
        <LiveStatus
          live={live}
          cloudName={cloudName(cloudId)}
          session={session}
          resources={progress.resources}
          onRetry={refresh}
        />
      )}
      {snapshot && (
        <TopologyView
          key={cloudId ? `live:${cloudId}` : 'offline'}
          stateKey={cloudId ? `live:${cloudId}` : 'offline'}
          snapshot={snapshot}
          actions={actions}
          blockedInstances={blocked}
          focusRequest={focusRequest}
        />
      )}
    </Stack>
  );
}
