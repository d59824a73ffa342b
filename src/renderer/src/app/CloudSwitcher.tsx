import { Button, Group, Loader, Select, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconPlugConnected, IconWorld } from '@tabler/icons-react';
import type { SessionInfo } from '@shared/models/cloud';
import { useClouds, useProjects, useSwitchProject, useSwitchRegion } from '../api';
import { ProjectSelect } from '../components/ProjectSelect';
import { useCurrentCloud } from './current-cloud';
import { useNavigation } from './navigation';
import { regionControl } from './region-choice';
import { RegionFallbackNotice } from './RegionFallbackNotice';

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
        w={140}
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
 * The session's region: a select when its catalog has more than one region StackLens can use
 * (switching re-points main's Neutron / Nova clients; every page refetches), plain text otherwise.
 */
function HeaderRegion({ session }: { session: SessionInfo }) {
  const switchRegion = useSwitchRegion(session.cloudId);
  const control = regionControl(session);
  if (control.kind === 'none') return null;
  if (control.kind === 'text') {
    return (
      <Group gap={4} wrap="nowrap">
        <IconWorld size={14} aria-hidden />
        <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
          <VisuallyHidden>Region </VisuallyHidden>
          {control.region}
        </Text>
      </Group>
    );
  }
  const error = switchRegion.error instanceof Error ? switchRegion.error.message : null;
  return (
    <Tooltip label={error ? `The region was not switched: ${error}` : 'Current region'} withArrow openDelay={400}>
      <Select
        aria-label="Current region"
        size="xs"
        w={130}
        leftSection={<IconWorld size={14} aria-hidden />}
        data={control.options}
        value={control.value}
        allowDeselect={false}
        error={!!error}
        disabled={switchRegion.isPending}
        rightSection={switchRegion.isPending ? <Loader size="xs" /> : undefined}
        onChange={(region) => region && region !== control.value && switchRegion.mutate(region)}
        comboboxProps={{ width: 'max-content', position: 'bottom-start' }}
      />
    </Tooltip>
  );
}

/**
 * One current cloud for every page: cloud, then its project and region. A cloud without a session
 * offers Connect on its card.
 */
export function CloudSwitcher() {
  const clouds = useClouds().data ?? [];
  const { cloudId, session } = useCurrentCloud();
  const { selectCloud, navigate } = useNavigation();
  if (clouds.length === 0) return null;
  return (
    <Group gap={6} wrap="nowrap" role="group" aria-label="Current cloud, project and region">
      <Select
        aria-label="Current cloud"
        size="xs"
        w={140}
        data={clouds.map((c) => ({ value: c.id, label: c.name }))}
        value={cloudId}
        allowDeselect={false}
        searchable={clouds.length > 8}
        onChange={(id) => id && selectCloud(id)}
        comboboxProps={{ width: 'max-content', position: 'bottom-start' }}
      />
      {cloudId && session && <HeaderProjectSelect cloudId={cloudId} />}
      {cloudId && session && <HeaderRegion session={session} />}
      {cloudId && session && <RegionFallbackNotice session={session} />}
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
