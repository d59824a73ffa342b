import { Loader, Select, type SelectProps } from '@mantine/core';

export interface ProjectOption {
  id: string;
  name: string;
}

export interface ProjectSelectProps extends Pick<SelectProps, 'label' | 'description' | 'w' | 'size' | 'aria-label'> {
  projects: readonly ProjectOption[] | undefined;
  /** The session's project (shown before the list has loaded). */
  current: ProjectOption | null;
  loading?: boolean;
  disabled?: boolean;
  onChange: (projectId: string) => void;
}

/** A project picker, props only: the header's switcher and a cloud's card feed it from their session. */
export function ProjectSelect({ projects, current, loading, disabled, onChange, ...rest }: ProjectSelectProps) {
  const data = (projects ?? []).map((p) => ({ value: p.id, label: p.name }));
  if (current && !data.some((d) => d.value === current.id)) data.unshift({ value: current.id, label: current.name });
  return (
    <Select
      {...rest}
      placeholder={loading && !projects ? 'Loading projects…' : 'Pick a project'}
      data={data}
      value={current?.id ?? null}
      allowDeselect={false}
      searchable={data.length > 8}
      disabled={disabled}
      onChange={(id) => id && id !== current?.id && onChange(id)}
      rightSection={loading ? <Loader size="xs" /> : undefined}
      comboboxProps={{ width: 'max-content', position: 'bottom-start' }}
    />
  );
}
