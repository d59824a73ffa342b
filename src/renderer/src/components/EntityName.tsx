/**
 * A resource as an admin wants to read it: "alpha-router (716a…)" with the full id in the tooltip,
 * a copy button for the id, and (when given) a link to its row in the topology.
 */
import { ActionIcon, Anchor, CopyButton, Group, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { nameWithId } from './short-id';

export interface EntityNameProps {
  id: string;
  name?: string | null;
  /** e.g. "router": used in the accessible names of the link and the copy button. */
  noun: string;
  /** Opens the resource (its topology row); absent = plain text. */
  onOpen?: () => void;
  size?: 'xs' | 'sm';
}

export function EntityName({ id, name, noun, onOpen, size = 'sm' }: EntityNameProps) {
  const text = nameWithId(name, id);
  return (
    <Group gap={2} wrap="nowrap" component="span" style={{ display: 'inline-flex', verticalAlign: 'middle' }}>
      <Tooltip label={id} openDelay={300} withArrow>
        {onOpen ? (
          <Anchor
            component="button"
            type="button"
            size={size}
            onClick={onOpen}
            aria-label={`Show ${noun} ${text} in the topology`}
          >
            {text}
          </Anchor>
        ) : (
          <Text span size={size} style={{ whiteSpace: 'nowrap' }}>
            {text}
          </Text>
        )}
      </Tooltip>
      <CopyButton value={id} timeout={1500}>
        {({ copied, copy }) => (
          <ActionIcon
            size="xs"
            variant="subtle"
            color={copied ? 'teal' : 'gray'}
            onClick={copy}
            aria-label={copied ? `Copied the ${noun} id` : `Copy the ${noun} id`}
          >
            {copied ? <IconCheck size={12} /> : <IconCopy size={12} />}
          </ActionIcon>
        )}
      </CopyButton>
    </Group>
  );
}
