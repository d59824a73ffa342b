/** The graph's node renderers: one card per router / network / subnet / instance / group, and frames. */
import { memo } from 'react';
import { ActionIcon, Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconArrowsMinimize, IconFileSearch } from '@tabler/icons-react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { GraphNode } from '@shared/topology';
import { graphKindIcon, kindColor, statusColor } from '../node-style';
import classes from '../topology.module.css';

export type TopologyNodeData = {
  node: GraphNode;
  selected: boolean;
  highlighted: boolean;
  onInstanceLookup?: (instanceId: string) => void;
};

export type FrameNodeData = { label: string; componentKey: string; onCollapse: (key: string) => void };

const hiddenHandle = { opacity: 0, width: 6, height: 6, pointerEvents: 'none' as const };

export const TopologyNodeView = memo(function TopologyNodeView({ data: { node: data, selected, highlighted, onInstanceLookup } }: NodeProps<Node<TopologyNodeData>>) {
  const Icon = graphKindIcon[data.kind];
  const color = kindColor[data.kind];
  const expandable = data.kind === 'instance-group' || data.kind === 'component';
  return (
    <div
      className={classes.graphNode}
      data-selected={selected || undefined}
      data-highlighted={highlighted || undefined}
      data-kind={data.kind}
      data-testid={`graph-node-${data.id}`}
      aria-label={`${data.kind.replace('-', ' ')} ${data.label}`}
      title={expandable ? 'Click to expand' : undefined}
      style={{ borderLeftColor: `var(--mantine-color-${color}-6)` }}
    >
      <Handle type="target" position={Position.Left} style={hiddenHandle} isConnectable={false} />
      <Group gap={6} wrap="nowrap">
        <Icon size={16} stroke={1.7} color={`var(--mantine-color-${color}-6)`} style={{ flex: 'none' }} aria-hidden />
        <Text size="sm" fw={600} truncate ff={data.kind === 'subnet' ? 'monospace' : undefined} style={{ flex: 1, minWidth: 0 }} title={data.label}>
          {data.label}
        </Text>
      </Group>
      <Group gap={4} wrap="nowrap" mt={2}>
        {data.status && (
          <Badge size="xs" variant="dot" color={statusColor(data.status)} tt="none" style={{ flex: 'none' }}>
            {data.status}
          </Badge>
        )}
        <Text size="xs" c="dimmed" truncate style={{ flex: 1, minWidth: 0 }} title={data.sublabel}>
          {data.sublabel ?? (expandable ? 'click to expand' : data.kind)}
        </Text>
        {data.badges?.map((b) => (
          <Badge key={b} size="xs" variant="light" color="gray" tt="none" style={{ flex: 'none' }}>
            {b}
          </Badge>
        ))}
        {data.kind === 'instance' && data.ref && onInstanceLookup && (
          <Tooltip label="Metadata lookup" openDelay={300}>
            <ActionIcon
              size="xs"
              variant="subtle"
              aria-label={`Metadata lookup for ${data.label}`}
              onClick={(e) => {
                e.stopPropagation();
                onInstanceLookup(data.ref!.id);
              }}
            >
              <IconFileSearch size={13} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      <Handle type="source" position={Position.Right} style={hiddenHandle} isConnectable={false} />
    </div>
  );
});

export const FrameNodeView = memo(function FrameNodeView({ data }: NodeProps<Node<FrameNodeData>>) {
  return (
    <div className={classes.graphFrame} style={{ width: '100%', height: '100%' }} aria-label={`Expanded ${data.label}`}>
      <Group justify="space-between" px={10} py={4} wrap="nowrap">
        <Text size="xs" fw={600} c="dimmed" truncate>
          {data.label}
        </Text>
        <Tooltip label="Collapse" openDelay={300}>
          <ActionIcon size="xs" variant="subtle" color="gray" aria-label={`Collapse ${data.label}`} onClick={() => data.onCollapse(data.componentKey)}>
            <IconArrowsMinimize size={13} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </div>
  );
});

export const nodeTypes = { topology: TopologyNodeView, frame: FrameNodeView };
