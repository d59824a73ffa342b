/**
 * Search over IPs, MACs, names and id prefixes. Every match is listed (the list shows the first
 * 200 and says how many more); arrows move through the list, Enter or a click jumps to the hit.
 * `/` anywhere on the page focuses it (data-page-search).
 */
import { useEffect, useRef, useState, useEffectEvent, type KeyboardEvent } from 'react';
import { Badge, CloseButton, Group, Paper, ScrollArea, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useDebouncedValue } from '@mantine/hooks';
import type { SearchHit, SearchResult } from '@shared/topology';
import { IdText } from '../../components/IdText';
import { entityKindIcon, kindColor } from './node-style';
import classes from './topology.module.css';
import { useSlashFocus } from './use-slash-focus';

const SHOWN = 200;

const FIELD_TEXT: Record<SearchHit['field'], string> = {
  id: 'id',
  ip: 'IP',
  'floating-ip': 'floating IP',
  'gateway-ip': 'gateway IP',
  mac: 'MAC',
  cidr: 'CIDR',
  contains: 'contains it',
  name: 'name',
};

export interface SearchBoxProps {
  /** Runs a search (the index is built on first use); null = nothing to show. */
  search: (query: string) => SearchResult | null;
  /** Run the search with an empty query too (filters alone list resources). */
  runEmpty?: boolean;
  /** The debounced query changed (empty = cleared). */
  onResult: (result: SearchResult | null) => void;
  onPick: (hit: SearchHit) => void;
  /** The typed text, held by the page (it survives navigation). */
  text: string;
  onText: (text: string) => void;
}

function HitRow({ hit, id, active, onPick }: { hit: SearchHit; id: string; active: boolean; onPick: () => void }) {
  const Icon = entityKindIcon[hit.ref.kind];
  return (
    <UnstyledButton
      id={id}
      role="option"
      tabIndex={-1}
      aria-selected={active}
      data-active={active || undefined}
      aria-label={`${hit.label}, ${hit.context}`}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onPick}
      style={{ display: 'block', width: '100%', padding: '4px 6px', borderRadius: 4 }}
      className={classes.searchHit}
    >
      <Group gap={6} wrap="nowrap">
        <Icon size={15} color={`var(--mantine-color-${kindColor[hit.ref.kind]}-6)`} style={{ flex: 'none' }} />
        <Text size="sm" fw={500} truncate style={{ flex: 'none', maxWidth: 170 }}>
          <IdText text={hit.label} />
        </Text>
        {hit.value && (
          <Badge size="xs" variant="light" color="gray" tt="none" style={{ flex: 'none' }}>
            {FIELD_TEXT[hit.field]} {hit.field !== 'name' ? <IdText text={hit.value} /> : ''}
          </Badge>
        )}
        <Text size="xs" c="dimmed" truncate style={{ minWidth: 0 }}>
          <IdText text={hit.context} />
        </Text>
      </Group>
    </UnstyledButton>
  );
}

function ResultList({
  result,
  active,
  onPick,
  onClose,
}: {
  result: SearchResult;
  active: number;
  onPick: (hit: SearchHit) => void;
  onClose: () => void;
}) {
  const hits = result.hits;
  return (
    <Paper
      withBorder
      shadow="md"
      p={4}
      style={{ position: 'absolute', top: 40, right: 0, width: 560, maxWidth: '90vw', zIndex: 300 }}
    >
      <Group justify="space-between" px={6} py={2}>
        <Text size="xs" c="dimmed" role="status" aria-label="Search matches">
          {hits.length === 0 ? 'No match' : `${hits.length} match${hits.length === 1 ? '' : 'es'}`}
        </Text>
        <CloseButton size="xs" aria-label="Close results" onClick={onClose} />
      </Group>
      <ScrollArea.Autosize mah={340} type="auto">
        <div role="listbox" id={LISTBOX_ID} aria-label="Search results">
          {hits.slice(0, SHOWN).map((hit, i) => (
            <HitRow
              key={`${hit.ref.kind}:${hit.ref.id}:${hit.field}:${hit.value}`}
              id={optionId(i)}
              hit={hit}
              active={i === active}
              onPick={() => onPick(hit)}
            />
          ))}
        </div>
        {hits.length > SHOWN && (
          <Text size="xs" c="dimmed" px={6} py={4}>
            and {hits.length - SHOWN} more: type more of the IP, MAC, name or id to narrow it down.
          </Text>
        )}
      </ScrollArea.Autosize>
    </Paper>
  );
}

const LISTBOX_ID = 'topology-search-results';
const optionId = (i: number) => `topology-search-hit-${i}`;

/** The results' arrow keys: the active option moves, Enter picks it, Escape closes then clears. */
function useListKeys(
  hits: readonly SearchHit[],
  open: boolean,
  actions: { pick: (hit: SearchHit) => void; close: () => void; clear: () => void; reopen: () => void },
) {
  const [active, setActive] = useState(0);
  const last = Math.min(hits.length, SHOWN) - 1;
  useEffect(() => setActive(0), [hits]);
  useEffect(() => {
    if (open) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [active, open]);
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape') {
      // First Escape closes the list (the highlights stay), the second clears the search.
      if (open) actions.close();
      else actions.clear();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) return actions.reopen();
      setActive((i) => (e.key === 'ArrowDown' ? Math.min(i + 1, last) : Math.max(i - 1, 0)));
    } else if (e.key === 'Enter' && hits[active]) actions.pick(hits[active]);
  };
  return { active, onKeyDown };
}

export function SearchBox({ search, runEmpty, onResult, onPick, text, onText: setText }: SearchBoxProps) {
  const [query] = useDebouncedValue(text.trim(), 150);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  // The text a hit was picked for: its late (debounced) result must not reopen the list.
  const pickedFor = useRef<string | null>(null);
  useSlashFocus(input);

  const reportResult = useEffectEvent((next: SearchResult | null) => onResult(next));
  useEffect(() => {
    const next = query || runEmpty ? search(query) : null;
    setResult(next);
    setOpen(!!next && document.activeElement === input.current && pickedFor.current !== query);
    reportResult(next);
    // Re-runs when the index or the filters change (a refresh) as well as when the query does.
  }, [query, search, runEmpty]);

  const hits = result?.hits ?? [];
  const pick = (hit: SearchHit) => {
    pickedFor.current = text.trim();
    onPick(hit);
    setOpen(false);
  };
  const keys = useListKeys(hits, open, {
    pick,
    close: () => setOpen(false),
    clear: () => setText(''),
    reopen: () => setOpen(!!result),
  });
  return (
    <div style={{ position: 'relative', width: 380, maxWidth: '100%' }}>
      <TextInput
        ref={input}
        aria-label="Search the topology"
        placeholder="Search IP, MAC, name or id…  ( / )"
        leftSection={<IconSearch size={16} />}
        value={text}
        data-page-search
        role="combobox"
        aria-expanded={open && !!result}
        aria-controls={LISTBOX_ID}
        aria-autocomplete="list"
        aria-activedescendant={open && hits.length ? optionId(keys.active) : undefined}
        onChange={(e) => setText(e.currentTarget.value)}
        onFocus={() => setOpen(!!result)}
        onKeyDown={keys.onKeyDown}
        rightSection={text ? <CloseButton size="sm" aria-label="Clear search" onClick={() => setText('')} /> : null}
      />
      {open && result && (
        <ResultList result={result} active={keys.active} onPick={pick} onClose={() => setOpen(false)} />
      )}
    </div>
  );
}
