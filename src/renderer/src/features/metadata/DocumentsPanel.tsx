import { useState } from 'react';
import { Badge, Grid, Group, NavLink, Paper, ScrollArea, Stack, Tabs, Text, Title } from '@mantine/core';
import type { InstanceSummary, MetadataDocument, MetadataFetchResult } from '@shared/models/metadata';
import { ShortId } from '../../components/ShortId';
import { DocumentViewer } from './DocumentViewer';
import { documentLabel } from './document-view';
import { statusColor } from './metadata-text';

function DocumentList({
  docs,
  selected,
  onSelect,
}: {
  docs: MetadataDocument[];
  selected: string;
  onSelect: (path: string) => void;
}) {
  return (
    <ScrollArea.Autosize mah={560} type="auto">
      <Stack gap={0} aria-label="Documents">
        {docs.map((d) => (
          <NavLink
            key={d.path}
            active={d.path === selected}
            onClick={() => onSelect(d.path)}
            label={
              <Text size="sm" ff="monospace">
                {documentLabel(d)}
              </Text>
            }
            rightSection={
              <Badge size="xs" variant="light" color={statusColor(d.status)}>
                {d.status}
              </Badge>
            }
          />
        ))}
      </Stack>
    </ScrollArea.Autosize>
  );
}

/** Names for the ids the documents were fetched as, when the lookup's plan knows them. */
function namesFor(result: MetadataFetchResult, instance?: InstanceSummary) {
  const same = instance?.id === result.instanceId;
  return {
    instance: same ? instance?.name : undefined,
    project: same && instance?.projectId === result.projectId ? instance?.projectName : undefined,
  };
}

/** What the instance sees: the OpenStack and EC2 trees as nova-api-metadata served them. */
export function DocumentsPanel({ result, instance }: { result: MetadataFetchResult; instance?: InstanceSummary }) {
  const openstack = result.documents.filter((d) => d.tree === 'openstack');
  const ec2 = result.documents.filter((d) => d.tree === 'ec2');
  const [tree, setTree] = useState<string | null>('openstack');
  const [selected, setSelected] = useState<Record<string, string>>({
    openstack: openstack.find((d) => d.path.endsWith('meta_data.json'))?.path ?? openstack[0]?.path ?? '',
    ec2: ec2[0]?.path ?? '',
  });
  const docs = tree === 'ec2' ? ec2 : openstack;
  const current = docs.find((d) => d.path === selected[tree ?? 'openstack']) ?? docs[0];
  const names = namesFor(result, instance);

  return (
    <Paper withBorder p="md" component="section" aria-label="What the instance sees">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>What the instance sees</Title>
          <Text size="xs" c="dimmed">
            as <ShortId value={result.instanceId} name={names.instance} noun="instance" size="inherit" copy={false} />{' '}
            in project{' '}
            <ShortId value={result.projectId} name={names.project} noun="project" size="inherit" copy={false} /> from{' '}
            {result.novaUrl} · {result.requests} requests · {result.durationMs} ms
          </Text>
        </Group>
        <Text size="sm" c="dimmed">
          Versions: {result.versions.join(', ')} · signed with the stored shared secret, sent with the agent&apos;s four
          headers (X-Forwarded-For {result.via.ip}).
        </Text>
        <Tabs value={tree} onChange={setTree}>
          <Tabs.List>
            <Tabs.Tab value="openstack">OpenStack ({openstack.length})</Tabs.Tab>
            <Tabs.Tab value="ec2">EC2 ({ec2.length})</Tabs.Tab>
          </Tabs.List>
        </Tabs>
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <DocumentList
              docs={docs}
              selected={current?.path ?? ''}
              onSelect={(path) => setSelected({ ...selected, [tree ?? 'openstack']: path })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            {current && <DocumentViewer key={current.path} doc={current} instanceId={result.instanceId} />}
          </Grid.Col>
        </Grid>
      </Stack>
    </Paper>
  );
}
