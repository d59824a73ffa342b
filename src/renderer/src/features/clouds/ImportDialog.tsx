import { useEffect, useState, useEffectEvent } from 'react';
import { Button, Divider, Group, Modal, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useClouds, useDiscovery, useImportDiscovered, useImportFile } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalActions } from '../../components/ModalActions';
import { LoadingState } from '../../components/LoadingState';
import { DiscoveryReportView } from './DiscoveryReportView';
import { ImportResultView } from './ImportResultView';

type FileKind = 'auto' | 'clouds' | 'openrc';

/**
 * Import clouds: runs discovery (clouds.yaml / secure.yaml / OS_*), shows exactly what it found,
 * lets the user pick; or imports one clouds.yaml / openrc chosen in main's native dialog.
 */
export function ImportDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="xl"
      title="Import clouds"
      closeButtonProps={{ 'aria-label': 'Close the import dialog' }}
    >
      {opened && <ImportPanel />}
    </Modal>
  );
}

function ImportPanel() {
  const importDiscovered = useImportDiscovered();
  const importFile = useImportFile();
  const lastResult = importFile.data ?? importDiscovered.data;
  return (
    <Stack gap="lg">
      <DiscoveredSection importDiscovered={importDiscovered} />
      <Divider />
      <ImportFileSection importFile={importFile} />
      {importDiscovered.isError && <ErrorAlert error={importDiscovered.error} title="Import failed" />}
      {importFile.isError && <ErrorAlert error={importFile.error} title="The file was not imported" />}
      {lastResult && <ImportResultView result={lastResult} />}
    </Stack>
  );
}

/** What discovery found, with the clouds to import pre-selected. */
function DiscoveredSection({ importDiscovered }: { importDiscovered: ReturnType<typeof useImportDiscovered> }) {
  const discovery = useDiscovery(true);
  const clouds = useClouds();
  const [selected, setSelected] = useState<string[]>([]);
  const existingNames = new Set((clouds.data ?? []).map((c) => c.name));

  // Pre-select what can be imported and is not there yet, once per discovery answer.
  // Only when a new report arrives, not when the clouds list refetches.
  const preselect = useEffectEvent((report: NonNullable<typeof discovery.data>) => {
    const names = new Set((clouds.data ?? []).map((c) => c.name));
    setSelected(report.clouds.filter((c) => !c.error && !names.has(c.name)).map((c) => c.name));
  });
  useEffect(() => {
    if (discovery.data) preselect(discovery.data);
  }, [discovery.data]);

  return (
    <section aria-label="Discovered configuration">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          Found on this computer
        </Title>
        <Button size="xs" variant="subtle" onClick={() => discovery.refetch()} loading={discovery.isFetching}>
          Look again
        </Button>
      </Group>
      {discovery.isPending && <LoadingState label="Looking for clouds.yaml, secure.yaml, openrc and OS_* variables…" />}
      {discovery.isError && (
        <ErrorAlert error={discovery.error} title="Discovery failed" onRetry={() => discovery.refetch()} />
      )}
      {discovery.data && (
        <Stack gap="md">
          <DiscoveryReportView
            report={discovery.data}
            existingNames={existingNames}
            selected={selected}
            onSelectedChange={setSelected}
          />
          {discovery.data.clouds.length > 0 && (
            <ModalActions>
              <Button
                disabled={selected.length === 0}
                loading={importDiscovered.isPending}
                onClick={() => importDiscovered.mutate(selected)}
              >
                Import {selected.length} selected
              </Button>
            </ModalActions>
          )}
        </Stack>
      )}
    </section>
  );
}

/** One clouds.yaml or openrc, chosen in main's native dialog (the window names no path). */
function ImportFileSection({ importFile }: { importFile: ReturnType<typeof useImportFile> }) {
  const [kind, setKind] = useState<FileKind>('auto');
  return (
    <section aria-label="Import a file">
      <Title order={3} size="h5" mb="xs">
        Import a file
      </Title>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          importFile.mutate({ kind: kind === 'auto' ? undefined : kind });
        }}
      >
        <Text size="sm" c="dimmed">
          A clouds.yaml (a secure.yaml beside it is merged) or an openrc / *-openrc.sh file, chosen in the system file
          dialog.
        </Text>
        <Group justify="space-between" mt="sm">
          <SegmentedControl
            size="xs"
            aria-label="File type"
            value={kind}
            onChange={(value) => setKind(value as FileKind)}
            data={[
              { value: 'auto', label: 'Detect' },
              { value: 'clouds', label: 'clouds.yaml' },
              { value: 'openrc', label: 'openrc' },
            ]}
          />
          <Button type="submit" variant="light" loading={importFile.isPending}>
            Choose file…
          </Button>
        </Group>
      </form>
    </section>
  );
}
