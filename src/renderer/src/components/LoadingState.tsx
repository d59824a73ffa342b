import { Center, Group, Loader, Text } from '@mantine/core';

/** A labelled spinner: the label is what is being loaded, for sighted users and screen readers. */
export function LoadingState({ label, minHeight = 120 }: { label: string; minHeight?: number }) {
  return (
    <Center mih={minHeight} role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Group>
    </Center>
  );
}
