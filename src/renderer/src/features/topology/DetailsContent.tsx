/**
 * The two views of the details drawer: the labelled fields (ids copyable, related resources as
 * links) and the raw object as JSON with a copy button.
 */
import { ActionIcon, Anchor, Code, CopyButton, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import type { EntityRef, TopologyModel } from '@shared/topology';
import type { DetailField, EntityDetails } from './entity-details';
import { rawObject } from './row-actions';
import { IdText } from '../../components/IdText';
import { ShortId } from '../../components/ShortId';
import { isLongId } from '../../components/short-id';

export function Copy({ value, label }: { value: string; label: string }) {
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

/** Ids shortened in the middle (never broken across lines); other text wraps between words only. */
function FieldValue({ field, onOpen }: { field: DetailField; onOpen: (ref: EntityRef) => void }) {
  const ff = field.mono ? 'monospace' : undefined;
  if (field.ref)
    return (
      <Anchor
        component="button"
        size="sm"
        ff={ff}
        onClick={() => onOpen(field.ref!)}
        style={{ overflowWrap: 'break-word', textAlign: 'left', minWidth: 0 }}
      >
        <IdText text={field.value} />
      </Anchor>
    );
  if (isLongId(field.value)) return <ShortId value={field.value} copy={false} />;
  return (
    <Text size="sm" ff={ff} style={{ overflowWrap: 'break-word', minWidth: 0 }}>
      <IdText text={field.value} />
    </Text>
  );
}

export function DetailsFields({ details, onOpen }: { details: EntityDetails; onOpen: (ref: EntityRef) => void }) {
  return (
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
                <FieldValue field={field} onOpen={onOpen} />
                {field.copy && <Copy value={field.copy} label={field.label.toLowerCase()} />}
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The model's object for the resource, pretty-printed: every field, including those the table leaves out. */
export function DetailsJson({ model, entity }: { model: TopologyModel; entity: EntityRef }) {
  const json = JSON.stringify(rawObject(model, entity) ?? null, null, 2);
  return (
    <div style={{ position: 'relative' }}>
      <div style={{ position: 'absolute', top: 4, right: 4 }}>
        <Copy value={json} label="JSON" />
      </div>
      {/* Lines stay whole (ids never break): a long one scrolls sideways. */}
      <Code block aria-label="JSON" style={{ fontSize: 12, whiteSpace: 'pre', overflowX: 'auto' }}>
        {json}
      </Code>
    </div>
  );
}
