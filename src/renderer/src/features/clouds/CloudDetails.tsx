import { DataList, SimpleGrid, Stack } from '@mantine/core';
import type { CloudSummary, SessionInfo } from '@shared/models/cloud';
import { IdText } from '../../components/IdText';
import { authTypeLabels } from './cloud-form';

function userText(cloud: CloudSummary): string | undefined {
  if (cloud.authType === 'v3applicationcredential') {
    const credential = cloud.applicationCredentialId ?? cloud.applicationCredentialName;
    return credential ? `credential ${credential}${cloud.username ? ` of ${cloud.username}` : ''}` : undefined;
  }
  const user = cloud.username ?? cloud.userId;
  if (!user) return undefined;
  const domain = cloud.userDomainName ?? cloud.userDomainId;
  return domain ? `${user} (domain ${domain})` : user;
}

function scopeText(cloud: CloudSummary): string {
  if (cloud.projectName || cloud.projectId) {
    const project = cloud.projectName ?? cloud.projectId;
    const domain = cloud.projectDomainName ?? cloud.projectDomainId;
    return domain ? `${project} (domain ${domain})` : String(project);
  }
  if (cloud.domainName || cloud.domainId) return `domain ${cloud.domainName ?? cloud.domainId}`;
  if (cloud.systemScope) return `system ${cloud.systemScope}`;
  return cloud.authType === 'v3applicationcredential' ? 'from the credential' : 'unscoped';
}

function tlsText(cloud: CloudSummary): string {
  if (!cloud.verify) return 'not verified';
  const parts = ['verified'];
  if (cloud.cacert) parts.push(`CA ${cloud.cacert}`);
  if (cloud.cert) parts.push(`client cert ${cloud.cert}`);
  return parts.join(', ');
}

/** What StackLens knows about a cloud, secret-free: the facts an admin checks first. */
export function CloudDetails({ cloud, session }: { cloud: CloudSummary; session?: SessionInfo | null }) {
  const region = cloud.regionName ?? (cloud.regions?.length ? cloud.regions.join(', ') : 'any (first in the catalog)');
  // Three short columns (where, who, how), then the source path on its own line: paths are long.
  const columns: Array<Array<[string, string]>> = [
    [
      ['Auth URL', cloud.authUrl],
      ['Authentication', authTypeLabels[cloud.authType]],
      ['Region', region],
    ],
    [
      ['User', userText(cloud) ?? '—'],
      ['Project', scopeText(cloud)],
      ['Interface', cloud.interface],
    ],
    [
      ['Secret', cloud.hasSecret ? `${cloud.secretLabel} in the vault` : 'none stored (asked on connect)'],
      ['TLS', tlsText(cloud)],
      ...(session
        ? ([['Roles', `${session.roles.join(', ') || 'none'}${session.isAdmin ? ' (admin)' : ''}`]] as Array<
            [string, string]
          >)
        : []),
    ],
  ];
  const labelWidths = [104, 72, 56];
  return (
    <Stack gap={6}>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg" verticalSpacing={6}>
        {columns.map((column, index) => (
          <DataList key={index} size="sm" labelWidth={labelWidths[index]} gap={6}>
            {column.map(([label, value]) => (
              <Row key={label} label={label} value={value} />
            ))}
          </DataList>
        ))}
      </SimpleGrid>
      <DataList size="sm" labelWidth={labelWidths[0]}>
        <Row label="Source" value={cloud.source} />
      </DataList>
    </Stack>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      {/* Paths and URLs may break anywhere; ids never (IdText keeps each on one line, shortened). */}
      <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>
        <IdText text={value} />
      </DataList.ItemValue>
    </DataList.Item>
  );
}
