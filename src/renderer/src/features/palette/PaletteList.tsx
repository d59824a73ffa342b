import { useEffect } from 'react';
import { Box, Group, Text, UnstyledButton } from '@mantine/core';
import type { PaletteEntry } from './palette-index';
import classes from './palette.module.css';
import { IdText } from '../../components/IdText';

export const optionId = (index: number) => `palette-option-${index}`;

/** The entries grouped under their heading (Recent, Pages, Clouds, Resources, Actions), in order. */
function groupsOf(entries: readonly PaletteEntry[]) {
  const groups: Array<{ name: string; items: Array<{ entry: PaletteEntry; index: number }> }> = [];
  entries.forEach((entry, index) => {
    const last = groups[groups.length - 1];
    if (last?.name === entry.group) last.items.push({ entry, index });
    else groups.push({ name: entry.group, items: [{ entry, index }] });
  });
  return groups;
}

export interface PaletteListProps {
  entries: readonly PaletteEntry[];
  active: number;
  onActive: (index: number) => void;
  onChoose: (entry: PaletteEntry) => void;
}

/** The listbox the search field controls (aria-activedescendant): the active option follows the arrows. */
export function PaletteList({ entries, active, onActive, onChoose }: PaletteListProps) {
  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [active]);
  return (
    <Box id="palette-listbox" role="listbox" aria-label="Results" className={classes.list}>
      {groupsOf(entries).map((group) => (
        <div role="group" aria-labelledby={`palette-group-${group.name}`} key={group.name}>
          <Text id={`palette-group-${group.name}`} className={classes.groupLabel} size="xs" fw={700} tt="uppercase">
            {group.name}
          </Text>
          {group.items.map(({ entry, index }) => (
            <UnstyledButton
              component="div"
              role="option"
              id={optionId(index)}
              key={entry.key}
              aria-selected={index === active}
              aria-label={entry.detail ? `${entry.label} \u00b7 ${entry.detail}` : entry.label}
              data-active={index === active || undefined}
              className={classes.option}
              tabIndex={-1}
              onMouseMove={() => index !== active && onActive(index)}
              onClick={() => onChoose(entry)}
            >
              <Group gap="sm" wrap="nowrap" justify="space-between">
                <Text size="sm" fw={500} truncate>
                  <IdText text={entry.label} />
                </Text>
                {entry.detail && (
                  <Text size="xs" className={classes.detail} truncate>
                    <IdText text={entry.detail} />
                  </Text>
                )}
              </Group>
            </UnstyledButton>
          ))}
        </div>
      ))}
    </Box>
  );
}
