/**
 * The one way an id is shown: shortened in the middle ("716a3c5e…4c5b6a", both ends stay
 * recognisable) or after a known name ("alpha-router (716a…)"), never wrapped, the whole id in
 * the title (the hover tooltip, also the accessible description), a copy button for it, and (when
 * given) a link to its row in the topology.
 */
import { ActionIcon, Anchor, CopyButton, Text, type MantineColor } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { nameWithId } from './short-id';
import classes from './short-id.module.css';

export interface ShortIdProps {
  /** The whole id. */
  value: string;
  /** The resource's name when known: shown first. */
  name?: string | null;
  /** e.g. "router": used in the accessible names of the link and the copy button. */
  noun?: string;
  /** Opens the resource (its topology row); absent = plain text. */
  onOpen?: () => void;
  /** 'inherit': the surrounding text's font (a title, a sentence). */
  size?: 'xs' | 'sm' | 'inherit';
  c?: MantineColor;
  /** A copy button for the id (default); off where a row already has one. */
  copy?: boolean;
}

export function ShortId({ value, name, noun, onOpen, size = 'sm', c, copy = true }: ShortIdProps) {
  const text = nameWithId(name, value);
  const title = name ? `${name} \u00b7 ${value}` : value;
  const ff = name ? undefined : 'monospace';
  const idNoun = noun ? `${noun} id` : 'id';
  const font = size === 'inherit' ? { inherit: true } : { size };
  return (
    <span className={classes.shortId} data-short-id={value}>
      {onOpen ? (
        <Anchor
          component="button"
          type="button"
          {...font}
          ff={ff}
          onClick={onOpen}
          title={title}
          aria-label={`Show ${noun ? `${noun} ` : ''}${name ?? value} in the topology`}
          className={classes.text}
        >
          {text}
        </Anchor>
      ) : (
        <Text span {...font} c={c} ff={ff} title={title} className={classes.text}>
          {text}
        </Text>
      )}
      {copy && (
        <CopyButton value={value} timeout={1500}>
          {({ copied, copy: doCopy }) => (
            <ActionIcon
              size="xs"
              variant="subtle"
              color={copied ? 'teal' : 'gray'}
              onClick={(e) => {
                e.stopPropagation();
                doCopy();
              }}
              aria-label={copied ? `Copied the ${idNoun}` : `Copy the ${idNoun}`}
            >
              {copied ? <IconCheck size={12} /> : <IconCopy size={12} />}
            </ActionIcon>
          )}
        </CopyButton>
      )}
    </span>
  );
}
