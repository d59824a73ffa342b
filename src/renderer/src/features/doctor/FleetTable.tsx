import { useMemo } from 'react';
import { Badge, Button, Chip, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IdText } from '../../components/IdText';
import { ShortId } from '../../components/ShortId';
import { IconSearch } from '@tabler/icons-react';
import type { FleetRow, Verdict } from '@shared/models/doctor';
import { pageStateKey, usePageState } from '../../app/page-state';
import { filterRows, SEVERITY_COLOR, VERDICT_COLOR, VERDICT_LABEL, type FleetSort } from './doctor-text';

const PAGE = 300;
const allVerdicts = ['blocking', 'warning', 'ok'] as const;

export interface FleetTableProps {
  rows: FleetRow[];
  projectName: (id: string) => string;
  onOpen: (row: FleetRow) => void;
  /** Whose report (a cloud id, or "offline"): the filter and sort are kept per scope across navigation. */
  scopeKey: string | null;
}

interface FleetView {
  verdicts: string[];
  text: string;
  sort: FleetSort;
}

const initialView: FleetView = { verdicts: [...allVerdicts], text: '', sort: 'verdict' };

function FleetFilters({
  rows,
  view,
  onChange,
}: {
  rows: FleetRow[];
  view: FleetView;
  onChange: (v: FleetView) => void;
}) {
  return (
    <Group gap="md" align="flex-end">
      <Chip.Group multiple value={view.verdicts} onChange={(verdicts) => onChange({ ...view, verdicts })}>
        <Group gap="xs" aria-label="Verdict filter">
          {allVerdicts.map((v) => (
            <Chip key={v} value={v} color={VERDICT_COLOR[v]} size="sm">
              {VERDICT_LABEL[v]} ({rows.filter((r) => r.verdict === v).length})
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <TextInput
        aria-label="Filter instances"
        placeholder="name, id, project or finding"
        leftSection={<IconSearch size={14} />}
        value={view.text}
        onChange={(e) => onChange({ ...view, text: e.currentTarget.value })}
        w={280}
        size="xs"
      />
      <Select
        aria-label="Sort by"
        size="xs"
        w={160}
        value={view.sort}
        onChange={(v) => onChange({ ...view, sort: (v as FleetSort) ?? 'verdict' })}
        data={[
          { value: 'verdict', label: 'Sort: verdict' },
          { value: 'name', label: 'Sort: name' },
          { value: 'project', label: 'Sort: project' },
        ]}
        allowDeselect={false}
      />
    </Group>
  );
}

function FleetRowView({
  row: r,
  projectName,
  onOpen,
}: {
  row: FleetRow;
  projectName: (id: string) => string;
  onOpen: (row: FleetRow) => void;
}) {
  return (
    <Table.Tr
      onClick={() => onOpen(r)}
      style={{ cursor: 'pointer' }}
      aria-label={`${r.name || r.instanceId}: ${VERDICT_LABEL[r.verdict]}`}
    >
      <Table.Td style={{ whiteSpace: 'nowrap', width: 170 }}>
        <Badge color={VERDICT_COLOR[r.verdict]} variant="light" size="sm" style={{ flexShrink: 0 }}>
          {VERDICT_LABEL[r.verdict]}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500}>
          {r.name || '(no name)'}
        </Text>
        <ShortId value={r.instanceId} noun="instance" size="xs" c="dimmed" />
      </Table.Td>
      <Table.Td>
        <IdText text={projectName(r.projectId)} />
      </Table.Td>
      <Table.Td>{r.status}</Table.Td>
      <Table.Td>
        {r.top && (
          <Group gap={6} wrap="nowrap" align="flex-start">
            <Badge size="xs" color={SEVERITY_COLOR[r.top.severity]} variant="dot" style={{ flexShrink: 0 }}>
              {r.top.severity}
            </Badge>
            <Text size="sm">
              <IdText text={r.top.title} />
            </Text>
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Every instance with its verdict and top finding: filter by verdict and text, sort, click to open. */
export function FleetTable({ rows, projectName, onOpen, scopeKey }: FleetTableProps) {
  const [view, setView] = usePageState<FleetView>(pageStateKey('health', scopeKey, 'view'), initialView);
  const [limit, setLimit] = usePageState(pageStateKey('health', scopeKey, 'limit'), PAGE);
  const shown = useMemo(
    () => filterRows(rows, { verdicts: view.verdicts as Verdict[], text: view.text, sort: view.sort, projectName }),
    [rows, view, projectName],
  );
  return (
    <Stack gap="sm">
      <FleetFilters rows={rows} view={view} onChange={setView} />
      <Table highlightOnHover striped aria-label="Instances and their metadata health" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Verdict</Table.Th>
            <Table.Th>Instance</Table.Th>
            <Table.Th>Project</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Top finding</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.slice(0, limit).map((r) => (
            <FleetRowView key={r.instanceId} row={r} projectName={projectName} onOpen={onOpen} />
          ))}
        </Table.Tbody>
      </Table>
      {shown.length === 0 && (
        <Text size="sm" c="dimmed">
          No instance matches the filter.
        </Text>
      )}
      {shown.length > limit && (
        <Group>
          <Text size="sm" c="dimmed">
            {limit} of {shown.length} shown.
          </Text>
          <Button size="xs" variant="light" onClick={() => setLimit((l) => l + PAGE * 3)}>
            Show more
          </Button>
        </Group>
      )}
    </Stack>
  );
}
