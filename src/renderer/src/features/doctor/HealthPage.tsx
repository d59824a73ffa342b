import { useCallback, useMemo, useState } from 'react';
import { Alert, Button, Drawer, Group, List, Select, Stack, Switch, Text } from '@mantine/core';
import { IconStethoscope } from '@tabler/icons-react';
import type { FleetReport, FleetRow } from '@shared/models/doctor';
import { useFleetHealth, useOfflineHealth, useOfflineSnapshot, useSessions } from '../../api';
import { useNavigation } from '../../app/navigation';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { DiagnosisView } from './DiagnosisView';
import { FindingCard } from './FindingCard';
import { FleetTable } from './FleetTable';
import { verdictSummary } from './doctor-text';

const OFFLINE = 'offline';

/** "Metadata health": every instance of a scope with its verdict; a click opens its diagnosis. */
export function HealthPage() {
  const sessions = useSessions().data ?? [];
  const { selectedCloudId, navigate } = useNavigation();
  const snapshot = useOfflineSnapshot().data ?? null;
  const [source, setSource] = useState<string | null>(null);
  const [allProjects, setAllProjects] = useState(false);
  const [requested, setRequested] = useState<string | null>(null);
  const [offlineInstance, setOfflineInstance] = useState<string | null>(null);
  const effective =
    source ??
    (sessions.some((s) => s.cloudId === selectedCloudId)
      ? selectedCloudId
      : (sessions[0]?.cloudId ?? (snapshot ? OFFLINE : null)));
  const offline = effective === OFFLINE;
  const session = sessions.find((s) => s.cloudId === effective) ?? null;
  const tokenScope = session ? (session.scope.kind === 'project' ? session.scope.id : session.scope.kind) : '';
  const scope = { tokenScope, allProjects: allProjects && !!session?.isAdmin, projectId: null };
  const live = useFleetHealth(offline ? null : effective, scope, requested === `${effective}|${scope.allProjects}`);
  const off = useOfflineHealth(offline ? snapshot : null);
  const offlineDiagnosis = useOfflineHealth(offline && offlineInstance ? snapshot : null, offlineInstance);
  const report: FleetReport | undefined = offline ? off.data?.report : live.data;
  const query = offline ? off : live;
  const names = useMemo(() => new Map((report?.projects ?? []).map((p) => [p.id, p.name])), [report]);
  const projectName = useCallback((id: string) => names.get(id) ?? id, [names]);
  const open = (row: FleetRow) =>
    offline
      ? setOfflineInstance(row.instanceId)
      : navigate({ page: 'metadata', cloudId: effective ?? undefined, instanceId: row.instanceId });
  const options = [
    ...sessions.map((s) => ({ value: s.cloudId, label: `${s.cloudName}${s.isAdmin ? ' (admin)' : ''}` })),
    ...(snapshot ? [{ value: OFFLINE, label: 'Opened snapshot (offline)' }] : []),
  ];

  return (
    <Stack gap="lg" maw={1280}>
      <PageHeader
        title="Metadata health"
        description="Every instance of a scope: can it get its metadata? Built from one topology fetch plus the agents, what they host and the security groups — never one call per instance."
      />
      {options.length === 0 && (
        <EmptyState
          label="Nothing to check"
          description="Connect to a cloud, or open a topology snapshot, to check its instances."
        />
      )}
      {options.length > 0 && (
        <Group align="flex-end" gap="sm">
          <Select label="Scope" data={options} value={effective} onChange={setSource} allowDeselect={false} w={280} />
          {session?.isAdmin && (
            <Switch
              label="All projects"
              checked={allProjects}
              onChange={(e) => setAllProjects(e.currentTarget.checked)}
            />
          )}
          {!offline && (
            <Button
              leftSection={<IconStethoscope size={16} />}
              loading={live.isFetching}
              onClick={() => {
                const key = `${effective}|${scope.allProjects}`;
                if (requested === key) void live.refetch();
                setRequested(key);
              }}
            >
              Check every instance
            </Button>
          )}
        </Group>
      )}
      {query.isFetching && !report && <LoadingState label="Fetching the topology, agents and security groups…" />}
      {query.isError && <ErrorAlert error={query.error} title="The check failed" onRetry={() => query.refetch()} />}
      {report && (
        <Stack gap="sm" component="section" aria-label="Health report">
          <Group gap="xs">
            <Text size="sm" fw={600}>
              {report.rows.length} instances: {verdictSummary(report.rows)}
            </Text>
            <Text size="xs" c="dimmed">
              {report.mode}, {report.role} view, {report.apiCalls} API calls in {report.durationMs} ms
            </Text>
          </Group>
          {report.scopeFindings
            .filter((f) => f.severity !== 'ok')
            .map((f, i) => (
              <FindingCard key={i} finding={f} />
            ))}
          {report.notChecked.length > 0 && (
            <Alert color="gray" variant="light" title="Not checked">
              <List size="sm">
                {report.notChecked.map((n) => (
                  <List.Item key={n}>{n}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          <FleetTable rows={report.rows} projectName={projectName} onOpen={open} />
        </Stack>
      )}
      <Drawer
        opened={!!offlineInstance}
        onClose={() => setOfflineInstance(null)}
        position="right"
        size="xl"
        title="Diagnosis from the snapshot"
      >
        {offlineDiagnosis.isFetching && <LoadingState label="Diagnosing…" />}
        {offlineDiagnosis.data?.diagnosis && <DiagnosisView diagnosis={offlineDiagnosis.data.diagnosis} />}
      </Drawer>
    </Stack>
  );
}
