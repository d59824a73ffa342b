import { useEffect, useEffectEvent, useMemo, useState } from 'react';
import { Alert, Badge, Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconSearch, IconSettings } from '@tabler/icons-react';
import type { ResolveRequest } from '@shared/models/metadata';
import type { SessionInfo } from '@shared/models/cloud';
import { buildTopologyModel } from '@shared/topology';
import { useInstanceLookup, useMetadataConfig, useMetadataDocuments, usePickerTopology, useSessions } from '../../api';
import { EntityPicker } from '../../components/EntityPicker';
import { useNavigation } from '../../app/navigation';
import { routeParams } from '../../app/routes';
import { pageStateKey, pageStates, usePageState } from '../../app/page-state';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { InstanceDiagnosis } from '../../app/slots';
import { DocumentsPanel } from './DocumentsPanel';
import { InstanceSummary } from './InstanceSummary';
import { MetadataConfigModal } from './MetadataConfigModal';
import { NovaApiPanel } from './NovaApiPanel';
import { PathList } from './PathList';
import { planNames } from './plan-names';
import { ResolvePanel } from './ResolvePanel';

/** The cloud looked at, and per cloud the instance, the picker's text and the path documents come through. */
function useLookupState() {
  const sessions = useSessions();
  const { selectedCloudId, selectCloud, route, entry } = useNavigation();
  const target = route.page === 'metadata' && route.instanceId ? route : null;
  const connected = sessions.data ?? [];
  // The current cloud is the app's (header, sidebar, palette); this page's Cloud field switches it.
  const setCloudId = (id: string | null) => id && selectCloud(id);
  const effectiveCloud = connected.some((s) => s.cloudId === selectedCloudId)
    ? selectedCloudId
    : (connected[0]?.cloudId ?? null);
  const session = connected.find((s) => s.cloudId === effectiveCloud) ?? null;
  // Kept per cloud: switching clouds or pages and coming back shows the same instance.
  const [instanceInput, setInstanceInput] = usePageState(pageStateKey('metadata', effectiveCloud, 'input'), '');
  const [instanceId, setInstanceId] = usePageState<string | null>(
    pageStateKey('metadata', effectiveCloud, 'instance'),
    null,
  );
  const [via, setVia] = usePageState<ResolveRequest | null>(pageStateKey('metadata', effectiveCloud, 'via'), null);
  // A lookup asked from elsewhere (a route with an instance) wins, once per visit (entry.key), so
  // asking again for the same instance looks it up again. Written under the target cloud's keys.
  const applyRouteTarget = useEffectEvent(() => {
    if (!target?.instanceId) return;
    const cloud = target.cloudId ?? effectiveCloud;
    if (target.cloudId) setCloudId(target.cloudId);
    pageStates.set(pageStateKey('metadata', cloud, 'input'), target.instanceId);
    pageStates.set(pageStateKey('metadata', cloud, 'instance'), target.instanceId);
    pageStates.set(pageStateKey('metadata', cloud, 'via'), null);
  });
  useEffect(() => applyRouteTarget(), [entry.key]);
  // "Resolve here" from a topology row: that cloud, and the panel starting on its router or network.
  const resolveVia = routeParams(route, 'metadata')?.resolveVia;
  const applyResolveVia = useEffectEvent(() => {
    const asked = routeParams(route, 'metadata');
    if (asked?.resolveVia && asked.cloudId) setCloudId(asked.cloudId);
  });
  useEffect(() => applyResolveVia(), [entry.key]);
  return {
    sessions,
    connected,
    effectiveCloud,
    session,
    setCloudId,
    instanceInput,
    setInstanceInput,
    instanceId,
    setInstanceId,
    via,
    setVia,
    resolveVia,
    visit: entry.key,
  };
}

/** The lookup and the documents through the path chosen (the first one landing on the instance by default). */
function useLookupData(state: ReturnType<typeof useLookupState>) {
  const { effectiveCloud, session, instanceId, via } = state;
  const lookup = useInstanceLookup(session ? effectiveCloud : null, instanceId);
  const chosen = useMemo(() => {
    const r = lookup.data?.resolutions;
    const pick = r?.find((x) => x.landsOnInstance) ?? r?.find((x) => x.trace.outcome.kind === 'resolved');
    return pick?.trace.request ?? null;
  }, [lookup.data]);
  const activeVia = via ?? chosen;
  const canFetch = lookup.data?.canFetch;
  const documents = useMetadataDocuments(canFetch ? effectiveCloud : null, canFetch ? activeVia : null);
  return { lookup, activeVia, documents };
}

