/**
 * The topology page's controls: which topology (a connected cloud or the offline snapshot),
 * refresh and opt-in auto-refresh, the admin's all-projects switch and project filter, export,
 * and opening a snapshot file or the bundled sample.
 */
import { ActionIcon, Button, Group, Select, Switch, Tooltip } from '@mantine/core';
import { IconFileExport, IconFolderOpen, IconRefresh, IconStack2 } from '@tabler/icons-react';
import type { ProjectName } from '@shared/models/topology';

export interface SourceOption {
  value: string;
  label: string;
}

export const AUTO_REFRESH_OPTIONS = [
  { value: 'off', label: 'Auto-refresh off' },
  { value: '30000', label: 'Every 30 s' },
  { value: '60000', label: 'Every minute' },
  { value: '300000', label: 'Every 5 minutes' },
];

export interface TopologyToolbarProps {
  sources: SourceOption[];
  source: string | null;
  onSource: (value: string) => void;
  live: boolean;
  fetching: boolean;
  onRefresh: () => void;
  autoRefresh: string;
  onAutoRefresh: (value: string) => void;
  /** Admin sessions only. */
  admin?: {
    allProjects: boolean;
    onAllProjects: (on: boolean) => void;
    projects: ProjectName[];
    projectId: string | null;
    onProject: (id: string | null) => void;
  };
  canExport: boolean;
  exporting: boolean;
  onExport: () => void;
  onOpenFile: () => void;
  onOpenSample: () => void;
  opening: boolean;
}

/** Export, open a file, the sample: icons with tooltips (with their words the toolbar took two rows at 1280 px). */
function FileActions(
  p: Pick<TopologyToolbarProps, 'canExport' | 'exporting' | 'onExport' | 'onOpenFile' | 'onOpenSample' | 'opening'>,
) {
  return (
    <Group gap={6} ml="auto" wrap="nowrap">
      <Tooltip label="Export the topology as a snapshot file" openDelay={300}>
        <ActionIcon
          variant="default"
          size="input-sm"
          aria-label="Export…"
          onClick={p.onExport}
          disabled={!p.canExport}
          loading={p.exporting}
        >
          <IconFileExport size={18} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Open a snapshot file" openDelay={300}>
        <ActionIcon
          variant="default"
          size="input-sm"
          aria-label="Open snapshot…"
          onClick={p.onOpenFile}
          loading={p.opening}
        >
          <IconFolderOpen size={18} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Open the bundled sample snapshot" openDelay={300}>
        <ActionIcon variant="default" size="input-sm" aria-label="Open the bundled sample" onClick={p.onOpenSample}>
          <IconStack2 size={18} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

export function TopologyToolbar(p: TopologyToolbarProps) {
  return (
    <Group gap="xs" wrap="wrap" aria-label="Topology controls" role="toolbar">
      <Select
        aria-label="Topology source"
        placeholder="Pick a connected cloud or a snapshot"
        data={p.sources}
        value={p.source}
        onChange={(v) => v && p.onSource(v)}
        allowDeselect={false}
        w={210}
        disabled={p.sources.length === 0}
      />
      {p.live && (
        <>
          <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={p.onRefresh} loading={p.fetching}>
            Refresh
          </Button>
          <Select
            aria-label="Auto-refresh"
            data={AUTO_REFRESH_OPTIONS}
            value={p.autoRefresh}
            onChange={(v) => p.onAutoRefresh(v ?? 'off')}
            allowDeselect={false}
            w={165}
          />
        </>
      )}
      {p.live && p.admin && (
        <>
          <Tooltip
            label="Admins: every project's routers, networks, ports and instances (Nova all_tenants)"
            openDelay={400}
          >
            <Switch
              label="All projects"
              checked={p.admin.allProjects}
              onChange={(e) => p.admin!.onAllProjects(e.currentTarget.checked)}
            />
          </Tooltip>
          {p.admin.allProjects && (
            <Select
              aria-label="Project filter"
              placeholder="Every project"
              clearable
              searchable
              data={p.admin.projects.map((proj) => ({ value: proj.id, label: proj.name }))}
              value={p.admin.projectId}
              onChange={p.admin.onProject}
              w={170}
              nothingFoundMessage="No such project"
            />
          )}
        </>
      )}
      <FileActions {...p} />
    </Group>
  );
}
