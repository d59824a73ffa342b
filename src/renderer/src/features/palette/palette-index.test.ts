import { describe, expect, it } from 'vitest';
import { buildSearchIndex, buildTopologyModel } from '@shared/topology';
import { sampleCloud } from '@shared/topology/testing/sample-cloud';
import { lookup } from '@shared/topology/testing/lookup';
import {
  matchScore,
  paletteResults,
  pushRecent,
  rankEntries,
  resourceEntries,
  type PaletteEntry,
} from './palette-index';

const page = (key: string, label: string, keywords?: string): PaletteEntry => ({
  key,
  group: 'Pages',
  label,
  keywords,
  target: { type: 'page', page: key },
});
const entries = [
  page('clouds', 'Clouds', 'connections settings'),
  page('topology', 'Topology'),
  page('metadata', 'Instance metadata'),
  page('proxy', 'Metadata proxy'),
];

const snapshot = sampleCloud();
const index = buildSearchIndex(buildTopologyModel(snapshot));
const sources = [{ cloudId: 'c1', cloudName: 'sample', search: (q: string) => index.search(q) }];

describe('palette ranking', () => {
  it('prefers a prefix, then a word start, then a substring; every word must match', () => {
    expect(matchScore('Metadata proxy', 'meta')).toBe(3);
    expect(matchScore('Instance metadata', 'meta')).toBe(2);
    expect(matchScore('Topology', 'polo')).toBe(1);
    expect(matchScore('Instance metadata', 'inst meta')).toBe(5);
    expect(matchScore('Instance metadata', 'meta proxy')).toBe(0);
  });

  it('ranks labels above keywords and keeps the order of ties', () => {
    expect(rankEntries(entries, 'meta').map((e) => e.key)).toEqual(['proxy', 'metadata']);
    expect(rankEntries(entries, 'settings').map((e) => e.key)).toEqual(['clouds']);
    expect(rankEntries(entries, '').map((e) => e.key)).toEqual(['clouds', 'topology', 'metadata', 'proxy']);
  });
});

describe('palette resources', () => {
  it('finds an IP across the loaded topology, each resource once, with where it is', () => {
    const hits = resourceEntries(sources, '10.0.0.10');
    const servers = lookup(snapshot);
    const portIds = ['web-1', 'db-1', 'ops-bastion'].map((n) => servers.serverPorts(n)[0].id).sort();
    expect(hits.map((h) => (h.target.type === 'entity' ? h.target.ref.id : '')).sort()).toEqual(portIds);
    expect(hits.every((h) => h.detail?.startsWith('10.0.0.10 · network '))).toBe(true);
    expect(resourceEntries(sources, '1')).toEqual([]);
  });

  it('caps each cloud and names the cloud when several are loaded', () => {
    const two = [...sources, { ...sources[0], cloudId: 'c2', cloudName: 'other' }];
    const hits = resourceEntries(two, 'web', 3);
    expect(hits).toHaveLength(6);
    expect(hits[3].detail).toMatch(/ · other$/);
  });
});

describe('recents', () => {
  it('moves a chosen entry first, once, and caps the list', () => {
    let recents: PaletteEntry[] = [];
    for (const e of [...entries, entries[0]]) recents = pushRecent(recents, e, 3);
    expect(recents.map((r) => r.key)).toEqual(['clouds', 'proxy', 'metadata']);
    expect(recents.every((r) => r.group === 'Recent')).toBe(true);
  });

  it('shows recents first and never twice', () => {
    const recents = pushRecent([], entries[3]);
    const shown = paletteResults(entries, recents, sources, '');
    expect(shown.map((e) => `${e.group}:${e.key}`)).toEqual([
      'Recent:proxy',
      'Pages:clouds',
      'Pages:topology',
      'Pages:metadata',
    ]);
  });
});
