import { ActionIcon, Alert, Badge, Button, Card, Code, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
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
import type { StatusClass } from '../../api/log-buffer';
import { ErrorAlert } from '../../components/ErrorAlert';
import { modeLabels } from './listener-form';
import { rateLimitText, scopeSegments, stateColors, stateLabels, tryCommand } from './listener-text';
import { ListenerCounters } from './ListenerCounters';
import { NamedText } from './proxy-names';

export interface ListenerCardProps {
  view: ListenerView;
  cloudName: string;
  onEdit: () => void;
  onRemove: () => void;
  /** Filters the log on this listener: all its requests, or those of one counter. */
  onFilter: (filter: StatusClass | 'all') => void;
  /** The log's filter on this listener now, if any. */
  activeFilter: StatusClass | 'all' | null;
}

function CopyIcon({ value, label }: { value: string; label: string }) {
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? 'Copied' : label} withArrow>
          <ActionIcon variant="subtle" size="sm" onClick={copy} aria-label={label}>
            {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

function Badges({ view }: { view: ListenerView }) {
  const { config, status } = view;
  return (
    <Group gap="xs">
      <Text fw={600} size="lg">
        {config.name}
      </Text>
      <Badge color={stateColors[status.state]} variant="light" aria-label={`State: ${stateLabels[status.state]}`}>
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
  );
}

/** Where it listens: the bound URL when running, else what it will bind. */
function Address({ view }: { view: ListenerView }) {
  const { config, status } = view;
  const running = status.state === 'running';
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const where = config.socketPath ? `unix:${config.socketPath}` : config.port ? `${host}:${config.port}` : host;
  return (
    <Group gap={6}>
      <Text size="sm">{running ? 'Listening on' : 'Binds'}</Text>
      <Code>{running && status.url ? status.url : where}</Code>
      {!running && !config.socketPath && !config.port && (
        <Text size="sm" c="dimmed">
          on a free port chosen at start
        </Text>
      )}
      {running && status.url && <CopyIcon value={status.url} label="Copy address" />}
    </Group>
  );
}

function Actions({ view, onEdit, onRemove, onFilter }: Omit<ListenerCardProps, 'cloudName' | 'activeFilter'>) {
  const { config, status } = view;
  const start = useListenerAction('start');
  const stop = useListenerAction('stop');
  const busy = status.state === 'starting' || status.state === 'stopping' || start.isPending || stop.isPending;
  return (
    <Stack gap={4} align="flex-end">
      <Group gap="xs" wrap="nowrap">
        {status.state === 'running' || status.state === 'stopping' ? (
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
            onClick={() => onFilter('all')}
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
          <ActionIcon variant="default" color="red" size="lg" onClick={onRemove} aria-label={`Delete ${config.name}`}>
            <IconTrash size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      {(start.error || stop.error) && status.state !== 'failed' && (
        <ErrorAlert error={start.error ?? stop.error} onClose={() => (start.reset(), stop.reset())} />
      )}
    </Stack>
  );
}

function Problems({ view }: { view: ListenerView }) {
  const { status } = view;
  return (
    <>
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
    </>
  );
}

function TryIt({ command }: { command: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
        Try it:
      </Text>
      <Code style={{ overflowX: 'auto', whiteSpace: 'nowrap', flex: 1 }}>{command}</Code>
      <CopyIcon value={command} label="Copy command" />
    </Group>
  );
}

/** One listener: what it answers for, where, its state, counters and the start/stop/edit/delete actions. */
export function ListenerCard(props: ListenerCardProps) {
  const { view, cloudName, activeFilter, onFilter } = props;
  const { config, status } = view;
  const command = tryCommand(config, status.url);
  return (
    <Card withBorder padding="md" component="article" aria-label={`Listener ${config.name}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Badges view={view} />
            <NamedText cloudId={config.cloudId} segments={[`${cloudName} \u00b7 `, ...scopeSegments(config)]} />
            <Address view={view} />
          </Stack>
          <Actions view={view} onEdit={props.onEdit} onRemove={props.onRemove} onFilter={onFilter} />
        </Group>
        <Problems view={view} />
        <ListenerCounters view={view} active={activeFilter} onFilter={onFilter} />
        {command && <TryIt command={command} />}
      </Stack>
    </Card>
  );
}
