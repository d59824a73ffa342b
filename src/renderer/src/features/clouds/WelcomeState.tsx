import { Button, EmptyState, Group, Paper } from '@mantine/core';
import { IconCloudPlus, IconFileImport, IconStack2 } from '@tabler/icons-react';
import { welcomeActions } from '../../app/welcome-actions';

/** First start (no cloud configured): what StackLens does and the ways to begin. */
export function WelcomeState({ onImport, onAdd }: { onImport: () => void; onAdd: () => void }) {
  return (
    <Paper withBorder radius="md" p="xl" component="section" aria-label="Welcome">
      <EmptyState size="lg" variant="light">
        <EmptyState.Indicator>
          <IconStack2 size={36} stroke={1.5} />
        </EmptyState.Indicator>
        <EmptyState.Title order={2}>Welcome to StackLens</EmptyState.Title>
        <EmptyState.Description>
          See an OpenStack project's routers, networks, ports and instances, and follow an instance's metadata request
          the way neutron-metadata-agent does. Start by importing your clouds.yaml or openrc, or add a cloud by hand.
        </EmptyState.Description>
        <EmptyState.Actions>
          <Group justify="center">
            <Button leftSection={<IconFileImport size={18} />} onClick={onImport}>
              Import clouds…
            </Button>
            <Button variant="default" leftSection={<IconCloudPlus size={18} />} onClick={onAdd}>
              Add a cloud…
            </Button>
            {/* Slot: other features' ways to begin (e.g. the sample snapshot), see app/welcome-actions.tsx. */}
            {welcomeActions.map(({ id, component: Action }) => (
              <Action key={id} />
            ))}
          </Group>
        </EmptyState.Actions>
      </EmptyState>
    </Paper>
  );
}
