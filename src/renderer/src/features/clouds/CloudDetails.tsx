import { DataList, SimpleGrid } from '@mantine/core';
import type { CloudSummary } from '@shared/models/cloud';
import { authTypeLabels } from './cloud-form';

function userText(cloud: CloudSummary): string | undefined {
  if (cloud.authType === 'v3applicationcredential') {
    const credential = cloud.applicationCredentialId ?? cloud.applicationCredentialName;
    return credential ? `credential ${credential}${cloud.username ? ` of ${cloud.username}` : ''}` : undefined;
  }
  const user = cloud.username ?? cloud.userId;
  if (!user) return undefined;
  const domain = cloud.userDomain ?? cloud.userDomainId;
  return domain ? `${user} (domain ${domain})` : user;
}

function scopeText(cloud: CloudSummary): string {
  if (cloud.projectName || cloud.projectId) {
    const project = cloud.projectName ?? cloud.projectId;
    const domain = cloud.projectDomain ?? cloud.projectDomainId;
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
export function CloudDetails({ cloud }: { cloud: CloudSummary }) {
  const region = cloud.regionName ?? (cloud.regions?.length ? cloud.regions.join(', ') : 'any (first in the catalog)');
  const rows: Array<[string, string]> = [
    ['Auth URL', cloud.authUrl],
    ['Authentication', authTypeLabels[cloud.authType]],
    ['User', userText(cloud) ?? '—'],
    ['Project', scopeText(cloud)],
    ['Region', region],
    ['Interface', cloud.interface],
    ['Secret', cloud.hasSecret ? `${cloud.secretLabel} stored in the vault` : `none stored (asked on connect)`],
    ['TLS', tlsText(cloud)],
    ['Source', cloud.source],
  ];
  const half = Math.ceil(rows.length / 2);
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl" verticalSpacing={0}>
      {[rows.slice(0, half), rows.slice(half)].map((column, index) => (
        <DataList key={index} size="sm" labelWidth={110} gap={6}>
          {column.map(([label, value]) => (
            <DataList.Item key={label}>
              <DataList.ItemLabel>{label}</DataList.ItemLabel>
              <DataList.ItemValue style={{ wordBreak: 'break-all' }}>{value}</DataList.ItemValue>
            </DataList.Item>
          ))}
        </DataList>
      ))}
    </SimpleGrid>
  );
}
