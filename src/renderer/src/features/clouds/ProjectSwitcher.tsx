import { Loader, Select, Stack } from '@mantine/core';
import type { CloudSummary, SessionInfo } from '@shared/models/cloud';
import { useProjects, useSwitchProject } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';

/** Re-scopes a live session to another project the user has a role in (session:projects). Compact: a table cell. */
export function ProjectSwitcher({ cloud, session }: { cloud: CloudSummary; session: SessionInfo }) {
  const projects = useProjects(cloud.id, true);
  const switchProject = useSwitchProject(cloud.id);
  const current = session.scope.kind === 'project' ? session.scope.id : null;
  const data = (projects.data ?? []).map((p) => ({ value: p.id, label: p.name }));
  // The current project first appears before the list has loaded.
  if (current && session.scope.kind === 'project' && !data.some((d) => d.value === current)) {
    data.unshift({ value: current, label: session.scope.name });
  }
  return (
    <Stack gap={4}>
      <Select
        size="xs"
        aria-label="Switch project"
        placeholder={
          projects.isPending
            ? 'Loading projects…'
            : session.scope.kind === 'domain'
              ? `domain ${session.scope.name}`
              : 'Pick a project'
        }
        data={data}
        value={current}
        allowDeselect={false}
        searchable={data.length > 8}
        disabled={switchProject.isPending || projects.isError}
        onChange={(projectId) => projectId && projectId !== current && switchProject.mutate(projectId)}
        w={150}
        rightSection={projects.isFetching || switchProject.isPending ? <Loader size="xs" /> : undefined}
      />
      {projects.isError && (
        <ErrorAlert error={projects.error} title="Projects could not be listed" onRetry={() => projects.refetch()} />
      )}
      {switchProject.isError && <ErrorAlert error={switchProject.error} title="The project was not switched" />}
    </Stack>
  );
}
