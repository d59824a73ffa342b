/**
 * One row of a topology tree: toggle, icon, label, secondary text, badges, counts and the
 * instance's "Metadata lookup". Focus and keys are handled by the tree (roving tabindex).
 */
import { memo } from 'react';
import { ActionIcon, Badge, Box, Button, Group, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconFileSearch } from '@tabler/icons-react';
import type { TreeNode, TreeRow } from '@shared/topology';
import { IdText } from '../../components/IdText';
import { countsText, kindColor, statusColor, treeKindIcon } from './node-style';
import classes from './topology.module.css';

export const INDENT = 20;

const IP_LIKE = /^[0-9a-f:.]+(, [0-9a-f:.]+)*$|\//i;

interface RowProps {
  row: TreeRow;
  selected: boolean;
  /** The tree's one tab stop (roving tabindex). */
  focusable: boolean;
  highlighted: boolean;
  onToggle: (key: string) => void;
  /** A click: focus and select the row. */
  onSelect: (node: TreeNode) => void;
  /** Right click: the row menu at the pointer. */
  onMenu: (node: TreeNode, at: { x: number; y: number }) => void;
  onInstanceLookup?: (instanceId: string) => void;
  metadataBlocked?: boolean;
}

function RowToggle({
  node,
  expanded,
  onToggle,
}: {
  node: TreeNode;
  expanded: boolean;
  onToggle: (key: string) => void;
}) {
  if (!node.hasChildren) return <Box w={22} style={{ flex: 'none' }} />;
  return (
    <ActionIcon
      size="sm"
      variant="subtle"
      color="gray"
      tabIndex={-1}
      aria-label={`${expanded ? 'Collapse' : 'Expand'} ${node.label}`}
      onClick={(e) => {
        e.stopPropagation();
        onToggle(node.key);
      }}
    >
      {expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
    </ActionIcon>
  );
}

function RowBadges({
  node,
  metadataBlocked,
  onInstanceLookup,
}: {
  node: TreeNode;
  metadataBlocked?: boolean;
  onInstanceLookup?: (instanceId: string) => void;
}) {
  const counts = countsText(node.counts);
  return (
    <Group gap={4} wrap="nowrap" className={classes.rowBadges}>
      {node.badges?.map((badge) => (
        <Badge
          key={badge}
          size="xs"
          variant="light"
          color={badge === 'no device' || badge === 'admin down' ? 'orange' : 'gray'}
          tt="none"
        >
          <IdText text={badge} />
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
        <Text size="xs" c="dimmed" className={classes.rowCounts} title={counts}>
          {counts}
        </Text>
      )}
      {node.kind === 'instance' && node.ref && onInstanceLookup && (
        <Tooltip label="Open this instance on the Instance metadata page" openDelay={400}>
          <Button
            size="compact-xs"
            variant="subtle"
            tabIndex={-1}
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
  );
}

export const TreeRowView = memo(function TreeRowView({
  row,
  selected,
  focusable,
  highlighted,
  onToggle,
  onSelect,
  onMenu,
  onInstanceLookup,
  metadataBlocked,
}: RowProps) {
  const { node, depth, expanded } = row;
  const Icon = treeKindIcon[node.kind];
  const mono = IP_LIKE.test(node.label);
  return (
    <div
      role="treeitem"
      aria-level={depth + 1}
      aria-expanded={node.hasChildren ? expanded : undefined}
      aria-selected={selected}
      aria-label={`${node.label}${node.secondary ? `, ${node.secondary}` : ''}`}
      aria-haspopup={node.ref ? 'menu' : undefined}
      data-key={node.key}
      data-kind={node.kind}
      data-highlighted={highlighted || undefined}
      className={classes.row}
      tabIndex={focusable ? 0 : -1}
      onClick={() => onSelect(node)}
      onContextMenu={(e) => {
        if (!node.ref) return;
        e.preventDefault();
        onMenu(node, { x: e.clientX, y: e.clientY });
      }}
      style={{ paddingLeft: 6 + depth * INDENT }}
    >
      <RowToggle node={node} expanded={expanded} onToggle={onToggle} />
      <Icon
        size={17}
        stroke={1.6}
        color={`var(--mantine-color-${kindColor[node.kind]}-6)`}
        style={{ flex: 'none' }}
        aria-hidden
      />
      <Text size="sm" fw={depth === 0 ? 600 : 500} ff={mono ? 'monospace' : undefined} className={classes.rowLabel}>
        <IdText text={node.label} />
      </Text>
      {node.secondary && (
        <Text size="xs" c="dimmed" className={classes.rowSecondary}>
          <IdText text={node.secondary} />
        </Text>
      )}
      <RowBadges node={node} metadataBlocked={metadataBlocked} onInstanceLookup={onInstanceLookup} />
    </div>
  );
});
