import { useEffect, useMemo, useRef } from 'react';
import { Badge, Box, Button, Group, Paper, Select, Stack, Switch, Text, TextInput, Tooltip } from '@mantine/core';
import { IconSearch, IconTrash } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ListenerView, ProxyLogEntry } from '@shared/models/proxy';
import { filterEntries, type LogFilter } from '../../api/log-buffer';
import { clockTime, latencyText, shortId, statusColor } from './listener-text';

export interface RequestLogProps {
  entries: ProxyLogEntry[];
  listeners: ListenerView[];
  filter: LogFilter;
  onFilterChange: (filter: LogFilter) => void;
  follow: boolean;
  onFollowChange: (follow: boolean) => void;
  onOpen: (entry: ProxyLogEntry) => void;
  onClear: () => void;
  clearing: boolean;
}

const rowHeight = 34;
const columns = '112px 120px 60px minmax(180px, 1fr) 86px 58px 70px minmax(110px, 170px)';
const headers = ['Time', 'Source', 'Method', 'Path', 'Instance', 'Status', 'Latency', 'Reason'];

/** The live request log: a virtualized list (only visible rows render), a filter, and follow mode. */
export function RequestLog({
  entries,
  listeners,
  filter,
  onFilterChange,
  follow,
  onFollowChange,
  onOpen,
  onClear,
  clearing,
}: RequestLogProps) {
  const shown = useMemo(() => filterEntries(entries, filter), [entries, filter]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });

  useEffect(() => {
    if (follow && shown.length > 0) virtualizer.scrollToIndex(shown.length - 1, { align: 'end' });
  }, [follow, shown.length, virtualizer]);

  const listenerNames = new Map(listeners.map((l) => [l.config.id, l.config.name]));

  return (
    <Paper withBorder p="md" component="section" aria-label="Request log">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <Group gap="sm" align="flex-end">
            <TextInput
              aria-label="Filter requests"
              placeholder="Address, path, instance, status…"
              leftSection={<IconSearch size={16} />}
              value={filter.text}
              onChange={(e) => onFilterChange({ ...filter, text: e.currentTarget.value })}
              w={260}
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
            <Switch
              label="Errors only"
              checked={filter.errorsOnly}
              onChange={(e) => onFilterChange({ ...filter, errorsOnly: e.currentTarget.checked })}
            />
            <Switch label="Follow" checked={follow} onChange={(e) => onFollowChange(e.currentTarget.checked)} />
          </Group>
          <Group gap="sm">
            <Text size="sm" c="dimmed" aria-live="polite">
              {shown.length === entries.length
                ? `${entries.length.toLocaleString()} requests`
                : `${shown.length.toLocaleString()} of ${entries.length.toLocaleString()} requests`}
            </Text>
            <Button
              variant="default"
              size="xs"
              leftSection={<IconTrash size={14} />}
              onClick={onClear}
              loading={clearing}
              disabled={entries.length === 0}
            >
              Clear
            </Button>
          </Group>
        </Group>

        <Box
          role="table"
          aria-label="Requests"
          aria-rowcount={shown.length + 1}
          style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-sm)' }}
        >
          <Box
            role="row"
            aria-rowindex={1}
            style={{
              display: 'grid',
              gridTemplateColumns: columns,
              gap: 8,
              padding: '6px 10px',
              borderBottom: '1px solid var(--mantine-color-default-border)',
              background: 'var(--mantine-color-default-hover)',
            }}
          >
            {headers.map((h) => (
              <Text key={h} role="columnheader" size="xs" fw={600} c="dimmed" tt="uppercase">
                {h}
              </Text>
            ))}
          </Box>
          {shown.length === 0 ? (
            <Box p="lg" style={{ height: 140 }}>
              <Text c="dimmed" size="sm" ta="center" mt="xl">
                {entries.length === 0
                  ? 'No requests yet. Start a listener and send one (its card shows a curl command).'
                  : 'No request matches the filter.'}
              </Text>
            </Box>
          ) : (
            <div
              ref={scrollRef}
              style={{ height: 420, overflow: 'auto', contain: 'strict' }}
              onWheel={() => follow && onFollowChange(false)}
            >
              <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                {virtualizer.getVirtualItems().map((item) => {
                  const e = shown[item.index];
                  return (
                    <Box
                      key={e.seq}
                      role="row"
                      aria-rowindex={item.index + 2}
                      tabIndex={0}
                      data-seq={e.seq}
                      aria-label={`${e.method} ${e.path} from ${e.source}: ${e.status}`}
                      onClick={() => onOpen(e)}
                      onKeyDown={(k) => (k.key === 'Enter' || k.key === ' ') && onOpen(e)}
                      className="proxy-log-row"
                      style={{
                        position: 'absolute',
                        top: 0,
                        left: 0,
                        right: 0,
                        height: rowHeight,
                        transform: `translateY(${item.start}px)`,
                        display: 'grid',
                        gridTemplateColumns: columns,
                        gap: 8,
                        alignItems: 'center',
                        padding: '0 10px',
                        cursor: 'pointer',
                        borderBottom: '1px solid var(--mantine-color-default-border)',
                        fontSize: 'var(--mantine-font-size-sm)',
                      }}
                    >
                      <Text
                        role="cell"
                        size="sm"
                        ff="monospace"
                        title={`${e.time} · ${listenerNames.get(e.listenerId) ?? e.listenerId}`}
                      >
                        {clockTime(e.time)}
                      </Text>
                      <Text
                        role="cell"
                        size="sm"
                        ff="monospace"
                        truncate
                        title={e.peer !== e.source ? `${e.source} (via ${e.peer})` : e.source}
                      >
                        {e.source}
                      </Text>
                      <Text role="cell" size="sm">
                        {e.method}
                      </Text>
                      <Text role="cell" size="sm" ff="monospace" truncate title={e.path}>
                        {e.path}
                      </Text>
                      <Text role="cell" size="sm" ff="monospace" title={e.instanceId}>
                        {shortId(e.instanceId) || '—'}
                      </Text>
                      <div role="cell">
                        <Badge size="sm" variant="light" color={statusColor(e.status)}>
                          {e.status}
                        </Badge>
                      </div>
                      <Text role="cell" size="sm" ff="monospace" ta="right">
                        {latencyText(e.latencyMs)}
                      </Text>
                      <Tooltip
                        label={e.detail ?? ''}
                        disabled={!e.detail}
                        withArrow
                        multiline
                        maw={420}
                        openDelay={400}
                      >
                        <Text role="cell" size="sm" c={e.error ? 'red' : 'dimmed'} truncate>
                          {e.error ?? ''}
                        </Text>
                      </Tooltip>
                    </Box>
                  );
                })}
              </div>
            </div>
          )}
        </Box>
      </Stack>
    </Paper>
  );
}
