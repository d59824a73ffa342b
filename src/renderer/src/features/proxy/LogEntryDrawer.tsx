import { Alert, Badge, Button, Code, CopyButton, Drawer, Group, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconSearch, IconTerminal2 } from '@tabler/icons-react';
import type { ListenerView, ProxyLogEntry } from '@shared/models/proxy';
import { useLogEntryTrace } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { TraceView } from '../../components/trace/TraceView';
import { IdText, UnbrokenIds } from '../../components/IdText';
import { anyModelName } from '../../components/model-names';
import { useNavigation } from '../../app/navigation';
import { clockTime, curlFor, latencyText, statusColor } from './listener-text';
import { ProxyEntity, useNames } from './proxy-names';

/** Opens the metadata page on an instance of the listener's cloud (else the navbar's). */
function useLookUp(cloudId: string | null) {
  const { navigate, selectedCloudId } = useNavigation();
  return (instanceId: string) =>
    navigate({ page: 'metadata', cloudId: (cloudId ?? selectedCloudId) || undefined, instanceId });
}

function Row({ label, children, mono = true }: { label: string; children: React.ReactNode; mono?: boolean }) {
  return (
    <Table.Tr>
      <Table.Th w={160} fw={500} c="dimmed">
        {label}
      </Table.Th>
      <Table.Td
        style={mono ? { fontFamily: 'var(--mantine-font-family-monospace)', overflowWrap: 'anywhere' } : undefined}
      >
        {children}
      </Table.Td>
    </Table.Tr>
  );
}

/** The request's facts; resources by name with their ids at hand. */
function Facts({ entry, listener }: { entry: ProxyLogEntry; listener: ListenerView | null }) {
  const cloudId = listener?.config.cloudId ?? '';
  const named = (kind: 'server' | 'router' | 'network' | 'project', id: string | undefined) =>
    id ? <ProxyEntity cloudId={cloudId} refTo={{ kind, id }} /> : '—';
  return (
    <Table withRowBorders={false} verticalSpacing={4}>
      <Table.Tbody>
        <Row label="Status">
          <Group gap="xs">
            <Badge color={statusColor(entry.status)} variant="light">
              {entry.status}
            </Badge>
            {entry.error && <Code>{entry.error}</Code>}
            <Text size="sm">{latencyText(entry.latencyMs)}</Text>
          </Group>
        </Row>
        <Row label="Time">{clockTime(entry.time, true)}</Row>
        <Row label="Listener" mono={false}>
          {listener?.config.name ?? 'deleted listener'}
        </Row>
        <Row label="Instance address">{entry.source}</Row>
        <Row label="Connection from">{entry.peer}</Row>
        {entry.routerId && (
          <Row label="Router" mono={false}>
            {named('router', entry.routerId)}
          </Row>
        )}
        {entry.networkId && (
          <Row label="Network" mono={false}>
            {named('network', entry.networkId)}
          </Row>
        )}
        <Row label="Instance" mono={false}>
          {named('server', entry.instanceId)}
        </Row>
        <Row label="Project" mono={false}>
          {named('project', entry.projectId)}
        </Row>
      </Table.Tbody>
    </Table>
  );
}

/** "Copy as curl": the command that sends this request again to the running listener. */
function CopyAsCurl({ entry, listener }: { entry: ProxyLogEntry; listener: ListenerView | null }) {
  const command = listener ? curlFor(listener.config, listener.status.url, entry) : null;
  if (!command)
    return (
      <Text size="xs" c="dimmed">
        Start the listener to copy a curl that sends this request again.
      </Text>
    );
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <CopyButton value={command}>
          {({ copied, copy }) => (
            <Button
              size="xs"
              variant="light"
              color={copied ? 'teal' : 'blue'}
              leftSection={copied ? <IconCheck size={14} /> : <IconTerminal2 size={14} />}
              onClick={copy}
            >
              {copied ? 'Copied' : 'Copy as curl'}
            </Button>
          )}
        </CopyButton>
        {entry.method !== 'GET' && (
          <Text size="xs" c="dimmed">
            The request body is not kept: add it with --data.
          </Text>
        )}
      </Group>
      <Code block aria-label="curl command" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'break-word' }}>
        <UnbrokenIds text={command} />
      </Code>
    </Stack>
  );
}

/** The entry's explanation, its ids named from the cloud's topology when loaded. */
function EntryDetail({ text, cloudId }: { text: string; cloudId: string | null }) {
  const { model } = useNames();
  const loaded = cloudId ? model(cloudId) : null;
  return <IdText text={text} nameOf={(id) => anyModelName(loaded, id)} />;
}

function TraceSection({ entry, cloudId }: { entry: ProxyLogEntry; cloudId: string | null }) {
  const trace = useLogEntryTrace(entry.hasTrace ? entry.seq : null);
  const { model } = useNames();
  const { navigate } = useNavigation();
  return (
    <>
      <Text fw={600}>Resolution trace</Text>
      {!entry.hasTrace && (
        <Text size="sm" c="dimmed">
          No Neutron lookup for this request: the listener answers as a fixed instance, or the request was refused
          before any lookup.
        </Text>
      )}
      {trace.isPending && entry.hasTrace && <LoadingState label="Loading the trace…" />}
      {trace.isError && <ErrorAlert error={trace.error} title="The trace is no longer available" />}
      {trace.data?.trace && (
        <TraceView
          trace={trace.data.trace}
          model={cloudId ? model(cloudId) : null}
          onOpen={cloudId ? (focus) => navigate({ page: 'topology', cloudId, focus }) : undefined}
        />
      )}
    </>
  );
}

/** One request in detail, with the resolution trace: which Neutron calls decided which instance. */
export function LogEntryDrawer({
  entry,
  listener,
  onClose,
}: {
  entry: ProxyLogEntry | null;
  listener: ListenerView | null;
  onClose: () => void;
}) {
  const lookUp = useLookUp(listener?.config.cloudId ?? null);
  return (
    <Drawer
      opened={entry !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={entry ? `${entry.method} ${entry.path}` : ''}
    >
      {entry && (
        <Stack gap="md" aria-label="Request details">
          <Facts entry={entry} listener={listener} />
          <CopyAsCurl entry={entry} listener={listener} />
          {entry.detail && (
            <Alert
              color={entry.status >= 400 ? 'orange' : 'blue'}
              variant="light"
              icon={<IconAlertTriangle size={18} />}
            >
              <EntryDetail text={entry.detail} cloudId={listener?.config.cloudId ?? null} />
            </Alert>
          )}
          <TraceSection entry={entry} cloudId={listener?.config.cloudId ?? null} />
          {entry.instanceId && (
            <Group>
              <Button
                variant="light"
                leftSection={<IconSearch size={16} />}
                onClick={() => lookUp(entry.instanceId as string)}
              >
                Look up this instance
              </Button>
              <Text size="xs" c="dimmed">
                Every path to it, resolved, and what nova serves it.
              </Text>
            </Group>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
