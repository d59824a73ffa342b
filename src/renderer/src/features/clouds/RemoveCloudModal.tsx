import { Button, Modal, Stack, Text } from '@mantine/core';
import type { CloudSummary } from '@shared/models/cloud';
import { useRemoveCloud } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalActions } from '../../components/ModalActions';

/** Confirms removing a cloud and says what it does (and does not) delete. */
export function RemoveCloudModal({
  cloud,
  opened,
  onClose,
}: {
  cloud: CloudSummary;
  opened: boolean;
  onClose: () => void;
}) {
  const remove = useRemoveCloud();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={`Remove ${cloud.name}?`}
      size="md"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack gap="md">
        <Text size="sm">
          StackLens disconnects {cloud.name}, forgets its settings and deletes its stored secret from the vault.
          {cloud.source.includes('/') && <> The file it came from ({cloud.source}) is not changed.</>}
        </Text>
        {remove.isError && <ErrorAlert error={remove.error} title="The cloud was not removed" />}
        <ModalActions onCancel={onClose}>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() => remove.mutate(cloud.id, { onSuccess: onClose })}
          >
            Remove
          </Button>
        </ModalActions>
      </Stack>
    </Modal>
  );
}
