import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { toDisplayError } from './error-text';

export interface ErrorAlertProps {
  error: unknown;
  /** Overrides the title derived from the error code. */
  title?: string;
  onRetry?: () => void;
  onClose?: () => void;
}

/** An error that names the cause (message), the fix (hint) and the code, for every view. */
export function ErrorAlert({ error, title, onRetry, onClose }: ErrorAlertProps) {
  const shown = toDisplayError(error);
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={
        <Group gap="xs" wrap="nowrap">
          <span>{title ?? shown.title}</span>
          <Badge size="xs" color="red" variant="outline" tt="none" aria-label={`Error code ${shown.code}`}>
            {shown.code}
          </Badge>
        </Group>
      }
      withCloseButton={Boolean(onClose)}
      onClose={onClose}
      closeButtonLabel="Dismiss error"
    >
      <Stack gap={6}>
        <Text size="sm">{shown.message}</Text>
        {shown.hint && (
          <Text size="sm">
            <Text span fw={600} inherit>
              How to fix:{' '}
            </Text>
            {shown.hint}
          </Text>
        )}
        {shown.facts.length > 0 && (
          <Text size="xs" c="dimmed" ff="monospace">
            {shown.facts.join(' · ')}
          </Text>
        )}
        {onRetry && (
          <Group>
            <Button size="xs" variant="light" color="red" onClick={onRetry}>
              Try again
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
