import type { ReactNode } from 'react';
import { Group, Paper, Stack, Text, Title } from '@mantine/core';

/**
 * What a page shows when it has nothing to show yet: why, and the action that fixes it. A labelled
 * section, so tests and screen readers find it by its label.
 */
export function EmptyState({
  label,
  icon,
  title,
  description,
  children,
}: {
  /** The section's accessible name ("No listeners"). */
  label: string;
  icon?: ReactNode;
  title?: string;
  description: ReactNode;
  /** The actions: buttons, centred under the text. */
  children?: ReactNode;
}) {
  return (
    <Paper withBorder p="xl" component="section" aria-label={label}>
      <Stack align="center" gap="sm">
        {icon}
        {title && <Title order={4}>{title}</Title>}
        <Text size="sm" c="dimmed" ta="center" maw={560}>
          {description}
        </Text>
        {children && <Group justify="center">{children}</Group>}
      </Stack>
    </Paper>
  );
}
