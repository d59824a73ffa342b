/**
 * A searchable picker for an instance, router or network of the loaded topology: type a name, an
 * IP or MAC of one of its ports, a CIDR or an id prefix; each option shows the project and the
 * addresses that tell equal names apart. A full id that is not in the topology (another project,
 * just created) can still be used as typed.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { Combobox, Group, InputBase, Loader, Text, useCombobox, type ComboboxStore } from '@mantine/core';
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
  description?: ReactNode;
  /** A validation message (forms). */
  error?: ReactNode;
  /** Told when names are needed (a click, or text that is not an id): pages load the topology then. */
  onUse?: () => void;
}

/** The text shown for a chosen id: "web-1 (716a…)" or the id itself when not in the topology. */
function chosenText(model: TopologyModel | null, kind: PickKind, id: string | null): string {
  if (!id) return '';
  const option = model ? pickOption(model, kind, id) : undefined;
  return option ? nameWithId(option.label, id) : id;
}

/** The options for the text typed so far, and the full id typed when no option has it. */
function usePickerSearch(model: TopologyModel | null, kind: PickKind, query: string | null) {
  const index = useMemo(() => (model ? buildSearchIndex(model) : null), [model]);
  const options = useMemo(
    () => (model && index ? pickSearch(model, index, kind, query ?? '', 30) : []),
    [model, index, kind, query],
  );
  const typed = query?.trim() ?? '';
  const typedId = ID.test(typed) && !options.some((o) => o.id === typed) ? typed : null;
  return { options, typedId };
}

function OptionRow({ option, active }: { option: PickOption; active: boolean }) {
  return (
    <Combobox.Option value={option.id} active={active} aria-label={`${option.label}, ${option.projectName}`}>
      <Group gap={6} wrap="nowrap" justify="space-between">
        <Text size="sm" fw={500} truncate>
          {option.label}
        </Text>
        <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
          {option.projectName}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" truncate>
        {[option.matched, option.detail].filter(Boolean).join(' \u00b7 ')}
      </Text>
    </Combobox.Option>
  );
}

interface DropdownProps {
  label: string;
  kind: PickKind;
  options: PickOption[];
  value: string | null;
  typedId: string | null;
  loading?: boolean;
  hasModel: boolean;
}

function PickerDropdown({ label, kind, options, value, typedId, loading, hasModel }: DropdownProps) {
  const empty = loading ? 'Loading the topology…' : hasModel ? `No ${NOUN[kind]} matches` : 'Paste a full id';
  return (
    <Combobox.Dropdown aria-label={`${label} options`}>
      <Combobox.Options mah={320} style={{ overflowY: 'auto' }}>
        {options.map((o) => (
          <OptionRow key={o.id} option={o} active={o.id === value} />
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
        {!typedId && options.length === 0 && <Combobox.Empty>{empty}</Combobox.Empty>}
      </Combobox.Options>
    </Combobox.Dropdown>
  );
}

/** The input's handlers: typing searches (and asks for names), leaving takes a full id as typed. */
function inputHandlers(
  combobox: ComboboxStore,
  setQuery: (query: string | null) => void,
  typedId: string | null,
  choose: (id: string) => void,
  onChange: EntityPickerProps['onChange'],
  onUse?: () => void,
) {
  return {
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
      const text = e.currentTarget.value;
      setQuery(text);
      // A pasted id needs no names; anything else does.
      if (!/^[0-9a-f-]*$/i.test(text)) onUse?.();
      combobox.openDropdown();
      // Enter takes the best match.
      setTimeout(() => combobox.selectFirstOption(), 0);
      if (!text) onChange(null, null);
    },
    onClick: () => {
      onUse?.();
      combobox.openDropdown();
    },
    onFocus: () => combobox.openDropdown(),
    onBlur: () => {
      combobox.closeDropdown();
      // A full id typed and left is taken as it is.
      if (typedId) choose(typedId);
      else setQuery(null);
    },
  };
}

export function EntityPicker(props: EntityPickerProps) {
  const { kind, label, model, loading, value, onChange, onUse } = props;
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [query, setQuery] = useState<string | null>(null);
  const { options, typedId } = usePickerSearch(model, kind, query);

  const choose = (id: string) => {
    onChange(id, model ? (pickOption(model, kind, id) ?? null) : null);
    setQuery(null);
    combobox.closeDropdown();
  };

  return (
    <Combobox store={combobox} onOptionSubmit={choose}>
      <Combobox.Target>
        <InputBase
          label={label}
          description={props.description}
          error={props.error}
          required={props.required}
          w={props.w}
          value={query ?? chosenText(model, kind, value)}
          placeholder={`Name, IP, MAC or id of the ${NOUN[kind]}`}
          rightSection={loading ? <Loader size={14} /> : <Combobox.Chevron />}
          rightSectionPointerEvents="none"
          {...inputHandlers(combobox, setQuery, typedId, choose, onChange, onUse)}
        />
      </Combobox.Target>
      <PickerDropdown
        label={label}
        kind={kind}
        options={options}
        value={value}
        typedId={typedId}
        loading={loading}
        hasModel={model !== null}
      />
    </Combobox>
  );
}
