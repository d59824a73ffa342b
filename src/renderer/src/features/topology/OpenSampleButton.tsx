/** The welcome screen's "Open the sample snapshot": a working topology on first start, no cloud needed. */
import { Button } from '@mantine/core';
import { IconStack2 } from '@tabler/icons-react';
import { useOpenSample } from '../../api';
import { useNavigation } from '../../app/navigation';

export function OpenSampleButton() {
  const openSample = useOpenSample();
  const { navigate } = useNavigation();
  return (
    <Button
      variant="light"
      leftSection={<IconStack2 size={18} />}
      loading={openSample.isPending}
      onClick={() =>
        openSample.mutate(undefined, {
          onSuccess: () => {
            navigate({ page: 'topology', offline: true });
          },
        })
      }
    >
      Open the sample snapshot
    </Button>
  );
}
