import { Button, Group, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCloudPlus, IconFileImport } from '@tabler/icons-react';
import { useClouds } from '../../api';
import { useNavigation } from '../../app/navigation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { CloudCard } from './CloudCard';
import { CloudFormModal } from './CloudFormModal';
import { ImportDialog } from './ImportDialog';
import { WelcomeState } from './WelcomeState';

/** The configured clouds, their sessions, and the ways to add more. */
export function CloudsPage() {
  const clouds = useClouds();
  const { selectedCloudId } = useNavigation();
  const [importOpened, importDialog] = useDisclosure();
  const [addOpened, addForm] = useDisclosure();
  const count = clouds.data?.length ?? 0;

  return (
    <Stack gap="lg" maw={1100}>
      <PageHeader
        title="Clouds"
        description={
          clouds.data
            ? count === 0
              ? 'No cloud configured yet.'
              : `${count} cloud${count === 1 ? '' : 's'} configured. Secrets stay in the vault; this window only sees who is signed in where.`
            : 'Your OpenStack clouds and sessions.'
        }
        actions={
          count > 0 && (
            <Group gap="xs" wrap="nowrap">
              <Button variant="default" leftSection={<IconFileImport size={18} />} onClick={importDialog.open}>
                Import…
              </Button>
              <Button leftSection={<IconCloudPlus size={18} />} onClick={addForm.open}>
                Add cloud…
              </Button>
            </Group>
          )
        }
      />

      {clouds.isPending && <LoadingState label="Loading clouds…" />}
      {clouds.isError && (
        <ErrorAlert error={clouds.error} title="The clouds could not be loaded" onRetry={() => clouds.refetch()} />
      )}
      {clouds.data && count === 0 && <WelcomeState onImport={importDialog.open} onAdd={addForm.open} />}
      {clouds.data && count > 0 && (
        <Stack gap="md" component="section" aria-label="Configured clouds">
          {clouds.data.map((cloud) => (
            <CloudCard key={cloud.id} cloud={cloud} selected={cloud.id === selectedCloudId} />
          ))}
        </Stack>
      )}

      <ImportDialog opened={importOpened} onClose={importDialog.close} />
      <CloudFormModal opened={addOpened} onClose={addForm.close} />
    </Stack>
  );
}
