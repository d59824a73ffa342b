import { useState } from 'react';
import { Button, Group, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCloudPlus, IconFileImport, IconSearch } from '@tabler/icons-react';
import type { CloudSummary } from '@shared/models/cloud';
import { useClouds } from '../../api';
import { useNavigation } from '../../app/navigation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { CloudFormModal } from './CloudFormModal';
import { CloudRow } from './CloudRow';
import { ImportDialog } from './ImportDialog';
import { WelcomeState } from './WelcomeState';
import { filterClouds } from './cloud-filter';

/** The configured clouds as a compact, filterable table, their sessions, and the ways to add more. */
export function CloudsPage() {
  const clouds = useClouds();
  const [importOpened, importDialog] = useDisclosure();
  const [addOpened, addForm] = useDisclosure();
  const count = clouds.data?.length ?? 0;

  return (
    <Stack gap="lg">
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
      {clouds.data && count > 0 && <CloudsTable clouds={clouds.data} />}
      <ImportDialog opened={importOpened} onClose={importDialog.close} />
      <CloudFormModal opened={addOpened} onClose={addForm.close} />
    </Stack>
  );
}

function CloudsTable({ clouds }: { clouds: CloudSummary[] }) {
  const { selectedCloudId } = useNavigation();
  const [filter, setFilter] = useState('');
  const shown = filterClouds(clouds, filter);
  return (
    <Stack gap="xs">
      <TextInput
        aria-label="Filter clouds"
        placeholder="Filter by name, auth URL, project or region"
        leftSection={<IconSearch size={16} />}
        value={filter}
        onChange={(event) => setFilter(event.currentTarget.value)}
        maw={420}
      />
      <Table.ScrollContainer minWidth={900}>
        {/* Compact cells: with the default spacing the table was wider than a 1280 px window. */}
        <Table aria-label="Configured clouds" verticalSpacing={6} horizontalSpacing={6} highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>State</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Auth URL</Table.Th>
              <Table.Th>Project</Table.Th>
              <Table.Th>Region</Table.Th>
              <Table.Th>Token</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          {shown.map((cloud) => (
            <CloudRow key={cloud.id} cloud={cloud} selected={cloud.id === selectedCloudId} />
          ))}
        </Table>
      </Table.ScrollContainer>
      {shown.length === 0 && (
        <Text size="sm" c="dimmed">
          No cloud matches “{filter}”.
        </Text>
      )}
    </Stack>
  );
}
