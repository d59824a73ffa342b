/**
 * The search's filters (ERROR, DOWN, no device, project) in a popover, and the "Only matches"
 * switch that hides every tree row not on the way to a hit.
 */
import { Button, Checkbox, Indicator, Popover, Select, Stack, Switch, Text } from '@mantine/core';
import { IconFilter } from '@tabler/icons-react';
import type { TopologyModel } from '@shared/topology';
import type { HitFilters } from './match-filter';

export interface SearchFiltersProps {
  model: TopologyModel;
  filters: HitFilters;
  onFilters: (next: HitFilters) => void;
  onlyMatches: boolean;
  onOnlyMatches: (on: boolean) => void;
  /** The graph has no "only matches" mode. */
  showOnlyMatches: boolean;
}

const TITLE_ID = 'topology-search-filters-title';

export function SearchFilters({
  model,
  filters,
  onFilters,
  onlyMatches,
  onOnlyMatches,
  showOnlyMatches,
}: SearchFiltersProps) {
  const active = [filters.error, filters.down, filters.noDevice, !!filters.projectId].filter(Boolean).length;
  const projects = [...model.projectNames.entries()]
    .map(([value, label]) => ({ value, label: label || value }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const set = (patch: Partial<HitFilters>) => onFilters({ ...filters, ...patch });
  return (
    <>
      <Popover position="bottom-end" shadow="md" width={260} trapFocus>
        {/* The button is the target (aria-expanded belongs on it, not on the indicator's div). */}
        <Indicator label={active} size={16} disabled={!active} offset={4}>
          <Popover.Target>
            <Button
              variant="default"
              size="sm"
              leftSection={<IconFilter size={16} />}
              aria-label={`Filters, ${active} active`}
            >
              Filters
            </Button>
          </Popover.Target>
        </Indicator>
        {/* Named by its title, not by its button (Mantine's default aria-labelledby). */}
        <Popover.Dropdown aria-labelledby={TITLE_ID}>
          <Stack gap="xs">
            <Text id={TITLE_ID} size="sm" fw={600}>
              Search filters
            </Text>
            <Text size="xs" c="dimmed">
              Hits must pass every checked filter; with no search text, every resource that passes is listed.
            </Text>
            <Checkbox
              label="Status ERROR"
              checked={filters.error}
              onChange={(e) => set({ error: e.currentTarget.checked })}
            />
            <Checkbox
              label="DOWN (status, or admin state down)"
              checked={filters.down}
              onChange={(e) => set({ down: e.currentTarget.checked })}
            />
            <Checkbox
              label="No device (spare ports, unassociated floating IPs)"
              checked={filters.noDevice}
              onChange={(e) => set({ noDevice: e.currentTarget.checked })}
            />
            <Select
              label="Project"
              placeholder="Any project"
              data={projects}
              value={filters.projectId}
              onChange={(projectId) => set({ projectId })}
              clearable
              searchable
              comboboxProps={{ withinPortal: false }}
            />
          </Stack>
        </Popover.Dropdown>
      </Popover>
      {showOnlyMatches && (
        <Switch
          label="Only matches"
          checked={onlyMatches}
          onChange={(e) => onOnlyMatches(e.currentTarget.checked)}
          aria-label="Show only matches"
        />
      )}
    </>
  );
}
