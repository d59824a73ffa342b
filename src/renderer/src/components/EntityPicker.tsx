/**
 * A searchable picker for an instance, router or network of the loaded topology: type a name, an
 * IP or MAC of one of its ports, a CIDR or an id prefix; each option shows the project and the
 * addresses that tell equal names apart. A full id that is not in the topology (another project,
 * just created) can still be used as typed.
 */
import { useMemo, useState } from 'react';
import { Combobox, Group, InputBase, Loader, Text, useCombobox } from '@mantine/core';
import type { TopologyModel } from '@shared/topology';
import { buildSearchIndex, pickOption, pickSearch, type PickKind, type PickOption } from '@shared/topology';
import { nameWithId } from './short-id';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOUN: Record<PickKind, string> = { server: 'instance', router: 'router', network: 'network' };

export interface EntityPickerProps {
  kind: PickKind;
  label: string;
  /** The loaded topology (null while it loads or when it could not be fetched). */
  model: TopologyModel | null;
  loading?: boolean;
  /** The chosen id. */
  value: string | null;
  onChange: (id: string | null, option: PickOption | null) => void;
  required?: boolean;
  w?: number | string;
  /** Shown under the input, e.g. why names are missing. */
  description?: string;
  /** Told when names are needed (a click, or text that is not an id): pages load the topology then. */
  onUse?: () => void;
}

/** The text shown for a chosen id: "web-1 (716a…)" or the id itself when not in the topology. */
function chosenText(model: TopologyModel | null, kind: PickKind, id: string | null): string {
  if (!id) return '';
  const option = model ? pickOption(model, kind, id) : undefined;
  return option ? nameWithId(option.label, id) : id;
}

export function EntityPicker({
  kind,
  label,
  model,
  loading,
  value,
  onChange,
  required,
  w,
  description,
  onUse,
}: EntityPickerProps) {
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [query, setQuery] = useState<string | null>(null);
  const index = useMemo(() => (model ? buildSearchIndex(model) : null), [model]);
  const text = query ?? chosenText(model, kind, value);
  const options = useMemo(
    () => (model && index ? pickSearch(model, index, kind, query ?? '', 30) : []),
    [model, index, kind, query],
  );
  const typedId = query && ID.test(query.trim()) && !options.some((o) => o.id === query.trim()) ? query.trim() : null;

  const choose = (id: string) => {
    const option = model ? (pickOption(model, kind, id) ?? null) : null;
    onChange(id, option);
    setQuery(null);
    combobox.closeDropdown();
  };

  return (
    <Combobox store={combobox} onOptionSubmit={choose}>
      <Combobox.Target>
        <InputBase
          label={label}
          description={description}
          required={required}
          w={w}
          value={text}
          placeholder={`Name, IP, MAC or id of the ${NOUN[kind]}`}
          rightSection={loading ? <Loader size={14} /> : <Combobox.Chevron />}
          rightSectionPointerEvents="none"
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            // A pasted id needs no names; anything else does.
            if (!/^[0-9a-f-]*$/i.test(e.currentTarget.value)) onUse?.();
            combobox.openDropdown();
            // Enter takes the best match.
            setTimeout(() => combobox.selectFirstOption(), 0);
            if (!e.currentTarget.value) onChange(null, null);
          }}
          onClick={() => {
            onUse?.();
            combobox.openDropdown();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => {
            combobox.closeDropdown();
            // A full id typed and left is taken as it is.
            if (typedId) choose(typedId);
            else setQuery(null);
          }}
        />
      </Combobox.Target>
      <Combobox.Dropdown aria-label={`${label} options`}>
        <Combobox.Options mah={320} style={{ overflowY: 'auto' }}>
          {options.map((o) => (
            <Combobox.Option
              value={o.id}
              key={o.id}
              active={o.id === value}
              aria-label={`${o.label}, ${o.projectName}`}
            >
              <Group gap={6} wrap="nowrap" justify="space-between">
                <Text size="sm" fw={500} truncate>
                  {o.label}
                </Text>
                <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
                  {o.projectName}
                </Text>
              </Group>
              <Text size="xs" c="dimmed" truncate>
                {[o.matched, o.detail].filter(Boolean).join(' \u00b7 ')}
              </Text>
            </Combobox.Option>
          ))}
          {typedId && (
            <Combobox.Option value={typedId} aria-label={`Use the id ${typedId}`}>
              <Text size="sm">
                Use the id{' '}
                <Text span ff="monospace" inherit>
                  {typedId}
                </Text>{' '}
                (not in the loaded topology)
              </Text>
            </Combobox.Option>
          )}
          {!typedId && options.length === 0 && (
            <Combobox.Empty>
              {loading ? 'Loading the topology…' : model ? `No ${NOUN[kind]} matches` : 'Paste a full id'}
            </Combobox.Empty>
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