function SettingsSummary({ cloudId, session }: { cloudId: string | null; session: SessionInfo | null }) {
  const config = useMetadataConfig(cloudId);
  if (config.isError) return <ErrorAlert error={config.error} title="The metadata settings could not be read" />;
  if (!config.data || !session) return null;
  return (
    <Group gap="xs" aria-label="Metadata settings summary">
      <Text size="sm" c="dimmed">
        nova-api-metadata:
      </Text>
      <Text size="sm" ff="monospace">
        {config.data.novaMetadataUrl ?? 'not set'}
      </Text>
      <Badge variant="light" color={config.data.hasSecret ? 'green' : 'gray'}>
        {config.data.hasSecret ? 'a secret is stored' : 'no secret'}
      </Badge>
      {!session.isAdmin && (
        <Badge variant="light" color="yellow">
          project view: not the agent&apos;s cloud-wide search
        </Badge>
      )}
    </Group>
  );
}

function MissingSettings({ missing, onSettings }: { missing?: string; onSettings: () => void }) {
  return (
    <Alert color="yellow" variant="light" title="Documents need the metadata settings">
      <Stack gap="xs">
        <Text size="sm">{missing}</Text>
        <Text size="sm">
          nova-api-metadata only answers requests signed with the shared secret, as the agent signs them. Until it is
          set, here is what the compute API offers.
        </Text>
        <Group>
          <Button size="xs" variant="light" onClick={onSettings}>
            Metadata settings…
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

interface ResultsProps {
  cloudId: string;
  instanceId: string | null;
  data: ReturnType<typeof useLookupData>;
  model: ReturnType<typeof buildTopologyModel> | null;
  onFetch: (via: ResolveRequest) => void;
  onSettings: () => void;
}

/** The instance, its paths with traces, and what nova serves through the chosen one. */
function LookupResults({ cloudId, instanceId, data, model, onFetch, onSettings }: ResultsProps) {
  const { lookup, activeVia, documents } = data;
  if (!lookup.data) return null;
  return (
    <>
      <InstanceSummary plan={lookup.data.plan} />
      <Stack gap="xs" component="section" aria-label="Paths">
        <Title order={4}>Metadata paths</Title>
        <PathList
          resolutions={lookup.data.resolutions}
          active={documents.data ? activeVia : null}
          canFetch={lookup.data.canFetch}
          onFetch={onFetch}
          onSettings={onSettings}
          model={model}
          names={planNames(lookup.data.plan)}
        />
      </Stack>
      {!lookup.data.canFetch && (
        <>
          <MissingSettings missing={lookup.data.missing} onSettings={onSettings} />
          {instanceId && <NovaApiPanel cloudId={cloudId} instanceId={instanceId} />}
        </>
      )}
      {lookup.data.canFetch && !activeVia && (
        <Text size="sm" c="dimmed">
          No path resolves to a device, so the agent would answer 404 and never ask nova.
        </Text>
      )}
      {documents.isFetching && !documents.data && <LoadingState label="Asking nova-api-metadata as the instance…" />}
      {documents.isError && (
        <ErrorAlert
          error={documents.error}
          title="nova-api-metadata did not serve the documents"
          onRetry={() => documents.refetch()}
        />
      )}
      {documents.data && (
        <DocumentsPanel
          key={`${activeVia?.ip}-${activeVia?.routerId ?? activeVia?.networkId}`}
          result={documents.data}
          instance={lookup.data.plan.instance}
        />
      )}
    </>
  );
}

interface LookupFormProps {
  state: ReturnType<typeof useLookupState>;
  model: ReturnType<typeof buildTopologyModel> | null;
  pickerLoading: boolean;
  onNames: () => void;
  looking: boolean;
  onSubmit: (e: React.FormEvent) => void;
  onSettings?: () => void;
}

function LookupForm({ state, model, pickerLoading, onNames, looking, onSubmit, onSettings }: LookupFormProps) {
  return (
    <form onSubmit={onSubmit} aria-label="Look up an instance">
      <Group align="flex-end" gap="sm">
        <Select
          label="Cloud"
          data={state.connected.map((s) => ({
            value: s.cloudId,
            label: `${s.cloudName}${s.isAdmin ? ' (admin)' : ''}`,
          }))}
          value={state.effectiveCloud}
          onChange={(v) => {
            state.setCloudId(v);
            state.setVia(null);
          }}
          allowDeselect={false}
          w={240}
        />
        <EntityPicker
          kind="server"
          onUse={onNames}
          label="Instance"
          model={model}
          loading={pickerLoading}
          value={state.instanceInput || null}
          onChange={(id) => {
            state.setInstanceInput(id ?? '');
            if (id) {
              state.setVia(null);
              state.setInstanceId(id);
            }
          }}
          w={380}
        />
        <Button type="submit" leftSection={<IconSearch size={16} />} loading={looking}>
          Look up
        </Button>
        <Button variant="default" leftSection={<IconSettings size={16} />} onClick={onSettings} disabled={!onSettings}>
          Metadata settings…
        </Button>
      </Group>
    </form>
  );
}

function NoConnectedCloud({ onClouds }: { onClouds: () => void }) {
  return (
    <EmptyState
      label="No connected cloud"
      title="No connected cloud"
      description="Connect to a cloud first. For the agent's exact answers use an admin session: the agent searches every project's ports."
    >
      <Button onClick={onClouds}>Go to clouds</Button>
    </EmptyState>
  );
}

/**
 * Per-instance metadata: which paths reach the instance (router / DHCP, IPv4 / link-local), how the
 * agent resolves each (trace), and what nova-api-metadata serves it through one of them.
 */
export function MetadataPage() {
  const { navigate } = useNavigation();
  const state = useLookupState();
  const { sessions, connected, effectiveCloud, session, instanceId } = state;
  const [settingsOpened, settings] = useDisclosure();
  const [namesWanted, setNamesWanted] = useState(false);
  const picker = usePickerTopology(session, namesWanted || !!state.resolveVia);
  const pickerModel = useMemo(() => (picker.data ? buildTopologyModel(picker.data) : null), [picker.data]);
  const config = useMetadataConfig(effectiveCloud);
  const data = useLookupData(state);
  const { lookup } = data;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const id = state.instanceInput.trim();
    if (!id) return;
    state.setVia(null);
    if (id === instanceId) void lookup.refetch();
    state.setInstanceId(id);
  };

  return (
    <Stack gap="lg" maw={1280}>
      <PageHeader
        title="Instance metadata"
        description="How an instance reaches 169.254.169.254, how neutron-metadata-agent resolves each path, and what nova-api-metadata serves it."
      />
      {sessions.isPending && <LoadingState label="Loading sessions…" />}
      {sessions.data && connected.length === 0 && <NoConnectedCloud onClouds={() => navigate({ page: 'clouds' })} />}
      {connected.length > 0 && (
        <LookupForm
          state={state}
          model={pickerModel}
          pickerLoading={picker.isFetching && !picker.data}
          onNames={() => setNamesWanted(true)}
          looking={lookup.isFetching}
          onSubmit={submit}
          onSettings={config.data ? settings.open : undefined}
        />
      )}
      <SettingsSummary cloudId={effectiveCloud} session={session} />
      {session && effectiveCloud && instanceId && (
        <InstanceDiagnosis key={`${effectiveCloud}-${instanceId}`} cloudId={effectiveCloud} instanceId={instanceId} />
      )}
      {lookup.isFetching && !lookup.data && <LoadingState label="Resolving the instance's metadata paths…" />}
      {lookup.isError && <ErrorAlert error={lookup.error} title="The lookup failed" onRetry={() => lookup.refetch()} />}
      {effectiveCloud && (
        <LookupResults
          cloudId={effectiveCloud}
          instanceId={instanceId}
          data={data}
          model={pickerModel}
          onFetch={state.setVia}
          onSettings={settings.open}
        />
      )}
      {session && effectiveCloud && (
        <ResolvePanel
          key={state.resolveVia ? `via-${state.visit}` : 'panel'}
          initialVia={state.resolveVia}
          cloudId={effectiveCloud}
          model={pickerModel}
          loading={picker.isFetching && !picker.data}
          onUse={() => setNamesWanted(true)}
        />
      )}
      {config.data && session && (
        <MetadataConfigModal
          opened={settingsOpened}
          onClose={settings.close}
          cloudName={session.cloudName}
          config={config.data}
        />
      )}
    </Stack>
  );
}
