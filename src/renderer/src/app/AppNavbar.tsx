import { AppShell, Box, NavLink, ScrollArea, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import type { CloudSummary } from '@shared/models/cloud';
import { useClouds } from '../api';
import { StatusDot, connectionLabels } from '../components/StatusDot';
import { useCloudState } from '../features/clouds/use-cloud-state';
import { useCurrentCloud } from './current-cloud';
import { useNavigation } from './navigation';
import { pages } from './pages';

/** In the icon rail, the name moves to a tooltip on the right. */
function RailTip({ rail, label, children }: { rail: boolean; label: string; children: React.ReactElement }) {
  if (!rail) return children;
  return (
    <Tooltip label={label} position="right" withArrow>
      {children}
    </Tooltip>
  );
}

function CloudNavItem({ cloud, rail }: { cloud: CloudSummary; rail: boolean }) {
  const { state, session } = useCloudState(cloud.id);
  const { selectCloud } = useNavigation();
  const current = useCurrentCloud().cloudId;
  const scope = session?.scope.kind === 'project' ? session.scope.name : cloud.projectName;
  return (
    <RailTip rail={rail} label={`${cloud.name} (${scope ?? 'no project'}): ${connectionLabels[state]}`}>
      <NavLink
        component="button"
        label={rail ? undefined : cloud.name}
        description={rail ? undefined : scope}
        leftSection={<StatusDot state={state} />}
        active={current === cloud.id}
        aria-current={current === cloud.id ? 'true' : undefined}
        aria-label={`${cloud.name}, ${connectionLabels[state]}`}
        // In place: the page shown switches to this cloud.
        onClick={() => selectCloud(cloud.id)}
      />
    </RailTip>
  );
}

function CloudNavList({ rail }: { rail: boolean }) {
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
        <CloudNavItem key={cloud.id} cloud={cloud} rail={rail} />
      ))}
    </Stack>
  );
}

/** Pages from the registry, then the clouds with a status dot each; `rail`: icons only. */
export function AppNavbar({ rail }: { rail: boolean }) {
  const { route, navigate } = useNavigation();
  const pageId = route.page;
  return (
    <>
      <AppShell.Section component="nav" aria-label="Pages" p="xs">
        {pages.map((page) => (
          <RailTip rail={rail} label={page.label} key={page.id}>
            <NavLink
              component="button"
              label={rail ? undefined : page.label}
              aria-label={page.label}
              leftSection={<page.icon size={18} stroke={1.6} />}
              active={page.id === pageId}
              aria-current={page.id === pageId ? 'page' : undefined}
              onClick={() => navigate({ page: page.id })}
            />
          </RailTip>
        ))}
      </AppShell.Section>
      <AppShell.Section grow component={ScrollArea} px="xs" pb="xs">
        <Box component="section" aria-label="Cloud status">
          <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt="sm" pb={4} hidden={rail}>
            Connections
          </Text>
          <CloudNavList rail={rail} />
        </Box>
      </AppShell.Section>
    </>
  );
}
