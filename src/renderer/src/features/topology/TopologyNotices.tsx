/**
 * What the Topology page says around the view: nothing to show yet (connect or open a snapshot),
 * which snapshot is open offline, and a live fetch's progress, wait, error or details.
 */
import { Alert, Button, Text } from '@mantine/core';
import { IconCloud, IconFileInfo, IconFolderOpen, IconStack2, IconTopologyStar3 } from '@tabler/icons-react';
import type { TopologySnapshot } from '@shared/models/topology';
import type { SessionInfo } from '@shared/models/cloud';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { FetchProgress } from './FetchProgress';

export function NoTopology(props: {
  onConnect: () => void;
  onSample: () => void;
  onFile: () => void;
  opening: boolean;
}) {
  return (
    <EmptyState
      label="No topology"
      icon={<IconTopologyStar3 size={36} stroke={1.5} />}
      title="No topology to show yet"
      description="Connect a cloud to fetch its topology, or open a snapshot: the bundled sample shows a small realistic cloud (three routers, overlapping 10.0.0.0/24 networks, floating IPs, ten instances)."
    >
      <Button leftSection={<IconCloud size={18} />} onClick={props.onConnect}>
        Connect a cloud
      </Button>
      <Button variant="default" leftSection={<IconStack2 size={18} />} onClick={props.onSample} loading={props.opening}>
        Open the sample snapshot
      </Button>
      <Button variant="default" leftSection={<IconFolderOpen size={18} />} onClick={props.onFile}>
        Open a snapshot file…
      </Button>
    </EmptyState>
  );
}

export function OfflineBanner({ offline }: { offline: TopologySnapshot }) {
  const { source } = offline;
  const scope = source.allProjects ? ' (all projects)' : source.projectName ? ` (project ${source.projectName})` : '';
  return (
    <Alert color="blue" variant="light" icon={<IconFileInfo size={18} />} aria-label="Offline snapshot" py={8}>
      {source.sample ? 'The bundled sample snapshot' : `Snapshot file ${source.file ?? ''}`} of {source.cloudName}
      {scope}, fetched {new Date(offline.fetchedAt).toLocaleString()}. Offline: refresh needs a connected cloud.
    </Alert>
  );
}

interface LiveQuery {
  data?: TopologySnapshot;
  isFetching: boolean;
  isPending: boolean;
  isError: boolean;
  error: unknown;
}

function fetchDetails(data: TopologySnapshot, session: SessionInfo | null): string {
  const scope = data.source.allProjects
    ? data.source.projectName
      ? `All projects, filtered to ${data.source.projectName}`
      : 'All projects'
    : `Project ${data.source.projectName ?? session?.scope.kind}`;
  const { durationMs, apiCalls, pages } = data.stats;
  return `${scope} \u00b7 fetched ${new Date(data.fetchedAt).toLocaleTimeString()} in ${(durationMs / 1000).toFixed(1)} s with ${apiCalls} API calls (${pages} pages)`;
}

export function LiveStatus(props: {
  live: LiveQuery;
  cloudName: string;
  session: SessionInfo | null;
  resources: Parameters<typeof FetchProgress>[0]['resources'];
  onRetry: () => void;
}) {
  const { live, cloudName } = props;
  return (
    <>
      {live.isFetching && <FetchProgress resources={props.resources} />}
      {live.isPending && !live.isFetching && <LoadingState label={`Waiting for ${cloudName}…`} />}
      {live.isError && (
        <ErrorAlert
          error={live.error}
          title={`The topology of ${cloudName} could not be fetched`}
          onRetry={props.onRetry}
        />
      )}
      {live.data && (
        <Text size="xs" c="dimmed" aria-label="Fetch details">
          {fetchDetails(live.data, props.session)}
        </Text>
      )}
    </>
  );
}
