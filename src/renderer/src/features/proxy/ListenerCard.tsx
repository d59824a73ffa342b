import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconCheck,
  IconCopy,
  IconFilter,
  IconPencil,
  IconPlayerPlay,
  IconPlayerStop,
  IconTrash,
} from '@tabler/icons-react';
import type { ListenerView } from '@shared/models/proxy';
import type { ErrorCode } from '@shared/errors';
import { ApiError, useListenerAction } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { modeLabels } from './listener-form';
import { rateLimitText, scopeText, stateColors, stateLabels, tryCommand } from './listener-text';

export interface ListenerCardProps {
  view: ListenerView;
  cloudName: string;
  onEdit: () => void;
  onRemove: () => void;
  onShowRequests: () => void;
}

const counterLabels: Array<[keyof ListenerView['status']['counters'], string, string]> = [
  ['requests', 'Requests', 'Answered requests since the listener started'],
  ['ok', '2xx', 'Answered by nova with success'],
  ['clientErrors', '4xx', 'Not found, bad request, too large... (429 counted apart)'],
  ['serverErrors', '5xx', 'Neutron or nova failing or unreachable'],
  ['rateLimited', '429', 'Refused by the per-source rate limit'],
  ['unresolved', 'Unresolved', 'No single port matched, or the request did not say which instance'],
  ['rejectedConnections', 'Rejected', 'Connections closed by a limit: timeout, oversized or malformed headers'],
  ['inFlight', 'In flight', 'Requests waiting for Neutron or nova now'],
];

/** One listener: what it answers for, where, its state, counters and the start/stop/edit/delete actions. */
export function ListenerCard({ view, cloudName, onEdit, onRemove, onShowRequests }: ListenerCardProps) {
  const { config, status } = view;
  const start = useListenerAction('start');
  const stop = useListenerAction('stop');
  const running = status.state === 'running';
  const busy = status.state === 'starting' || status.state === 'stopping' || start.isPending || stop.isPending;
  const command = tryCommand(config, status.url);
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const where = config.socketPath ? `unix:${config.socketPath}` : config.port ? `${host}:${config.port}` : host;

  return (
    <Card withBorder padding="md" component="article" aria-label={`Listener ${config.name}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Group gap="xs">
              <Text fw={600} size="lg">
                {config.name}
              </Text>
              <Badge
                color={stateColors[status.state]}
                variant="light"
                aria-label={`State: ${stateLabels[status.state]}`}
              >
                {stateLabels[status.state]}
              </Badge>
              <Badge color="indigo" variant="outline" tt="none">
                {modeLabels[config.mode]}
              </Badge>
              {config.useCache && (
                <Badge color="gray" variant="outline" tt="none">
                  Cache on
                </Badge>
              )}
              {config.rateLimit.enabled && (
                <Badge color="gray" variant="outline" tt="none">
                  {rateLimitText(config)}
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {cloudName} · {scopeText(config)}
            </Text>
            <Group gap={6}>
              <Text size="sm">{running ? 'Listening on' : 'Binds'}</Text>
              <Code>{running && status.url ? status.url : where}</Code>
              {!running && !config.socketPath && !config.port && (
                <Text size="sm" c="dimmed">
                  on a free port chosen at start
                </Text>
              )}
              {running && status.url && (
                <CopyButton value={status.url}>
                  {({ copied, copy }) => (
                    <Tooltip label={copied ? 'Copied' : 'Copy address'} withArrow>
                      <ActionIcon variant="subtle" size="sm" onClick={copy} aria-label="Copy address">
                        {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                      </ActionIcon>
                    </Tooltip>
                  )}
                </CopyButton>
              )}
            </Group>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            {running || status.state === 'stopping' ? (
              <Button
                color="red"
                variant="light"
                leftSection={<IconPlayerStop size={16} />}
                loading={busy}
                onClick={() => stop.mutate(config.id)}
              >
                Stop
              </Button>
            ) : (
              <Button leftSection={<IconPlayerPlay size={16} />} loading={busy} onClick={() => start.mutate(config.id)}>
                Start
              </Button>
            )}
            <Tooltip label="Show this listener's requests" withArrow>
              <ActionIcon
                variant="default"
                size="lg"
                onClick={onShowRequests}
                aria-label={`Show requests of ${config.name}`}
              >
                <IconFilter size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Edit" withArrow>
              <ActionIcon variant="default" size="lg" onClick={onEdit} aria-label={`Edit ${config.name}`}>
                <IconPencil size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Delete" withArrow>
              <ActionIcon
                variant="default"
                color="red"
                size="lg"
                onClick={onRemove}
                aria-label={`Delete ${config.name}`}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>

        {status.warnings.map((warning) => (
          <Alert
            key={warning}
            color="orange"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            title="Reachable from the network"
          >
            {warning}
          </Alert>
        ))}
        {status.state === 'failed' && status.error && (
          <ErrorAlert
            error={new ApiError({ ...status.error, code: status.error.code as ErrorCode })}
            title="The listener could not start"
          />
        )}
        {(start.error || stop.error) && status.state !== 'failed' && (
          <ErrorAlert error={start.error ?? stop.error} onClose={() => (start.reset(), stop.reset())} />
        )}

        <SimpleGrid cols={{ base: 4, md: 8 }} spacing="xs" aria-label={`Counters of ${config.name}`}>
          {counterLabels.map(([key, label, help]) => (
            <Tooltip key={key} label={help} withArrow openDelay={300}>
              <Stack gap={0} aria-label={`${label}: ${status.counters[key]}`}>
                <Text size="xs" c="dimmed">
                  {label}
                </Text>
                <Text fw={600} ff="monospace">
                  {status.counters[key].toLocaleString()}
                </Text>
              </Stack>
            </Tooltip>
          ))}
        </SimpleGrid>

        {command && (
          <Group gap={6} wrap="nowrap">
            <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
              Try it:
            </Text>
            <Code style={{ overflowX: 'auto', whiteSpace: 'nowrap', flex: 1 }}>{command}</Code>
            <CopyButton value={command}>
              {({ copied, copy }) => (
                <ActionIcon variant="subtle" size="sm" onClick={copy} aria-label="Copy command">
                  {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                </ActionIcon>
              )}
            </CopyButton>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
