/** What a fetch in flight has received so far, per resource (from 'topology:progress' events). */
import { Group, Paper, Progress, Text, ThemeIcon } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import type { TopologyProgressEvent } from '../../api';

const ORDER = ['routers', 'networks', 'subnets', 'ports', 'floatingips', 'securitygroups', 'servers'];
const LABEL: Record<string, string> = {
  floatingips: 'floating IPs',
  securitygroups: 'security groups',
  servers: 'instances',
};

export function FetchProgress({ resources }: { resources: readonly TopologyProgressEvent[] }) {
  const sorted = [...resources].sort((a, b) => ORDER.indexOf(a.resource) - ORDER.indexOf(b.resource));
  const done = sorted.filter((r) => r.done).length;
  return (
    <Paper withBorder p="sm" role="status" aria-label="Loading the topology" aria-live="polite">
      <Group justify="space-between" mb={6}>
        <Text size="sm" fw={500}>
          Fetching every page from Neutron and Nova…
        </Text>
        <Text size="xs" c="dimmed">
          {done} of {Math.max(sorted.length, ORDER.length)} lists complete
        </Text>
      </Group>
      <Progress value={(done / ORDER.length) * 100} animated striped size="sm" aria-hidden />
      <Group gap="lg" mt={8}>
        {sorted.map((r) => (
          <Group key={r.resource} gap={4} wrap="nowrap">
            {r.done && (
              <ThemeIcon size={14} radius="xl" color="teal" variant="light">
                <IconCheck size={10} />
              </ThemeIcon>
            )}
            <Text size="xs" c={r.done ? undefined : 'dimmed'}>
              {LABEL[r.resource] ?? r.resource}: {r.items.toLocaleString()} ({r.pages} page{r.pages === 1 ? '' : 's'})
            </Text>
          </Group>
        ))}
      </Group>
    </Paper>
  );
}
