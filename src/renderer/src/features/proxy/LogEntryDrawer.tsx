import { Alert, Badge, Code, Drawer, Group, Stack, Table, Text, Timeline } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { TraceStep } from '@shared/models/metadata';
import type { ProxyLogEntry } from '@shared/models/proxy';
import { useLogEntryTrace } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { latencyText, statusColor } from './listener-text';

const stepColors: Record<TraceStep['outcome'], string> = { ok: 'green', cached: 'blue', empty: 'yellow', refused: 'orange', error: 'red' };

/** One request in detail, with the resolution trace: which Neutron calls decided which instance. */
export function LogEntryDrawer({ entry, onClose }: { entry: ProxyLogEntry | null; onClose: () => void }) {
  const trace = useLogEntryTrace(entry?.hasTrace ? entry.seq : null);
  return (
    <Drawer opened={entry !== null} onClose={onClose} position="right" size="xl" title={entry ? `${entry.method} ${entry.path}` : ''}>
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
            <Alert color={entry.status >= 400 ? 'orange' : 'blue'} variant="light" icon={<IconAlertTriangle size={18} />}>
              {entry.detail}
            </Alert>
          )}
          <Text fw={600}>Resolution trace</Text>
          {!entry.hasTrace && (
            <Text size="sm" c="dimmed">
              No Neutron lookup for this request: the listener answers as a fixed instance, or the request was refused before any lookup.
            </Text>
          )}
          {trace.isPending && entry.hasTrace && <LoadingState label="Loading the trace…" />}
          {trace.isError && <ErrorAlert error={trace.error} title="The trace is no longer available" />}
          {trace.data?.trace && (
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {trace.data.trace.path === 'router' ? 'Router path' : trace.data.trace.path === 'network' ? 'Network path' : 'No path'} ·{' '}
                {trace.data.trace.neutronCalls} Neutron call{trace.data.trace.neutronCalls === 1 ? '' : 's'} · {latencyText(trace.data.trace.durationMs)}
                {trace.data.trace.cached ? ' · from the cache' : ''}
              </Text>
              {trace.data.trace.warnings?.map((w) => (
                <Alert key={w} color="yellow" variant="light">
                  {w}
                </Alert>
              ))}
              <Timeline bulletSize={14} lineWidth={2} aria-label="Trace steps">
                {trace.data.trace.steps.map((step, i) => (
                  <Timeline.Item key={`${step.name}-${i}`} color={stepColors[step.outcome]} title={<Text size="sm" fw={600}>{step.name} <Badge size="xs" variant="light" color={stepColors[step.outcome]}>{step.outcome}</Badge></Text>}>
                    <Text size="sm">{step.detail}</Text>
                    {step.request && (
                      <Code block mt={4} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                        {step.request}
                        {step.status ? ` → ${step.status}` : ''}
                      </Code>
                    )}
                    <Text size="xs" c="dimmed">
                      {latencyText(step.durationMs)}
                    </Text>
                  </Timeline.Item>
                ))}
              </Timeline>
            </Stack>
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
      <Table.Td style={{ fontFamily: 'var(--mantine-font-family-monospace)', wordBreak: 'break-all' }}>{children}</Table.Td>
    </Table.Tr>
  );
}
