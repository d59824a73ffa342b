import { useEffect, useMemo, useRef } from 'react';
import { Badge, Box, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ListenerView, ProxyLogEntry } from '@shared/models/proxy';
import { filterEntries, type LogFilter } from '../../api/log-buffer';
import { ResizeHandle } from '../../components/ResizeHandle';
import { pageStateKey, usePageState } from '../../app/page-state';
import { clockTime, latencyText, statusColor } from './listener-text';
import { LogToolbar, type LogToolbarProps } from './LogToolbar';
import { ProxyEntity, useNames } from './proxy-names';
import classes from './proxy.module.css';

export interface RequestLogProps extends Pick<
  LogToolbarProps,
  'filter' | 'onFilterChange' | 'follow' | 'onFollowChange' | 'onClear' | 'clearing' | 'exporting'
> {
  entries: ProxyLogEntry[];
  listeners: ListenerView[];
  onOpen: (entry: ProxyLogEntry) => void;
  /** Exports these entries (the ones the filter shows). */
  onExport: (shown: ProxyLogEntry[]) => void;
}

const rowHeight = 34;
const headers = ['Time', 'Listener', 'Source', 'Method', 'Path', 'Instance', 'Status', 'Latency', 'Reason'];
const pathLimits = { min: 120, max: 900, initial: 220, step: 24 };

/**
 * Fixed columns, then the path (resizable), then columns that share what is left: at 1280 px with
 * the sidebar open every column, Reason included, fits without a sideways scrollbar.
 */
const fixedColumns = { time: 96, source: 90, method: 60, status: 50, latency: 64 };
const flexMins = { listener: 80, instance: 140, reason: 80 };
const padding = 20 + 8 * 8;
/** The narrowest the row gets before the log scrolls sideways. */
function minRowWidth(pathWidth: number): number {
  const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
  return sum(fixedColumns) + sum(flexMins) + padding + pathWidth;
}

function gridColumns(pathWidth: number): string {
  const f = fixedColumns;
  const m = flexMins;
  return [
    `${f.time}px`,
    `minmax(${m.listener}px, 1fr)`,
    `${f.source}px`,
    `${f.method}px`,
    `${pathWidth}px`,
    `minmax(${m.instance}px, 1.4fr)`,
    `${f.status}px`,
    `${f.latency}px`,
    `minmax(${m.reason}px, 1fr)`,
  ].join(' ');
}

/** The header row; the path column is resized by dragging or with the arrow keys on its edge. */
function LogHeader({
  columns,
  pathWidth,
  onPathWidth,
}: {
  columns: string;
  pathWidth: number;
  onPathWidth: (w: number) => void;
}) {
  return (
    <Box
      role="row"
      aria-rowindex={1}
      className="proxy-log-head"
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
        <Box key={h} role="columnheader" style={{ display: 'flex', alignItems: 'center', minWidth: 0 }}>
          <Text size="xs" fw={600} c="dimmed" tt="uppercase" style={{ flex: 1 }}>
            {h}
          </Text>
          {h === 'Path' && (
            <ResizeHandle
              label="Path column width"
              value={pathWidth}
              min={pathLimits.min}
              max={pathLimits.max}
              step={pathLimits.step}
              grows="right"
              onChange={onPathWidth}
              className={classes.resizer}
              visible
            />
          )}
        </Box>
      ))}
    </Box>
  );
}

interface RowProps {
  entry: ProxyLogEntry;
  listener: ListenerView | undefined;
  columns: string;
  index: number;
  start: number;
  onOpen: (entry: ProxyLogEntry) => void;
}

