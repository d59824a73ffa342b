import { Alert, Badge, Button, Code, Drawer, Group, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconSearch } from '@tabler/icons-react';
import type { ProxyLogEntry } from '@shared/models/proxy';
import { useLogEntryTrace } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { TraceView } from '../../components/trace/TraceView';
import { useNavigation } from '../../app/navigation';
import { latencyText, statusColor } from './listener-text';

/** Opens the metadata page on an instance of the listener's cloud (else the navbar's). */
function useLookUp(cloudId: string | null) {
  const { navigate, selectedCloudId } = useNavigation();
  return (instanceId: string) =>
    navigate({ page: 'metadata', cloudId: (cloudId ?? selectedCloudId) || undefined, instanceId });
}

/** One request in detail, with the resolution trace: which Neutron calls decided which instance. */
export function LogEntryDrawer({
  entry,
  cloudId,
  onClose,
}: {
  entry: ProxyLogEntry | null;
  cloudId: string | null;
  onClose: () => void;
}) {
  const trace = useLogEntryTrace(entry?.hasTrace ? entry.seq : null);
  const lookUp = useLookUp(cloudId);
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
              <Row label="Time">{entry.time}</Row>
              <Row label="Instance address">{entry.source}</Row>
              <Row label="Connection from">{entry.peer}</Row>
              {entry.routerId && <Row label="Router">{entry.routerId}</Row>}
              {entry.networkId && <Row label="Network">{entry.networkId}</Row>}
              <Row label="Instance">{entry.instanceId ?? '—'}</Row>
              <Row label="Project">{entry.projectId ?? '—'}</Row>
            </Table.Tbody>
          </Table>
          {entry.detail && (
            <Alert
              color={entry.status >= 400 ? 'orange' : 'blue'}
              variant="light"
              icon={<IconAlertTriangle size={18} />}
            >
              {entry.detail}
            </Alert>
          )}
          <Text fw={600}>Resolution trace</Text>
          {!entry.hasTrace && (
            <Text size="sm" c="dimmed">
              No Neutron lookup for this request: the listener answers as a fixed instance, or the request was refused
              before any lookup.
            </Text>
          )}
          {trace.isPending && entry.hasTrace && <LoadingState label="Loading the trace…" />}
          {trace.isError && <ErrorAlert error={trace.error} title="The trace is no longer available" />}
          {trace.data?.trace && <TraceView trace={trace.data.trace} />}
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

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={160} fw={500} c="dimmed">
        {label}
      </Table.Th>
      <Table.Td style={{ fontFamily: 'var(--mantine-font-family-monospace)', wordBreak: 'break-all' }}>
        {children}
      </Table.Td>
    </Table.Tr>
  );
}
