/**
 * The details drawer (an aside beside the tree or graph, so both stay usable): every field of
 * the selected resource, every id copyable, related resources one click away, the instance's
 * "Metadata lookup", and the raw object as JSON (what the API returned, as the model keeps it).
 */
import { Badge, Button, CloseButton, Group, Paper, ScrollArea, Tabs, Text, Title } from '@mantine/core';
import { IconFileSearch } from '@tabler/icons-react';
import type { EntityRef, TopologyModel } from '@shared/topology';
import { IdText } from '../../components/IdText';
import { pageStateKey, usePageState } from '../../app/page-state';
import { ResizeHandle } from '../../components/ResizeHandle';
import { DetailsFields, DetailsJson } from './DetailsContent';
import classes from './topology.module.css';
import { entityDetails, type EntityDetails } from './entity-details';
import { entityKindIcon, kindColor, statusColor } from './node-style';

export type DetailsTab = 'fields' | 'json';

export interface DetailsPanelProps {
  model: TopologyModel;
  entity: EntityRef;
  onClose: () => void;
  onOpen: (ref: EntityRef) => void;
  onInstanceLookup?: (instanceId: string) => void;
  height: string;
  /** Which tab shows (kept by the page, so it survives navigation). */
  tab: DetailsTab;
  onTab: (tab: DetailsTab) => void;
}

/** The drawer's width: dragged (or moved with the arrows) on its left edge, kept across pages. */
const widths = { min: 320, max: 720, initial: 400 };
const widthKey = pageStateKey('topology', null, 'drawerWidth');

function DetailsHeader({
  entity,
  details,
  onClose,
}: {
  entity: EntityRef;
  details?: EntityDetails;
  onClose: () => void;
}) {
  const Icon = entityKindIcon[entity.kind];
  return (
    <>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
          <Icon size={20} color={`var(--mantine-color-${kindColor[entity.kind]}-6)`} style={{ flex: 'none' }} />
          <div style={{ minWidth: 0 }}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {details?.kind ?? entity.kind}
            </Text>
            <Title order={4} style={{ overflowWrap: 'break-word' }}>
              <IdText text={details?.title ?? entity.id} />
            </Title>
          </div>
        </Group>
        <CloseButton aria-label="Close details" onClick={onClose} />
      </Group>
      {details?.status && (
        <Group mt={4}>
          <Badge variant="dot" color={statusColor(details.status)} tt="none">
            {details.status}
          </Badge>
        </Group>
      )}
    </>
  );
}

export function DetailsPanel(props: DetailsPanelProps) {
  const { model, entity, onInstanceLookup } = props;
  const details = entityDetails(model, entity);
  const [width, setWidth] = usePageState(widthKey, widths.initial);
  return (
    <Paper
      withBorder
      p="sm"
      component="aside"
      aria-label="Details"
      w={width}
      h={props.height}
      style={{ flex: 'none', display: 'flex', flexDirection: 'column', position: 'relative' }}
    >
      <ResizeHandle
        label="Details width"
        value={width}
        min={widths.min}
        max={widths.max}
        grows="left"
        onChange={setWidth}
        className={classes.drawerHandle}
      />
      <DetailsHeader entity={entity} details={details} onClose={props.onClose} />
      {details?.instanceId && onInstanceLookup && (
        <Button
          mt="sm"
          size="xs"
          variant="light"
          leftSection={<IconFileSearch size={16} />}
          onClick={() => onInstanceLookup(details.instanceId!)}
        >
          Metadata lookup
        </Button>
      )}
      {!details ? (
        <Text size="sm" c="dimmed" mt="md">
          This resource is not in the fetched topology (it may have been deleted since, or belong to another project).
        </Text>
      ) : (
        <Tabs
          value={props.tab}
          onChange={(v) => props.onTab(v === 'json' ? 'json' : 'fields')}
          mt="sm"
          style={{ flex: 1, display: 'flex', flexDirection: 'column', minHeight: 0 }}
        >
          <Tabs.List>
            <Tabs.Tab value="fields">Fields</Tabs.Tab>
            <Tabs.Tab value="json">JSON</Tabs.Tab>
          </Tabs.List>
          <ScrollArea mt="xs" style={{ flex: 1 }} type="auto">
            {props.tab === 'json' ? (
              <DetailsJson model={model} entity={entity} />
            ) : (
              <DetailsFields details={details} onOpen={props.onOpen} />
            )}
          </ScrollArea>
        </Tabs>
      )}
    </Paper>
  );
}
