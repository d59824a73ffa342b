import { Button, Modal, Stack, Text } from '@mantine/core';
import type { ListenerView } from '@shared/models/proxy';
import { useRemoveListener } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalActions } from '../../components/ModalActions';

/** Asks before deleting a listener (a running one stops first). */
export function RemoveListenerModal({ removing, onClose }: { removing: ListenerView | null; onClose: () => void }) {
  const remove = useRemoveListener();
  return (
    <Modal opened={removing !== null} onClose={onClose} title={removing ? `Delete ${removing.config.name}?` : ''}>
      <Stack>
        <Text size="sm">
          {removing?.status.state === 'running' ? 'It is running: it stops first (in-flight requests finish). ' : ''}
          Its settings and its log lines are removed.
        </Text>
        {remove.error && <ErrorAlert error={remove.error} />}
        <ModalActions onCancel={onClose}>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() => removing && remove.mutate(removing.config.id, { onSuccess: onClose })}
          >
            Delete
          </Button>
        </ModalActions>
      </Stack>
    </Modal>
  );
}
