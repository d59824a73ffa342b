import { Alert, List, Text } from '@mantine/core';
import type { ImportResult } from '@shared/models/cloud';

/** What an import did: which clouds came in, which were skipped and why. */
export function ImportResultView({ result }: { result: ImportResult }) {
  const imported = result.imported.map((cloud) => cloud.name);
  return (
    <Alert color={imported.length > 0 ? 'green' : 'yellow'} variant="light" title="Import finished" role="status">
      <Text size="sm">{imported.length > 0 ? `Imported: ${imported.join(', ')}.` : 'No cloud was imported.'}</Text>
      {result.skipped.length > 0 && (
        <List size="sm" mt={4}>
          {result.skipped.map((skip) => (
            <List.Item key={skip.name}>
              Skipped {skip.name}: {skip.reason}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
