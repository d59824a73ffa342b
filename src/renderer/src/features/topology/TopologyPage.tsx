/**
 * The Topology page: picks what to show (a connected cloud, or a snapshot opened offline), fetches
 * it with progress, and hands it to TopologyView. Instance rows' "Metadata lookup" opens the
 * Instance metadata page with a typed route.
 */
import { useEffect, useEffectEvent, useState } from 'react';
import { Alert, Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { EntityRef } from '@shared/topology';
import { IconCloud, IconFileInfo, IconFolderOpen, IconStack2, IconTopologyStar3 } from '@tabler/icons-react';
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
} from '../../api';
import { useNavigation } from '../../app/navigation';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { FetchProgress } from './FetchProgress';
import { TopologyToolbar, type SourceOption } from './TopologyToolbar';
import { TopologyView } from './TopologyView';
import { pageStateKey, usePageState } from '../../app/page-state';

/** Which topology the page shows: a connected cloud (live) or the snapshot opened offline. */
type ViewSource = { kind: 'live'; cloudId: string } | { kind: 'offline' } | null;

const OFFLINE = 'offline';

/** An admin's all-projects choice, for one cloud: another cloud starts in its own project. */
interface AdminScope {
  cloudId: string | null;
  allProjects: boolean;
  projectId: string | null;
}

/** A row to open once (a deep link: the command palette's jump); the nonce is the visit's key. */
type FocusRequest = { ref: EntityRef; nonce: number } | null;

/**
 * The user's choice, kept while the app runs; a route naming a cloud or the snapshot sets it, with
 * the admin scope it asks for and the row to open.
 */
function useChosenSource(setAdminScope: (scope: AdminScope) => void, setFocus: (focus: FocusRequest) => void) {
  const [chosen, setChosen] = usePageState<ViewSource>(pageStateKey('topology', null, 'source'), null);
  const { route, entry } = useNavigation();
  const asked = route.page === 'topology' ? route : null;
  const applyRoute = useEffectEvent(() => {
    if (asked?.offline) setChosen({ kind: 'offline' });
    else if (asked?.cloudId) setChosen({ kind: 'live', cloudId: asked.cloudId });
    if (asked?.cloudId && asked.allProjects)
      setAdminScope({ cloudId: asked.cloudId, allProjects: true, projectId: asked.projectId ?? null });
    setFocus(asked?.focus ? { ref: asked.focus, nonce: entry.key } : null);
  });
  // Once per visit (entry.key): the route's parameters, not each render.
  useEffect(() => applyRoute(), [entry.key]);
  return [chosen, setChosen] as const;
}

function useResolvedSource(chosen: ViewSource): { source: ViewSource; options: SourceOption[] } {
  const sessions = useSessions().data ?? [];
  const offline = useOfflineSnapshot().data;
  const { selectedCloudId } = useNavigation();
  const options: SourceOption[] = sessions.map((s) => ({ value: s.cloudId, label: `${s.cloudName} (live)` }));
  if (offline)
    options.push({
      value: OFFLINE,
      label: offline.source.sample ? 'Sample snapshot (offline)' : `Snapshot ${offline.source.file ?? ''} (offline)`,
    });
  const connected = (id: string | null | undefined) => !!id && sessions.some((s) => s.cloudId === id);
  if (chosen?.kind === 'live' && connected(chosen.cloudId)) return { source: chosen, options };
  if (chosen?.kind === 'offline' && offline) return { source: chosen, options };
  if (connected(selectedCloudId)) return { source: { kind: 'live', cloudId: selectedCloudId! }, options };
  if (sessions[0]) return { source: { kind: 'live', cloudId: sessions[0].cloudId }, options };
  return { source: offline ? { kind: 'offline' } : null, options };
}

