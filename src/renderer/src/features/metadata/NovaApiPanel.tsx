import { Code, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useNovaApiView } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { bytesOf, formatBytes, hexDump } from './document-view';

/** Without the shared secret: server metadata and (admins) user_data from Nova's compute API. */
export function NovaApiPanel({ cloudId, instanceId }: { cloudId: string; instanceId: string }) {
  const view = useNovaApiView(cloudId, instanceId, true);
  return (
    <Paper withBorder p="md" component="section" aria-label="Nova compute API">
      <Stack gap="sm">
        <Title order={4}>What Nova&apos;s compute API offers instead</Title>
        <Text size="sm" c="dimmed">
          No shared secret is needed for these: the server&apos;s metadata (members of its project) and its user_data
          (admins, microversion 2.3). They are not the full metadata documents (no network_data.json, vendor data or
          keys as the instance sees them).
        </Text>
        {view.isPending && <LoadingState label="Asking the compute API…" />}
        {view.isError && <ErrorAlert error={view.error} title="The compute API did not answer" />}
        {view.data && (
          <>
            <Text fw={600} size="sm">
              Server metadata
            </Text>
            {view.data.serverMetadata ? (
              Object.keys(view.data.serverMetadata).length ? (
                <Table verticalSpacing={2} aria-label="Server metadata">
                  <Table.Tbody>
                    {Object.entries(view.data.serverMetadata).map(([k, v]) => (
                      <Table.Tr key={k}>
                        <Table.Th w={200} ff="monospace">
                          {k}
                        </Table.Th>
                        <Table.Td ff="monospace">{v}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              ) : (
                <Text size="sm">None set.</Text>
              )
            ) : (
              <Text size="sm">Unavailable: {view.data.serverMetadataError}</Text>
            )}
            <Text fw={600} size="sm">
              user_data {view.data.userData ? `(${formatBytes(view.data.userData.size)})` : ''}
            </Text>
            <Text size="sm" c="dimmed">
              {view.data.userDataNote}
            </Text>
            {view.data.userData && (
              <Code block style={{ whiteSpace: 'pre' }} aria-label="user_data from the compute API">
                {view.data.userData.text ?? hexDump(bytesOf(view.data.userData.base64))}
              </Code>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