function LogRow({ entry: e, listener, columns, index, start, onOpen }: RowProps) {
  const cloudId = listener?.config.cloudId ?? '';
  return (
    <Box
      role="row"
      aria-rowindex={index + 2}
      tabIndex={0}
      data-seq={e.seq}
      aria-label={`${e.method} ${e.path} from ${e.source}: ${e.status}`}
      onClick={() => onOpen(e)}
      onKeyDown={(k) => (k.key === 'Enter' || k.key === ' ') && k.target === k.currentTarget && onOpen(e)}
      className="proxy-log-row"
      style={{
        position: 'absolute',
        top: 0,
        left: 0,
        right: 0,
        height: rowHeight,
        transform: `translateY(${start}px)`,
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
      <Text role="cell" size="sm" ff="monospace" title={clockTime(e.time, true)}>
        {clockTime(e.time)}
      </Text>
      <Text role="cell" size="sm" truncate title={listener?.config.name}>
        {listener?.config.name ?? 'deleted listener'}
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
      {/* Its link and copy button act on their own, not as a click on the row. */}
      <div role="cell" style={{ minWidth: 0, overflow: 'hidden' }} onClick={(c) => c.stopPropagation()}>
        {e.instanceId ? (
          <ProxyEntity cloudId={cloudId} refTo={{ kind: 'server', id: e.instanceId }} size="xs" />
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </div>
      <div role="cell">
        <Badge size="sm" variant="light" color={statusColor(e.status)}>
          {e.status}
        </Badge>
      </div>
      <Text role="cell" size="sm" ff="monospace" ta="right">
        {latencyText(e.latencyMs)}
      </Text>
      <Tooltip label={e.detail ?? ''} disabled={!e.detail} withArrow multiline maw={420} openDelay={400}>
        <Text role="cell" size="sm" c={e.error ? 'red' : 'dimmed'} truncate>
          {e.error ?? ''}
        </Text>
      </Tooltip>
    </Box>
  );
}

function LogBody(props: {
  shown: ProxyLogEntry[];
  byId: Map<string, ListenerView>;
  columns: string;
  follow: boolean;
  onFollowChange: (f: boolean) => void;
  onOpen: (e: ProxyLogEntry) => void;
}) {
  const { shown, follow, onFollowChange } = props;
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
  return (
    <div ref={scrollRef} className={classes.logBody} onWheel={() => follow && onFollowChange(false)}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const e = shown[item.index];
          return (
            <LogRow
              key={e.seq}
              entry={e}
              listener={props.byId.get(e.listenerId)}
              columns={props.columns}
              index={item.index}
              start={item.start}
              onOpen={props.onOpen}
            />
          );
        })}
      </div>
    </div>
  );
}

/** The entries the filter shows; the text matches listener and instance names too. */
function useShown(entries: ProxyLogEntry[], filter: LogFilter, byId: Map<string, ListenerView>) {
  const { name } = useNames();
  return useMemo(() => {
    const names = (e: ProxyLogEntry) => {
      const listener = byId.get(e.listenerId);
      const instance =
        listener && e.instanceId ? name(listener.config.cloudId, { kind: 'server', id: e.instanceId }) : null;
      return [listener?.config.name, instance].filter(Boolean).join(' ');
    };
    return filterEntries(entries, filter, names);
  }, [entries, filter, byId, name]);
}

/** The live request log: a virtualized list (only visible rows render), a filter, follow mode, export. */
export function RequestLog(props: RequestLogProps) {
  const { entries, listeners, filter } = props;
  const byId = useMemo(() => new Map(listeners.map((l) => [l.config.id, l])), [listeners]);
  const shown = useShown(entries, filter, byId);
  const [pathWidth, setPathWidth] = usePageState(pageStateKey('proxy', null, 'pathWidth'), pathLimits.initial);
  const columns = gridColumns(pathWidth);
  const empty =
    entries.length === 0
      ? 'No requests yet. Start a listener and send one (its card shows a curl command).'
      : 'No request matches the filter.';
  return (
    <Paper withBorder p="md" component="section" aria-label="Request log" className={classes.log}>
      <Stack gap="sm" className={classes.logColumn}>
        <LogToolbar {...props} shown={shown.length} total={entries.length} onExport={() => props.onExport(shown)} />
        <Box role="table" aria-label="Requests" aria-rowcount={shown.length + 1} className={classes.logTable}>
          <Box className={classes.logColumn} style={{ minWidth: minRowWidth(pathWidth) }}>
            <LogHeader columns={columns} pathWidth={pathWidth} onPathWidth={setPathWidth} />
            {shown.length === 0 ? (
              <Box p="lg" style={{ height: 140 }}>
                <Text c="dimmed" size="sm" ta="center" mt="xl">
                  {empty}
                </Text>
              </Box>
            ) : (
              <LogBody
                shown={shown}
                byId={byId}
                columns={columns}
                follow={props.follow}
                onFollowChange={props.onFollowChange}
                onOpen={props.onOpen}
              />
            )}
          </Box>
        </Box>
      </Stack>
    </Paper>
  );
}
