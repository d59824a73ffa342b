/**
 * Ctrl/Cmd+K: one field to go anywhere. Pages, clouds to connect or switch to, any IP / MAC / name /
 * id of the connected clouds' loaded topologies, and the actions on what was found (metadata
 * lookup, proxy listener). Arrows move, Enter runs, Esc closes; chosen entries come back as Recent.
 */
import { useMemo, useState } from 'react';
import { Group, Kbd, Loader, Modal, Text, TextInput } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useClouds, useSessions } from '../../api';
import { useNavigation } from '../../app/navigation';
import { cloudEntries, pageEntries, withActions, type PalettePage } from './palette-entries';
import { paletteResults, pushRecent, type PaletteEntry } from './palette-index';
import { PaletteConnect } from './PaletteConnect';
import { PaletteList, optionId } from './PaletteList';
import { usePaletteRunner } from './use-palette-runner';
import { usePaletteSources } from './use-palette-sources';

const RECENTS_KEY = 'stacklens.palette.recent';
const NO_SESSIONS: never[] = [];

function usePaletteEntries(pages: readonly PalettePage[]): PaletteEntry[] {
  const clouds = useClouds().data;
  const sessions = useSessions().data;
  return useMemo(
    () => [
      ...pageEntries(pages),
      ...cloudEntries(
        (clouds ?? []).map((c) => ({
          id: c.id,
          name: c.name,
          connected: !!sessions?.some((s) => s.cloudId === c.id),
        })),
      ),
    ],
    [pages, clouds, sessions],
  );
}

/** Up, Down, Home, End over `count` options (wrapping at the ends, as VS Code's palette does). */
function moveKey(key: string, active: number, count: number): number | null {
  if (count === 0) return null;
  if (key === 'ArrowDown') return (active + 1) % count;
  if (key === 'ArrowUp') return (active - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

interface PaletteBodyProps {
  pages: readonly PalettePage[];
  recents: PaletteEntry[];
  /** Called with the entry chosen (the body unmounts right after: the recents live above it). */
  onChosen: (entry: PaletteEntry) => void;
}

function PaletteBody({ pages, recents, onChosen }: PaletteBodyProps) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const { selectedCloudId } = useNavigation();
  const sessions = useSessions().data ?? NO_SESSIONS;
  const { sources, loading, loadingCloud } = usePaletteSources(sessions, selectedCloudId);
  const entries = usePaletteEntries(pages);
  const results = useMemo(
    () => withActions(paletteResults(entries, recents, sources, query)),
    [entries, recents, sources, query],
  );
  const run = usePaletteRunner(
    pages.map((p) => p.id),
    sources,
  );
  const current = Math.min(active, Math.max(results.length - 1, 0));

  const choose = (entry: PaletteEntry) => {
    run(entry.target);
    onChosen(entry);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    const next = moveKey(e.key, current, results.length);
    if (next !== null) setActive(next);
    else if (e.key === 'Enter' && results[current]) choose(results[current]);
    else return;
    e.preventDefault();
  };

  return (
    <>
      <TextInput
        data-autofocus
        size="md"
        value={query}
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        placeholder="Go to a page, a cloud, an IP, MAC, name or id…"
        leftSection={<IconSearch size={18} />}
        rightSection={loading ? <Loader size={16} aria-label={`Loading the topology of ${loadingCloud}`} /> : null}
        role="combobox"
        aria-label="Command"
        aria-expanded
        aria-controls="palette-listbox"
        aria-autocomplete="list"
        aria-activedescendant={results.length ? optionId(current) : undefined}
        mb="xs"
      />
      {results.length > 0 ? (
        <PaletteList entries={results} active={current} onActive={setActive} onChoose={choose} />
      ) : (
        <Text size="sm" p="sm" role="status">
          {loading ? `Nothing yet: loading the topology of ${loadingCloud}…` : `Nothing matches “${query}”.`}
        </Text>
      )}
    </>
  );
}

export interface CommandPaletteProps {
  pages: readonly PalettePage[];
  opened: boolean;
  onClose: () => void;
}

/** The palette, mounted once by the app layout (which owns the shortcut) with the page registry. */
export function CommandPalette({ pages, opened, onClose: close }: CommandPaletteProps) {
  const [connecting, setConnecting] = useState<string | null>(null);
  const [recents, setRecents] = useLocalStorage<PaletteEntry[]>({
    key: RECENTS_KEY,
    defaultValue: [],
    getInitialValueInEffect: false,
  });
  return (
    <>
      <Modal
        opened={opened}
        onClose={close}
        size="xl"
        yOffset="10vh"
        padding="sm"
        title={
          <Group gap={6}>
            <Text fw={600}>Command palette</Text>
            <Text size="xs" c="dimmed" component="span">
              <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> move · <Kbd size="xs">Enter</Kbd> run ·{' '}
              <Kbd size="xs">Esc</Kbd> close
            </Text>
          </Group>
        }
      >
        {opened && (
          <PaletteBody
            pages={pages}
            recents={recents}
            onChosen={(entry) => {
              setRecents((old) => pushRecent(old, entry));
              close();
              if (entry.target.type === 'cloud' && entry.target.connect) setConnecting(entry.target.cloudId);
            }}
          />
        )}
      </Modal>
      {connecting && <PaletteConnect key={connecting} cloudId={connecting} onDone={() => setConnecting(null)} />}
    </>
  );
}
