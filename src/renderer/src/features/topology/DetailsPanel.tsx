/**
 * The details drawer (an aside beside the tree or graph, so both stay usable): every field of
 * the selected resource, every id copyable, related resources one click away, and the
 * instance's "Metadata lookup".
 */
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  CloseButton,
  CopyButton,
  Group,
  Paper,
  ScrollArea,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy, IconFileSearch } from '@tabler/icons-react';
import type { EntityRef, TopologyModel } from '@shared/topology';
import { entityDetails } from './entity-details';
import { entityKindIcon, kindColor, statusColor } from './node-style';

export interface DetailsPanelProps {
  model: TopologyModel;
  entity: EntityRef;
  onClose: () => void;
  onOpen: (ref: EntityRef) => void;
  onInstanceLookup?: (instanceId: string) => void;
  height: string;
}

function Copy({ value, label }: { value: string; label: string }) {
  return (
    <CopyButton value={value} timeout={1500}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? 'Copied' : `Copy ${label}`} withArrow openDelay={200}>
          <ActionIcon
            size="sm"
            variant="subtle"
            color={copied ? 'teal' : 'gray'}
            onClick={copy}
            aria-label={`Copy ${label}`}
          >
            {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

export function DetailsPanel({ model, entity, onClose, onOpen, onInstanceLookup, height }: DetailsPanelProps) {
  const details = entityDetails(model, entity);
  const Icon = entityKindIcon[entity.kind];
  return (
    <Paper
      withBorder
      p="sm"
      component="aside"
      aria-label="Details"
      w={400}
      h={height}
      style={{ flex: 'none', display: 'flex', flexDirection: 'column' }}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
          <Icon size={20} color={`var(--mantine-color-${kindColor[entity.kind]}-6)`} style={{ flex: 'none' }} />
          <div style={{ minWidth: 0 }}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {details?.kind ?? entity.kind}
            </Text>
            <Title order={4} style={{ wordBreak: 'break-all' }}>
              {details?.title ?? entity.id}
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
        <ScrollArea mt="sm" style={{ flex: 1 }} type="auto">
          <Table withRowBorders={false} verticalSpacing={3} horizontalSpacing={6} layout="fixed">
            <Table.Tbody>
              {details.fields.map((field, i) => (
                <Table.Tr key={`${field.label}-${i}`}>
                  <Table.Td w={120} style={{ verticalAlign: 'top' }}>
                    <Text size="xs" c="dimmed">
                      {field.label}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={2} wrap="nowrap" align="flex-start">
                      {field.ref ? (
                        <Anchor
                          component="button"
                          size="sm"
                          ff={field.mono ? 'monospace' : undefined}
                          onClick={() => onOpen(field.ref!)}
                          style={{ wordBreak: 'break-all', textAlign: 'left' }}
                        >
                          {field.value}
                        </Anchor>
                      ) : (
                        <Text size="sm" ff={field.mono ? 'monospace' : undefined} style={{ wordBreak: 'break-all' }}>
                          {field.value}
                        </Text>
                      )}
                      {field.copy && <Copy value={field.copy} label={field.label.toLowerCase()} />}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </Paper>
  );
}
