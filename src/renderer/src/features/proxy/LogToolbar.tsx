import { Badge, Button, CloseButton, Group, Select, Switch, Text, TextInput } from '@mantine/core';
import { IconDownload, IconSearch, IconTrash } from '@tabler/icons-react';
import type { ListenerView } from '@shared/models/proxy';
import type { LogFilter, StatusClass } from '../../api/log-buffer';

const statusLabels: Record<StatusClass, string> = {
  ok: '2xx',
  clientErrors: '4xx',
  serverErrors: '5xx',
  rateLimited: '429',
  unresolved: 'Unresolved',
};

export interface LogToolbarProps {
  filter: LogFilter;
  onFilterChange: (filter: LogFilter) => void;
  listeners: ListenerView[];
  follow: boolean;
  onFollowChange: (follow: boolean) => void;
  shown: number;
  total: number;
  onClear: () => void;
  clearing: boolean;
  onExport: () => void;
  exporting: boolean;
}

function FilterFields({
  filter,
  onFilterChange,
  listeners,
}: Pick<LogToolbarProps, 'filter' | 'onFilterChange' | 'listeners'>) {
  return (
    <>
      <TextInput
        aria-label="Filter requests"
        placeholder="Address, path, instance, status…"
        leftSection={<IconSearch size={16} />}
        value={filter.text}
        onChange={(e) => onFilterChange({ ...filter, text: e.currentTarget.value })}
        w={240}
      />
      <Select
        aria-label="Listener"
        placeholder="All listeners"
        clearable
        data={listeners.map((l) => ({ value: l.config.id, label: l.config.name }))}
        value={filter.listenerId}
        onChange={(listenerId) => onFilterChange({ ...filter, listenerId })}
        w={170}
      />
      {filter.status && (
        <Badge
          variant="light"
          size="lg"
          tt="none"
          aria-label={`Only ${statusLabels[filter.status]}`}
          rightSection={
            <CloseButton
              size="xs"
              aria-label="Show every status"
              onClick={() => onFilterChange({ ...filter, status: null })}
            />
          }
        >
          Only {statusLabels[filter.status]}
        </Badge>
      )}
      <Switch
        label="Errors only"
        checked={filter.errorsOnly}
        onChange={(e) => onFilterChange({ ...filter, errorsOnly: e.currentTarget.checked })}
      />
    </>
  );
}

/** The log's filter, follow switch, count, export and clear. */
export function LogToolbar(props: LogToolbarProps) {
  const { shown, total } = props;
  return (
    <Group justify="space-between" align="flex-end">
      <Group gap="sm" align="flex-end">
        <FilterFields filter={props.filter} onFilterChange={props.onFilterChange} listeners={props.listeners} />
        <Switch label="Follow" checked={props.follow} onChange={(e) => props.onFollowChange(e.currentTarget.checked)} />
      </Group>
      <Group gap="sm">
        <Text size="sm" c="dimmed" aria-live="polite">
          {shown === total
            ? `${total.toLocaleString()} requests`
            : `${shown.toLocaleString()} of ${total.toLocaleString()} requests`}
        </Text>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconDownload size={14} />}
          onClick={props.onExport}
          loading={props.exporting}
          disabled={shown === 0}
          title="The requests shown, as JSON lines (traces included)"
        >
          Export…
        </Button>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconTrash size={14} />}
          onClick={props.onClear}
          loading={props.clearing}
          disabled={total === 0}
        >
          Clear
        </Button>
      </Group>
    </Group>
  );
}
