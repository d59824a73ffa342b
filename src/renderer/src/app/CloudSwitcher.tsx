import { Button, Group, Select, Tooltip } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useClouds, useProjects, useSwitchProject } from '../api';
import { ProjectSelect } from '../components/ProjectSelect';
import { useCurrentCloud } from './current-cloud';
import { useNavigation } from './navigation';

/** The current project of a connected cloud; switching re-scopes the session (main keeps the token). */
function HeaderProjectSelect({ cloudId }: { cloudId: string }) {
  const { session } = useCurrentCloud();
  const projects = useProjects(cloudId, !!session);
  const switchProject = useSwitchProject(cloudId);
  const current = session?.scope.kind === 'project' ? { id: session.scope.id, name: session.scope.name } : null;
  const failed = projects.isError || switchProject.isError;
  return (
    <Tooltip
      label={failed ? 'Projects could not be listed or switched: see the Clouds page' : 'Current project'}
      withArrow
      openDelay={400}
    >
      <ProjectSelect
        aria-label="Current project"
        size="xs"
        w={150}
        projects={projects.data}
        current={current}
        loading={projects.isFetching || switchProject.isPending}
        disabled={switchProject.isPending}
        onChange={(id) => switchProject.mutate(id)}
      />
    </Tooltip>
  );
}

/**
 * One current cloud for every page: cloud, then its project; the region is the session's (in the
 * session badge). A cloud without a session offers Connect on its card.
 */
export function CloudSwitcher() {
  const clouds = useClouds().data ?? [];
  const { cloudId, session } = useCurrentCloud();
  const { selectCloud, navigate } = useNavigation();
  if (clouds.length === 0) return null;
  return (
    <Group gap={6} wrap="nowrap" role="group" aria-label="Current cloud and project">
      <Select
        aria-label="Current cloud"
        size="xs"
        w={150}
        data={clouds.map((c) => ({ value: c.id, label: c.name }))}
        value={cloudId}
        allowDeselect={false}
        searchable={clouds.length > 8}
        onChange={(id) => id && selectCloud(id)}
        comboboxProps={{ width: 'max-content', position: 'bottom-start' }}
      />
      {cloudId && session && <HeaderProjectSelect cloudId={cloudId} />}
      {cloudId && !session && (
        <Button
          size="compact-sm"
          variant="light"
          leftSection={<IconPlugConnected size={14} />}
          onClick={() => navigate({ page: 'clouds', cloudId })}
        >
          Connect…
        </Button>
      )}
    </Group>
  );
}
