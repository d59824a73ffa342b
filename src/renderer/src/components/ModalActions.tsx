import type { ReactNode } from 'react';
import { Button, Group } from '@mantine/core';

/** The button row at the bottom of a dialog: Cancel (when it can be cancelled), then the action. */
export function ModalActions({
  onCancel,
  cancelLabel = 'Cancel',
  children,
}: {
  onCancel?: () => void;
  cancelLabel?: string;
  /** The dialog's own actions, primary last. */
  children: ReactNode;
}) {
  return (
    <Group justify="flex-end">
      {onCancel && (
        <Button variant="default" onClick={onCancel}>
          {cancelLabel}
        </Button>
      )}
      {children}
    </Group>
  );
}
