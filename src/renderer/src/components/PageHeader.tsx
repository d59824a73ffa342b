import type { ReactNode } from 'react';
import { Group, Text, Title } from '@mantine/core';

/** Every page's title, one dimmed line of what it is for, and its page-wide actions on the right. */
export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-end" wrap="nowrap">
      <div style={{ minWidth: 0 }}>
        <Title order={2}>{title}</Title>
        <Text size="sm" c="dimmed">
          {description}
        </Text>
      </div>
      {/* The actions keep their size; the description wraps instead (a clipped button was unreadable). */}
      {actions && <div style={{ flex: 'none' }}>{actions}</div>}
    </Group>
  );
}
