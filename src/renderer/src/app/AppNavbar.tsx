import { AppShell, Box, NavLink, ScrollArea, Skeleton, Stack, Text } from '@mantine/core';
import type { CloudSummary } from '@shared/models/cloud';
import { useClouds } from '../api';
import { StatusDot, connectionLabels } from '../components/StatusDot';
import { useCloudState } from '../features/clouds/use-cloud-state';
import { useNavigation } from './navigation';
import { pages } from './pages';

function CloudNavItem({ cloud }: { cloud: CloudSummary }) {
  const { state, session } = useCloudState(cloud.id);
  const { selectedCloudId, selectCloud, navigate } = useNavigation();
  const scope = session?.scope.kind === 'project' ? session.scope.name : cloud.projectName;
  return (
    <NavLink
      component="button"
      label={cloud.name}
      description={scope}
      leftSection={<StatusDot state={state} />}
      active={selectedCloudId === cloud.id}
      aria-label={`${cloud.name}, ${connectionLabels[state]}`}
      onClick={() => {
        selectCloud(cloud.id);
        navigate({ page: 'clouds', cloudId: cloud.id });
      }}
    />
  );
}

function CloudNavList() {
  const clouds = useClouds();
  if (clouds.isPending) return <Skeleton h={28} mx="sm" aria-label="Loading clouds" />;
  if (clouds.isError)
    return (
      <Text size="xs" c="red" px="sm">
        Clouds could not be loaded (see the Clouds page).
      </Text>
    );
  if (clouds.data.length === 0)
    return (
      <Text size="xs" c="dimmed" px="sm">
        No cloud configured yet.
      </Text>
    );
  return (
    <Stack gap={0}>
      {clouds.data.map((cloud) => (
        <CloudNavItem key={cloud.id} cloud={cloud} />
      ))}
    </Stack>
  );
}

/** Pages from the registry, then the clouds with a status dot each. */
export function AppNavbar() {
  const { route, navigate } = useNavigation();
  const pageId = route.page;
  return (
    <>
      <AppShell.Section component="nav" aria-label="Pages" p="xs">
        {pages.map((page) => (
          <NavLink
            key={page.id}
            component="button"
            label={page.label}
            leftSection={<page.icon size={18} stroke={1.6} />}
            active={page.id === pageId}
            aria-current={page.id === pageId ? 'page' : undefined}
            onClick={() => navigate({ page: page.id })}
          />
        ))}
      </AppShell.Section>
      <AppShell.Section grow component={ScrollArea} px="xs" pb="xs">
        <Box component="section" aria-label="Cloud status">
          <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt="sm" pb={4}>
            Connections
          </Text>
          <CloudNavList />
        </Box>
      </AppShell.Section>
    </>
  );
}
