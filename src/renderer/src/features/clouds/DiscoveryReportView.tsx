import { Alert, Badge, Box, Checkbox, Code, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconFileAlert } from '@tabler/icons-react';
import type { AuthType, DiscoveryReport } from '@shared/models/cloud';
import { authTypeLabels } from './cloud-form';

const fileKinds: Record<DiscoveryReport['files'][number]['kind'], string> = {
  clouds: 'clouds.yaml',
  secure: 'secure.yaml',
  openrc: 'openrc',
};

export interface DiscoveryReportViewProps {
  report: DiscoveryReport;
  /** Names of clouds StackLens already has: shown, not pre-selected. */
  existingNames: Set<string>;
  selected: string[];
  onSelectedChange: (names: string[]) => void;
}

/** Exactly what discovery found: which files (and why), which OS_* variables, which errors. */
export function DiscoveryReportView({ report, existingNames, selected, onSelectedChange }: DiscoveryReportViewProps) {
  const nothing = report.files.length === 0 && report.envVars.length === 0 && report.clouds.length === 0;
  // With one source the files list above already says where every cloud comes from.
  const oneSource = new Set(report.clouds.map((c) => c.source)).size <= 1;
  return (
    <Stack gap="md">
      <Box component="section" aria-label="Files found">
        <Title order={4} size="h6" mb={4}>
          Files
        </Title>
        {report.files.length === 0 ? (
          <Text size="sm" c="dimmed">
            No clouds.yaml, secure.yaml or openrc in the standard places (the current folder, ~/.config/openstack,
            /etc/openstack) or in OS_CLIENT_CONFIG_FILE.
          </Text>
        ) : (
          <List size="sm" spacing={4}>
            {report.files.map((file) => (
              <List.Item key={`${file.kind}:${file.path}`}>
                <Group gap={6} wrap="nowrap">
                  <Badge size="sm" variant="light" tt="none">
                    {fileKinds[file.kind]}
                  </Badge>
                  <Code>{file.path}</Code>
                  <Text size="xs" c="dimmed">
                    found via {file.via}
                  </Text>
                </Group>
              </List.Item>
            ))}
          </List>
        )}
      </Box>

      <Box component="section" aria-label="Environment variables found">
        <Title order={4} size="h6" mb={4}>
          Environment
        </Title>
        {report.envVars.length === 0 ? (
          <Text size="sm" c="dimmed">
            No OS_* variables. (An app started from a desktop launcher does not see the variables of your shell.)
          </Text>
        ) : (
          <Text size="sm">
            {report.envVars.map((name) => (
              <Code key={name} mr={4}>
                {name}
              </Code>
            ))}
            {report.osCloud && <> — OS_CLOUD selects {report.osCloud}</>}
          </Text>
        )}
      </Box>

      {report.errors.length > 0 && (
        <Alert
          color="red"
          variant="light"
          icon={<IconFileAlert size={18} />}
          title="Problems in the files"
          role="alert"
        >
          <List size="sm" spacing={4}>
            {report.errors.map((error, index) => (
              <List.Item key={index}>
                <Code>
                  {error.path}
                  {error.line !== undefined && `:${error.line}`}
                </Code>{' '}
                {error.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}

      <Box component="section" aria-label="Clouds found">
        <Title order={4} size="h6" mb={4}>
          Clouds
        </Title>
        {report.clouds.length === 0 ? (
          <Text size="sm" c="dimmed">
            {nothing
              ? 'Nothing to import here: import a file by its path below, or add a cloud by hand.'
              : 'No cloud entries in what was found.'}
          </Text>
        ) : (
          <Checkbox.Group value={selected} onChange={onSelectedChange} aria-label="Clouds to import">
            <Stack gap="xs">
              {report.clouds.map((cloud) => (
                <Checkbox
                  key={cloud.name}
                  value={cloud.name}
                  disabled={Boolean(cloud.error)}
                  label={
                    <Group gap={6}>
                      <Text size="sm" fw={600}>
                        {cloud.name}
                      </Text>
                      {existingNames.has(cloud.name) && (
                        <Badge size="xs" variant="outline" color="gray" tt="none">
                          already imported
                        </Badge>
                      )}
                      {cloud.insecure?.map((warning) => (
                        <Badge key={warning} size="xs" variant="light" color="orange" tt="none">
                          {warning}
                        </Badge>
                      ))}
                    </Group>
                  }
                  description={
                    cloud.error ??
                    `${authTypeLabels[cloud.authType as AuthType] ?? cloud.authType} · ${cloud.hasSecret ? 'secret included' : 'no secret (asked on connect)'}${oneSource ? '' : ` · from ${cloud.source}`}${cloud.authUrl ? ` · ${cloud.authUrl}` : ''}`
                  }
                  styles={cloud.error ? { description: { color: 'var(--mantine-color-red-text)' } } : undefined}
                />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
      </Box>
    </Stack>
  );
}
