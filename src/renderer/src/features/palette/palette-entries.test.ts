import { describe, expect, it } from 'vitest';
import { buildSearchIndex, buildTopologyModel } from '@shared/topology';
import { sampleCloud } from '@shared/topology/testing/sample-cloud';
import { lookup } from '@shared/topology/testing/lookup';
import { actionEntries, cloudEntries, pageEntries, withActions } from './palette-entries';
import { paletteResults, resourceEntries } from './palette-index';

const snapshot = sampleCloud();
const find = lookup(snapshot);
const index = buildSearchIndex(buildTopologyModel(snapshot));
const sources = [{ cloudId: 'c1', cloudName: 'sample', search: (q: string) => index.search(q) }];

describe('page and cloud entries', () => {
  it('finds a page by a word of its description', () => {
    const pages = pageEntries([
      { id: 'topology', label: 'Topology', description: 'Routers, networks and a graph' },
      { id: 'proxy', label: 'Metadata proxy', description: 'Local listeners and their request log' },
    ]);
    const shown = paletteResults(pages, [], [], 'listeners');
    expect(shown.map((e) => e.target)).toEqual([{ type: 'page', page: 'proxy' }]);
  });

  it('offers to connect a cloud without a session and to switch to a connected one', () => {
    const entries = cloudEntries([
      { id: 'a', name: 'lab-admin', connected: false },
      { id: 'b', name: 'lab-alice', connected: true },
    ]);
    expect(entries.map((e) => [e.label, e.target])).toEqual([
      ['Connect lab-admin', { type: 'cloud', cloudId: 'a', connect: true }],
      ['Switch to lab-alice', { type: 'cloud', cloudId: 'b', connect: false }],
    ]);
    expect(paletteResults(entries, [], [], 'connect lab').map((e) => e.key)).toEqual(['cloud:a', 'cloud:b']);
  });
});

describe('actions on what was found', () => {
  it('an instance found by name gets a metadata lookup and a listener serving as it', () => {
    const web1 = find.server('web-1');
    const found = resourceEntries(sources, 'web-1');
    const actions = actionEntries(found);
    expect(actions.map((a) => a.target)).toContainEqual({ type: 'lookup', cloudId: 'c1', instanceId: web1.id });
    expect(actions.map((a) => a.target)).toContainEqual({ type: 'listener', cloudId: 'c1', instanceId: web1.id });
    expect(actions.find((a) => a.target.type === 'lookup')?.label).toBe('Metadata lookup: web-1');
  });

  it('a router found gets a namespace listener; ports and networks get no action', () => {
    const router = find.router('web-router');
    const actions = actionEntries(resourceEntries(sources, 'web-router'));
    expect(actions.map((a) => a.target)).toEqual([{ type: 'listener', cloudId: 'c1', routerId: router.id }]);
    const byIp = resourceEntries(sources, '10.0.0.10');
    expect(byIp.length).toBeGreaterThan(0);
    expect(actionEntries(byIp)).toEqual([]);
  });

  it('places the actions after the results, never twice, at most `limit` resources', () => {
    const found = resourceEntries(sources, 'web');
    const all = withActions(paletteResults([], [], sources, 'web'));
    expect(all.slice(0, found.length)).toEqual(found);
    expect(new Set(all.map((e) => e.key)).size).toBe(all.length);
    expect(actionEntries(found, 1).length).toBeLessThanOrEqual(2);
  });
});
