/** The graph's node renderers: one card per router / network / subnet / instance / group, and frames. */
import { memo, type ReactNode } from 'react';
import { ActionIcon, Group, Text, Tooltip } from '@mantine/core';
import { IconArrowsMinimize, IconDisc, IconFileSearch, IconHierarchy, IconLayoutGrid } from '@tabler/icons-react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { GraphNode } from '@shared/topology';
import { shortenIds } from '../../../components/short-id';
import { blockedLabel } from './blocked-nodes';
import { HANDLE_SIZE } from './elk-graph';
import { graphKindIcon, kindColor, statusColor } from '../node-style';
import classes from '../topology.module.css';

export type TopologyNodeData = {
  node: GraphNode;
  selected: boolean;
  highlighted: boolean;
  /** Blocked instances this node shows (the doctor's "metadata blocked"); 0 for none. */
  blocked: number;
  onInstanceLookup?: (instanceId: string) => void;
};

export type FrameNodeData = {
  label: string;
  componentKey: string;
  onCollapse: (key: string) => void;
  /** Big components: switch between the grid and the layered layout with links. */
  links?: { shown: boolean; onToggle: (key: string) => void };
};

/** A CIDR that may wrap (where names are drawn large) before its prefix length only: "203.0.113.0" / "/24". */
function cidrWithBreak(label: string): ReactNode {
  const slash = label.lastIndexOf('/');
  if (slash <= 0) return shortenIds(label);
  return (
    <>
      {label.slice(0, slash)}
      <wbr />
      {label.slice(slash)}
    </>
  );
}

const hiddenHandle = { opacity: 0, width: HANDLE_SIZE, height: HANDLE_SIZE, pointerEvents: 'none' as const };

/**
 * Badges drawn as an icon on a card: an instance's row already holds its status, project and the
 * lookup button, and a worded "config drive" squeezed the project out of it. The word stays in
 * the icon's title (hover) and accessible name.
 */
const BADGE_ICONS: Record<string, typeof IconDisc> = { 'config drive': IconDisc };

function NodeBadge({ badge }: { badge: string }) {
  const Icon = BADGE_ICONS[badge];
  if (!Icon) return <span className={classes.graphBadge}>{badge}</span>;
  return (
    <span className={classes.graphBadgeIcon} title={badge} role="img" aria-label={badge}>
      <Icon size={13} stroke={1.8} aria-hidden />
    </span>
  );
}

/**
 * Plain elements and CSS rather than Mantine components: an overview can hold hundreds of these,
 * and each Mantine Text / Badge / Group is a component of its own.
 */
export const TopologyNodeView = memo(function TopologyNodeView({
  data: { node: data, selected, highlighted, blocked, onInstanceLookup },
}: NodeProps<Node<TopologyNodeData>>) {
  const Icon = graphKindIcon[data.kind];
  const color = `var(--mantine-color-${kindColor[data.kind]}-6)`;
  const expandable = data.kind === 'instance-group' || data.kind === 'component' || data.kind === 'project';
  const sublabel = data.sublabel ?? (expandable ? 'click to expand' : data.kind);
  const blockedText = blocked ? blockedLabel(blocked, data.kind) : null;
  return (
    <div
      className={classes.graphNode}
      data-selected={selected || undefined}
      data-highlighted={highlighted || undefined}
      data-kind={data.kind}
      data-blocked={blocked || undefined}
      aria-label={`${data.kind.replace('-', ' ')} ${data.label}${blockedText ? `, ${blockedText}` : ''}`}
      // Zoomed out, where no text is drawn, the name still shows on hover.
      title={expandable ? `${data.label}: click to expand` : data.label}
      style={{ borderLeftColor: color }}
    >
      <Handle type="target" position={Position.Left} style={hiddenHandle} isConnectable={false} />
      <div className={classes.graphNodeTitle}>
        <Icon size={16} stroke={1.7} color={color} style={{ flex: 'none' }} aria-hidden />
        <span className={classes.graphNodeLabel} data-mono={data.kind === 'subnet' || undefined} title={data.label}>
          {data.kind === 'subnet' ? cidrWithBreak(data.label) : shortenIds(data.label)}
        </span>
        {blockedText && (
          <span
            className={classes.graphBlocked}
            title="The metadata doctor found a blocking problem: open the instance's diagnosis"
            aria-hidden
          >
            {data.kind === 'instance' ? 'blocked' : `${blocked} blocked`}
          </span>
        )}
      </div>
      <div className={classes.graphNodeMeta}>
        {data.status && (
          <span
            className={classes.graphStatus}
            style={{ ['--dot' as string]: `var(--mantine-color-${statusColor(data.status)}-6)` }}
          >
            {data.status}
          </span>
        )}
        <span
          className={classes.graphNodeSub}
          data-wrap={data.kind === 'component' || data.kind === 'project' || undefined}
          title={sublabel}
        >
          {shortenIds(sublabel)}
        </span>
        {data.badges?.map((b) => (
          <NodeBadge key={b} badge={b} />
        ))}
        {data.kind === 'instance' && data.ref && onInstanceLookup && (
          <button
            type="button"
            className={classes.graphLookup}
            aria-label={`Metadata lookup for ${data.label}`}
            title="Metadata lookup"
            onClick={(e) => {
              e.stopPropagation();
              onInstanceLookup(data.ref!.id);
            }}
          >
            <IconFileSearch size={13} />
          </button>
        )}
      </div>
      <Handle type="source" position={Position.Right} style={hiddenHandle} isConnectable={false} />
    </div>
  );
});

export const FrameNodeView = memo(function FrameNodeView({ data }: NodeProps<Node<FrameNodeData>>) {
  return (
    <div className={classes.graphFrame} style={{ width: '100%', height: '100%' }} aria-label={`Expanded ${data.label}`}>
      <Handle type="target" position={Position.Top} style={hiddenHandle} isConnectable={false} />
      <Group justify="space-between" px={10} py={4} wrap="nowrap">
        <Text size="xs" fw={600} c="dimmed" truncate title={data.label} data-frame-title>
          {data.label}
        </Text>
        <Group gap={2} wrap="nowrap">
          {data.links && (
            <Tooltip label={data.links.shown ? 'Back to the grid' : 'Layered layout with links'} openDelay={300}>
              <ActionIcon
                size="xs"
                variant="subtle"
                color="gray"
                aria-label={`${data.links.shown ? 'Grid' : 'Links'} for ${data.label}`}
                onClick={() => data.links?.onToggle(data.componentKey)}
              >
                {data.links.shown ? <IconLayoutGrid size={13} /> : <IconHierarchy size={13} />}
              </ActionIcon>
            </Tooltip>
          )}
          <Tooltip label="Collapse" openDelay={300}>
            <ActionIcon
              size="xs"
              variant="subtle"
              color="gray"
              aria-label={`Collapse ${data.label}`}
              onClick={() => data.onCollapse(data.componentKey)}
            >
              <IconArrowsMinimize size={13} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
    </div>
  );
});

export const nodeTypes = { topology: TopologyNodeView, frame: FrameNodeView };