export function TopologyPage() {
  const [adminScope, setAdminScope] = useState<AdminScope>({ cloudId: null, allProjects: false, projectId: null });
  const [focusRequest, setFocusRequest] = useState<FocusRequest>(null);
  const [chosen, setViewSource] = useChosenSource(setAdminScope, setFocusRequest);
  const { source, options } = useResolvedSource(chosen);
  const { navigate } = useNavigation();
  const sessions = useSessions().data ?? [];
  const clouds = useClouds().data ?? [];
  const offline = useOfflineSnapshot().data ?? null;
  const cloudId = source?.kind === 'live' ? source.cloudId : null;
  const session = sessions.find((s) => s.cloudId === cloudId) ?? null;
  const [autoRefresh, setAutoRefresh] = useState('off');
  // Another cloud starts in its own project (the choice belongs to the cloud it was made for).
  const mine = adminScope.cloudId === cloudId;
  const allProjects = mine && adminScope.allProjects;
  const projectId = mine ? adminScope.projectId : null;
  const setAllProjects = (on: boolean) => setAdminScope({ cloudId, allProjects: on, projectId });
  const setProjectId = (id: string | null) => setAdminScope({ cloudId, allProjects, projectId: id });
  const tokenScope = session ? (session.scope.kind === 'project' ? session.scope.id : session.scope.kind) : '';
  const scope = {
    tokenScope,
    allProjects: allProjects && !!session?.isAdmin,
    projectId: allProjects ? projectId : null,
  };
  const live = useTopology(cloudId, scope, { refetchIntervalMs: autoRefresh === 'off' ? false : Number(autoRefresh) });
  const progress = useTopologyProgress(cloudId);
  const blocked = useBlockedInstances(cloudId);
  const openFile = useOpenSnapshot();
  const openSample = useOpenSample();
  const save = useSaveSnapshot();
  const snapshot = source?.kind === 'offline' ? offline : (live.data ?? null);

  const refresh = () => {
    progress.reset();
    void live.refetch();
  };
  const showOffline = (open: typeof openFile | typeof openSample) =>
    open.mutate(undefined, { onSuccess: (opened) => opened && setViewSource({ kind: 'offline' }) });
  const onExport = () =>
    snapshot &&
    save.mutate(snapshot, {
      onSuccess: (saved) =>
        saved && notifications.show({ title: 'Topology exported', message: saved.path, color: 'teal' }),
    });
  const cloudName = (id: string) =>
    clouds.find((c) => c.id === id)?.name ?? sessions.find((s) => s.cloudId === id)?.cloudName ?? id;

  return (
    <Stack gap="sm" maw={1600} aria-label="Topology page">
      <PageHeader
        title="Topology"
        description="Routers, networks, subnets, ports and instances, every page of every list, as Neutron and Nova hold them."
      />
      <TopologyToolbar
        sources={options}
        source={source ? (source.kind === 'live' ? source.cloudId : OFFLINE) : null}
        onSource={(v) => setViewSource(v === OFFLINE ? { kind: 'offline' } : { kind: 'live', cloudId: v })}
        live={!!cloudId}
        fetching={live.isFetching}
        onRefresh={refresh}
        autoRefresh={autoRefresh}
        onAutoRefresh={setAutoRefresh}
        admin={
          session?.isAdmin
            ? {
                allProjects,
                onAllProjects: setAllProjects,
                projects: live.data?.projects ?? [],
                projectId,
                onProject: setProjectId,
              }
            : undefined
        }
        canExport={!!snapshot}
        exporting={save.isPending}
        onExport={onExport}
        onOpenFile={() => showOffline(openFile)}
        onOpenSample={() => showOffline(openSample)}
        opening={openFile.isPending}
      />
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

      {!source && (
        <EmptyState
          label="No topology"
          icon={<IconTopologyStar3 size={36} stroke={1.5} />}
          title="No topology to show yet"
          description="Connect a cloud to fetch its topology, or open a snapshot: the bundled sample shows a small realistic cloud (three routers, overlapping 10.0.0.0/24 networks, floating IPs, ten instances)."
        >
          <Button leftSection={<IconCloud size={18} />} onClick={() => navigate({ page: 'clouds' })}>
            Connect a cloud
          </Button>
          <Button
            variant="default"
            leftSection={<IconStack2 size={18} />}
            onClick={() => showOffline(openSample)}
            loading={openSample.isPending}
          >
            Open the sample snapshot
          </Button>
          <Button variant="default" leftSection={<IconFolderOpen size={18} />} onClick={() => showOffline(openFile)}>
            Open a snapshot file…
          </Button>
        </EmptyState>
      )}

      {source?.kind === 'offline' && offline && (
        <Alert color="blue" variant="light" icon={<IconFileInfo size={18} />} aria-label="Offline snapshot" py={8}>
          {offline.source.sample ? 'The bundled sample snapshot' : `Snapshot file ${offline.source.file ?? ''}`} of{' '}
          {offline.source.cloudName}
          {offline.source.allProjects
            ? ' (all projects)'
            : offline.source.projectName
              ? ` (project ${offline.source.projectName})`
              : ''}
          , fetched {new Date(offline.fetchedAt).toLocaleString()}. Offline: refresh needs a connected cloud.
        </Alert>
      )}

      {cloudId && live.isFetching && <FetchProgress resources={progress.resources} />}
      {cloudId && live.isPending && !live.isFetching && <LoadingState label={`Waiting for ${cloudName(cloudId)}…`} />}
      {cloudId && live.isError && (
        <ErrorAlert
          error={live.error}
          title={`The topology of ${cloudName(cloudId)} could not be fetched`}
          onRetry={refresh}
        />
      )}
      {cloudId && live.data && (
        <Text size="xs" c="dimmed" aria-label="Fetch details">
          {live.data.source.allProjects
            ? live.data.source.projectName
              ? `All projects, filtered to ${live.data.source.projectName}`
              : 'All projects'
            : `Project ${live.data.source.projectName ?? session?.scope.kind}`}
          {` \u00b7 fetched ${new Date(live.data.fetchedAt).toLocaleTimeString()} in ${(live.data.stats.durationMs / 1000).toFixed(1)} s with ${live.data.stats.apiCalls} API calls (${live.data.stats.pages} pages)`}
        </Text>
      )}
      {snapshot && (
        <TopologyView
          key={source?.kind === 'live' ? `live:${cloudId}` : 'offline'}
          snapshot={snapshot}
          onInstanceLookup={cloudId ? (id) => navigate({ page: 'metadata', cloudId, instanceId: id }) : undefined}
          blockedInstances={blocked}
          focusRequest={focusRequest}
        />
      )}
    </Stack>
  );
}
