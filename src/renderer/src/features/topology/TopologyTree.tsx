/**
 * A virtualized tree (router tree or network tree): only the rows on screen are in the DOM, so a
 * 10,000-port tenant scrolls like a small one. Expand / collapse, counts, search highlights,
 * scroll-to-row, and the instance rows' "Metadata lookup" action.
 */
import { memo, useEffect, useMemo, useRef, useEffectEvent } from 'react';
import { ActionIcon, Badge, Box, Button, Group, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconFileSearch } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { refKey, visibleRows, type TreeNode, type TreeRow } from '@shared/topology';
import { countsText, kindColor, statusColor, treeKindIcon } from './node-style';
import classes from './topology.module.css';

const ROW_HEIGHT = 34;
const INDENT = 20;

export interface TopologyTreeProps {
  /** Accessible name, e.g. "Router tree". */
  label: string;
  roots: readonly TreeNode[];
  expanded: ReadonlySet<string>;
  onToggle: (key: string) => void;
  selectedKey: string | null;
  onSelect: (node: TreeNode) => void;
  /** Entity keys (`port:<id>`) matching the search: their rows are highlighted. */
  highlighted: ReadonlySet<string>;
  /** Scrolls the row with this key into view whenever the nonce changes. */
  scrollTo: { key: string; nonce: number } | null;
  onInstanceLookup?: (instanceId: string) => void;
  /** Instances with a blocking metadata finding (from the doctor's fleet check). */
  blockedInstances?: ReadonlySet<string>;
  emptyText: string;
  /** Height of the scroll area (CSS). */
  height: string;
}

const IP_LIKE = /^[0-9a-f:.]+(, [0-9a-f:.]+)*$|\//i;

interface RowProps {
  row: TreeRow;
  selected: boolean;
  highlighted: boolean;
  onToggle: (key: string) => void;
  onSelect: (node: TreeNode) => void;
  onInstanceLookup?: (instanceId: string) => void;
  metadataBlocked?: boolean;
}

const TreeRowView = memo(function TreeRowView({
  row,
  selected,
  highlighted,
  onToggle,
  onSelect,
  onInstanceLookup,
  metadataBlocked,
}: RowProps) {
  const { node, depth, expanded } = row;
  const Icon = treeKindIcon[node.kind];
  const counts = countsText(node.counts);
  const mono = IP_LIKE.test(node.label);
  return (
    <div
      role="treeitem"
      aria-level={depth + 1}
      aria-expanded={node.hasChildren ? expanded : undefined}
      aria-selected={selected}
      aria-label={`${node.label}${node.secondary ? `, ${node.secondary}` : ''}`}
      data-key={node.key}
      data-kind={node.kind}
      data-highlighted={highlighted || undefined}
      className={classes.row}
      tabIndex={selected ? 0 : -1}
      onClick={() => onSelect(node)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          if (node.hasChildren) onToggle(node.key);
          onSelect(node);
        } else if (e.key === 'ArrowRight' && node.hasChildren && !expanded) onToggle(node.key);
        else if (e.key === 'ArrowLeft' && expanded) onToggle(node.key);
      }}
      style={{ paddingLeft: 6 + depth * INDENT }}
    >
      {node.hasChildren ? (
        <ActionIcon
          size="sm"
          variant="subtle"
          color="gray"
          aria-label={`${expanded ? 'Collapse' : 'Expand'} ${node.label}`}
          onClick={(e) => {
            e.stopPropagation();
            onToggle(node.key);
          }}
        >
          {expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
        </ActionIcon>
      ) : (
        <Box w={22} style={{ flex: 'none' }} />
      )}
      <Icon
        size={17}
        stroke={1.6}
        color={`var(--mantine-color-${kindColor[node.kind]}-6)`}
        style={{ flex: 'none' }}
        aria-hidden
      />
      <Text size="sm" fw={depth === 0 ? 600 : 500} ff={mono ? 'monospace' : undefined} className={classes.rowLabel}>
        {node.label}
      </Text>
      {node.secondary && (
        <Text size="xs" c="dimmed" className={classes.rowSecondary}>
          {node.secondary}
        </Text>
      )}
      <Group gap={4} wrap="nowrap" className={classes.rowBadges}>
        {node.badges?.map((badge) => (
          <Badge
            key={badge}
            size="xs"
            variant="light"
            color={badge === 'no device' || badge === 'admin down' ? 'orange' : 'gray'}
            tt="none"
          >
            {badge}
          </Badge>
        ))}
        {metadataBlocked && (
          <Tooltip label="The metadata doctor found a blocking problem: open the instance's diagnosis">
            <Badge size="xs" variant="filled" color="red" tt="none">
              metadata blocked
            </Badge>
          </Tooltip>
        )}
        {node.status && (
          <Badge size="xs" variant="dot" color={statusColor(node.status)} tt="none">
            {node.status}
          </Badge>
        )}
        {counts && (
          <Text size="xs" c="dimmed" className={classes.rowCounts}>
            {counts}
          </Text>
        )}
        {node.kind === 'instance' && node.ref && onInstanceLookup && (
          <Tooltip label="Open this instance on the Instance metadata page" openDelay={400}>
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconFileSearch size={14} />}
              onClick={(e) => {
                e.stopPropagation();
                onInstanceLookup(node.ref!.id);
              }}
            >
              Metadata lookup
            </Button>
          </Tooltip>
        )}
      </Group>
    </div>
  );
});

export function TopologyTree({
  label,
  roots,
  expanded,
  onToggle,
  selectedKey,
  onSelect,
  highlighted,
  scrollTo,
  onInstanceLookup,
  blockedInstances,
  emptyText,
  height,
}: TopologyTreeProps) {
  const rows = useMemo(() => visibleRows(roots, expanded), [roots, expanded]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => rows[index].node.key,
  });

  // Only when asked (nonce), not on every expand.
  const scrollToRow = useEffectEvent((key: string) => {
    const index = rows.findIndex((r) => r.node.key === key);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'center' });
  });
  const hasRows = rows.length > 0;
  const scrollKey = scrollTo?.key;
  useEffect(() => {
    if (scrollKey !== undefined) scrollToRow(scrollKey);
  }, [scrollTo?.nonce, scrollKey, hasRows]);

  if (roots.length === 0) {
    return (
      <Text size="sm" c="dimmed" p="md" role="status">
        {emptyText}
      </Text>
    );
  }
  return (
    <div
      ref={scrollRef}
      className={classes.treeScroll}
      style={{ height }}
      role="tree"
      aria-label={label}
      aria-multiselectable={false}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          return (
            <div
              key={item.key}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                width: '100%',
                height: ROW_HEIGHT,
                transform: `translateY(${item.start}px)`,
              }}
            >
              <TreeRowView
                row={row}
                selected={row.node.key === selectedKey}
                highlighted={!!row.node.ref && highlighted.has(refKey(row.node.ref))}
                onToggle={onToggle}
                onSelect={onSelect}
                onInstanceLookup={onInstanceLookup}
                metadataBlocked={
                  row.node.kind === 'instance' && !!row.node.ref && !!blockedInstances?.has(row.node.ref.id)
                }
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
