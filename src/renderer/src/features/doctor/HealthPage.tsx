import { useCallback, useMemo, useState } from 'react';
import { Alert, Button, Drawer, Group, List, Select, Stack, Switch, Text } from '@mantine/core';
import { IconStethoscope } from '@tabler/icons-react';
import type { FleetReport, FleetRow } from '@shared/models/doctor';
import { tokenScopeOf, useFleetHealth, useOfflineHealth, useOfflineSnapshot, useSessions } from '../../api';
import { useNavigation } from '../../app/navigation';
import { pageStateKey, usePageState } from '../../app/page-state';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { DiagnosisView } from './DiagnosisView';
import { FindingCard } from './FindingCard';
import { FleetTable } from './FleetTable';
import { verdictSummary } from './doctor-text';

const OFFLINE = 'offline';

/**
 * Which scope is checked (a connected cloud or the opened snapshot), All projects, and whether the
 * check was asked: kept across navigation, so coming back shows the same report.
 */
function useHealthScope() {
  const sessions = useSessions().data ?? [];
  const { selectedCloudId, selectCloud } = useNavigation();
  const snapshot = useOfflineSnapshot().data ?? null;
  const [source, setPageSource] = usePageState<string | null>(pageStateKey('health', null, 'source'), null);
  const effective =
    source ??
    (sessions.some((s) => s.cloudId === selectedCloudId)
      ? selectedCloudId
      : (sessions[0]?.cloudId ?? (snapshot ? OFFLINE : null)));
  // A cloud picked here is the app's current cloud; the offline snapshot stays this page's choice.
  const setSource = (v: string | null) => {
    setPageSource(v === OFFLINE ? v : null);
    if (v && v !== OFFLINE) selectCloud(v);
  };
  const [allProjects, setAllProjects] = usePageState(pageStateKey('health', effective, 'allProjects'), false);
  const [requested, setRequested] = usePageState<string | null>(pageStateKey('health', effective, 'requested'), null);
  const session = sessions.find((s) => s.cloudId === effective) ?? null;
  const tokenScope = session ? tokenScopeOf(session) : '';
  const scope = { tokenScope, allProjects: allProjects && !!session?.isAdmin, projectId: null };
  const options = [
    ...sessions.map((s) => ({ value: s.cloudId, label: `${s.cloudName}${s.isAdmin ? ' (admin)' : ''}` })),
    ...(snapshot ? [{ value: OFFLINE, label: 'Opened snapshot (offline)' }] : []),
  ];
  return {
    effective,
    offline: effective === OFFLINE,
    session,
    snapshot,
    scope,
    options,
    setSource,
    allProjects,
    setAllProjects,
    requested,
    setRequested,
  };
}

type HealthScope = ReturnType<typeof useHealthScope>;

function ScopeControls({ s, live }: { s: HealthScope; live: ReturnType<typeof useFleetHealth> }) {
  const key = `${s.effective}|${s.scope.allProjects}`;
  return (
    <Group align="flex-end" gap="sm">
      <Select label="Scope" data={s.options} value={s.effective} onChange={s.setSource} allowDeselect={false} w={280} />
      {s.session?.isAdmin && (
        <Switch
          label="All projects"
          checked={s.allProjects}
          onChange={(e) => s.setAllProjects(e.currentTarget.checked)}
        />
      )}
      {!s.offline && (
        <Button
          leftSection={<IconStethoscope size={16} />}
          loading={live.isFetching}
          onClick={() => {
            if (s.requested === key) void live.refetch();
            s.setRequested(key);
          }}
        >
          Check every instance
        </Button>
      )}
    </Group>
  );
}

function HealthReport({
  report,
  scopeKey,
  onOpen,
}: {
  report: FleetReport;
  scopeKey: string | null;
  onOpen: (row: FleetRow) => void;
}) {
  const names = useMemo(() => new Map((report.projects ?? []).map((p) => [p.id, p.name])), [report]);
  const projectName = useCallback((id: string) => names.get(id) ?? id, [names]);
  return (
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
      <FleetTable rows={report.rows} projectName={projectName} onOpen={onOpen} scopeKey={scopeKey} />
    </Stack>
  );
}

/** "Metadata health": every instance of a scope with its verdict; a click opens its diagnosis. */
export function HealthPage() {
  const { navigate } = useNavigation();
  const s = useHealthScope();
  const [offlineInstance, setOfflineInstance] = useState<string | null>(null);
  const live = useFleetHealth(
    s.offline ? null : s.effective,
    s.scope,
    s.requested === `${s.effective}|${s.scope.allProjects}`,
  );
  const off = useOfflineHealth(s.offline ? s.snapshot : null);
  const offlineDiagnosis = useOfflineHealth(s.offline && offlineInstance ? s.snapshot : null, offlineInstance);
  const report: FleetReport | undefined = s.offline ? off.data?.report : live.data;
  const query = s.offline ? off : live;
  const open = (row: FleetRow) =>
    s.offline
      ? setOfflineInstance(row.instanceId)
      : navigate({ page: 'metadata', cloudId: s.effective ?? undefined, instanceId: row.instanceId });

  return (
    <Stack gap="lg" maw={1280}>
      <PageHeader
        title="Metadata health"
        description="Every instance of a scope: can it get its metadata? Built from one topology fetch plus the agents, what they host and the security groups — never one call per instance."
      />
      {s.options.length === 0 && (
        <EmptyState
          label="Nothing to check"
          description="Connect to a cloud, or open a topology snapshot, to check its instances."
        >
          <Button onClick={() => navigate({ page: 'clouds' })}>Go to clouds</Button>
        </EmptyState>
      )}
      {s.options.length > 0 && <ScopeControls s={s} live={live} />}
      {query.isFetching && !report && <LoadingState label="Fetching the topology, agents and security groups…" />}
      {query.isError && <ErrorAlert error={query.error} title="The check failed" onRetry={() => query.refetch()} />}
      {report && <HealthReport report={report} scopeKey={s.effective} onOpen={open} />}
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
