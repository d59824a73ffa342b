/**
 * Search over IPs, MACs, names and id prefixes. Every match is listed (the list shows the first
 * 200 and says how many more); picking one jumps to it.
 */
import { useEffect, useState, useEffectEvent } from 'react';
import { Badge, CloseButton, Group, Paper, ScrollArea, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useDebouncedValue } from '@mantine/hooks';
import type { SearchHit, SearchResult } from '@shared/topology';
import { entityKindIcon, kindColor } from './node-style';
import classes from './topology.module.css';

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
  /** Runs a search (the index is built on first use). */
  search: (query: string) => SearchResult;
  /** The debounced query changed (empty = cleared). */
  onResult: (result: SearchResult | null) => void;
  onPick: (hit: SearchHit) => void;
}

export function SearchBox({ search, onResult, onPick }: SearchBoxProps) {
  const [text, setText] = useState('');
  const [query] = useDebouncedValue(text.trim(), 150);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [open, setOpen] = useState(false);

  const reportResult = useEffectEvent((next: SearchResult | null) => onResult(next));
  useEffect(() => {
    const next = query ? search(query) : null;
    setResult(next);
    setOpen(!!next);
    reportResult(next);
    // Re-runs when the index changes (a refresh) as well as when the query does.
  }, [query, search]);

  const hits = result?.hits ?? [];
  return (
    <div style={{ position: 'relative', width: 420, maxWidth: '100%' }}>
      <TextInput
        aria-label="Search the topology"
        placeholder="Search IP, MAC, name or id…"
        leftSection={<IconSearch size={16} />}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onFocus={() => setOpen(!!result)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            // First Escape closes the list (the highlights stay), the second clears the search.
            if (open) setOpen(false);
            else setText('');
          } else if (e.key === 'Enter' && hits[0]) {
            onPick(hits[0]);
            setOpen(false);
          }
        }}
        rightSection={text ? <CloseButton size="sm" aria-label="Clear search" onClick={() => setText('')} /> : null}
      />
      {open && result && (
        <Paper
          withBorder
          shadow="md"
          p={4}
          style={{ position: 'absolute', top: 40, right: 0, width: 560, maxWidth: '90vw', zIndex: 300 }}
          role="listbox"
          aria-label="Search results"
        >
          <Group justify="space-between" px={6} py={2}>
            <Text size="xs" c="dimmed" role="status">
              {hits.length === 0 ? 'No match' : `${hits.length} match${hits.length === 1 ? '' : 'es'}`}
            </Text>
            <CloseButton size="xs" aria-label="Close results" onClick={() => setOpen(false)} />
          </Group>
          <ScrollArea.Autosize mah={340} type="auto">
            {hits.slice(0, SHOWN).map((hit, i) => {
              const Icon = entityKindIcon[hit.ref.kind];
              return (
                <UnstyledButton
                  key={`${hit.ref.kind}:${hit.ref.id}:${hit.field}:${hit.value}`}
                  role="option"
                  aria-selected={false}
                  aria-label={`${hit.label}, ${hit.context}`}
                  onClick={() => {
                    onPick(hit);
                    setOpen(false);
                  }}
                  style={{ display: 'block', width: '100%', padding: '4px 6px', borderRadius: 4 }}
                  data-index={i}
                  className={classes.searchHit}
                >
                  <Group gap={6} wrap="nowrap">
                    <Icon
                      size={15}
                      color={`var(--mantine-color-${kindColor[hit.ref.kind]}-6)`}
                      style={{ flex: 'none' }}
                    />
                    <Text size="sm" fw={500} truncate style={{ flex: 'none', maxWidth: 170 }}>
                      {hit.label}
                    </Text>
                    <Badge size="xs" variant="light" color="gray" tt="none" style={{ flex: 'none' }}>
                      {FIELD_TEXT[hit.field]} {hit.field !== 'name' ? hit.value : ''}
                    </Badge>
                    <Text size="xs" c="dimmed" truncate style={{ minWidth: 0 }}>
                      {hit.context}
                    </Text>
                  </Group>
                </UnstyledButton>
              );
            })}
            {hits.length > SHOWN && (
              <Text size="xs" c="dimmed" px={6} py={4}>
                and {hits.length - SHOWN} more: type more of the IP, MAC, name or id to narrow it down.
              </Text>
            )}
          </ScrollArea.Autosize>
        </Paper>
      )}
    </div>
  );
}
