import { Alert, Badge, Box, Checkbox, Code, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconFileAlert } from '@tabler/icons-react';
import type { AuthType, DiscoveryReport } from '@shared/models/cloud';
import { authTypeLabels } from './cloud-form';

type DiscoveredCloud = DiscoveryReport['clouds'][number];

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
  return (
    <Stack gap="md">
      <FilesSection files={report.files} />
      <EnvironmentSection envVars={report.envVars} osCloud={report.osCloud} />
      {report.errors.length > 0 && <FileErrors errors={report.errors} />}
      <Box component="section" aria-label="Clouds found">
        <Title order={4} size="h6" mb={4}>
          Clouds
        </Title>
        {report.clouds.length === 0 ? (
          <Text size="sm" c="dimmed">
            {nothing
              ? 'Nothing to import here: choose a file below, or add a cloud by hand.'
              : 'No cloud entries in what was found.'}
          </Text>
        ) : (
          <Checkbox.Group value={selected} onChange={onSelectedChange} aria-label="Clouds to import">
            <Stack gap="xs">
              {report.clouds.map((cloud) => (
                <DiscoveredCloudRow
                  key={cloud.name}
                  cloud={cloud}
                  existing={existingNames.has(cloud.name)}
                  // With one source the files list above already says where every cloud comes from.
                  showSource={new Set(report.clouds.map((c) => c.source)).size > 1}
                />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
      </Box>
    </Stack>
  );
}

function FilesSection({ files }: { files: DiscoveryReport['files'] }) {
  return (
    <Box component="section" aria-label="Files found">
      <Title order={4} size="h6" mb={4}>
        Files
      </Title>
      {files.length === 0 ? (
        <Text size="sm" c="dimmed">
          No clouds.yaml, secure.yaml or openrc in the standard places (the current folder, ~/.config/openstack,
          /etc/openstack) or in OS_CLIENT_CONFIG_FILE.
        </Text>
      ) : (
        <List size="sm" spacing={4}>
          {files.map((file) => (
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
  );
}

function EnvironmentSection({ envVars, osCloud }: { envVars: string[]; osCloud?: string }) {
  return (
    <Box component="section" aria-label="Environment variables found">
      <Title order={4} size="h6" mb={4}>
        Environment
      </Title>
      {envVars.length === 0 ? (
        <Text size="sm" c="dimmed">
          No OS_* variables. (An app started from a desktop launcher does not see the variables of your shell.)
        </Text>
      ) : (
        <Text size="sm">
          {envVars.map((name) => (
            <Code key={name} mr={4}>
              {name}
            </Code>
          ))}
          {osCloud && <> — OS_CLOUD selects {osCloud}</>}
        </Text>
      )}
    </Box>
  );
}

function FileErrors({ errors }: { errors: DiscoveryReport['errors'] }) {
  return (
    <Alert color="red" variant="light" icon={<IconFileAlert size={18} />} title="Problems in the files" role="alert">
      <List size="sm" spacing={4}>
        {errors.map((error, index) => (
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
  );
}

/** TLS as the file sets it: what an admin checks before trusting a found cloud with a password. */
export function tlsSummary(authUrl: string, tls: DiscoveredCloud['tls']): string {
  // Over plain http there is no TLS to verify, whatever the file says about it.
  if (/^http:\/\//i.test(authUrl)) return 'no TLS';
  if (!tls) return 'TLS unknown';
  if (!tls.verify) return 'TLS not verified';
  const parts = [tls.cacert ? `TLS verified with CA ${tls.cacert}` : 'TLS verified (system CAs)'];
  if (tls.cert) parts.push(`client cert ${tls.cert}`);
  return parts.join(', ');
}

/**
 * One found cloud: its name and badges, then where its secret would go (auth URL) and on which
 * TLS terms, so a planted ./clouds.yaml that borrows a stored password is plain to see.
 */
function DiscoveredCloudRow({
  cloud,
  existing,
  showSource,
}: {
  cloud: DiscoveredCloud;
  existing: boolean;
  showSource: boolean;
}) {
  const facts = [
    authTypeLabels[cloud.authType as AuthType] ?? cloud.authType,
    cloud.hasSecret ? 'secret included' : 'no secret (asked on connect)',
    ...(showSource ? [`from ${cloud.source}`] : []),
  ].join(' · ');
  const where = cloud.authUrl ? `${cloud.authUrl} · ${tlsSummary(cloud.authUrl, cloud.tls)}` : undefined;
  return (
    <Checkbox
      value={cloud.name}
      disabled={Boolean(cloud.error)}
      label={
        <Group gap={6}>
          <Text size="sm" fw={600}>
            {cloud.name}
          </Text>
          {existing && (
            <Badge size="xs" variant="outline" color="gray" tt="none">
              already imported
            </Badge>
          )}
          {cloud.insecure?.map((warning) => (
            <Badge key={warning} size="xs" variant="light" color="orange" tt="none" title={warning}>
              {warning.startsWith('The auth URL is plain http') ? 'plain http://' : 'TLS not verified'}
            </Badge>
          ))}
        </Group>
      }
      description={
        cloud.error ?? (
          <>
            {facts}
            {where && (
              <Text component="span" display="block" size="xs" ff="monospace" aria-label={`${cloud.name} endpoint`}>
                {where}
              </Text>
            )}
          </>
        )
      }
      styles={cloud.error ? { description: { color: 'var(--mantine-color-red-text)' } } : undefined}
    />
  );
}
