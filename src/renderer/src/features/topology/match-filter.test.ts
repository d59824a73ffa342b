import { describe, expect, it } from 'vitest';
import {
  buildRouterTree,
  buildSearchIndex,
  buildTopologyModel,
  locateInRouterTree,
  visibleRows,
  ancestorKeys,
} from '@shared/topology';
import { sampleCloud } from '@shared/topology/testing/sample-cloud';
import { lookup } from '@shared/topology/testing/lookup';
import { NO_FILTERS, filterResult, onlyMatchRows, passes } from './match-filter';

const snapshot = sampleCloud();
const find = lookup(snapshot);
const model = buildTopologyModel(snapshot);
const index = buildSearchIndex(model);
const search = (q: string) => index.search(q);

describe('hit filters', () => {
  it('no query and no filter: no result; no filter keeps the search as is', () => {
    expect(filterResult(model, search, '', NO_FILTERS)).toBeNull();
    expect(filterResult(model, search, '10.0.0.10', NO_FILTERS)?.hits).toEqual(search('10.0.0.10').hits);
  });

  it('a project filter keeps only that project’s hits of 10.0.0.10', () => {
    const db = find.server('db-1');
    const all = search('10.0.0.10').hits;
    const only = filterResult(model, search, '10.0.0.10', { ...NO_FILTERS, projectId: db.projectId })!.hits;
    expect(only.length).toBeGreaterThan(0);
    expect(only.length).toBeLessThan(all.length);
    expect(only.map((h) => h.label)).toContain('db-1 port');
    for (const hit of only) expect(passes(model, hit.ref, { ...NO_FILTERS, projectId: db.projectId })).toBe(true);
  });

  it('with no query, a filter lists every resource that passes, counted from the snapshot', () => {
    const noDevice = filterResult(model, search, '', { ...NO_FILTERS, noDevice: true })!.hits;
    const expectedPorts = snapshot.ports.filter((p) => !p.deviceId && !p.deviceOwner).length;
    const expectedFips = snapshot.floatingIps.filter((f) => !f.portId).length;
    expect(noDevice).toHaveLength(expectedPorts + expectedFips);
    const errors = filterResult(model, search, '', { ...NO_FILTERS, error: true })!.hits;
    const expectedErrors = [...snapshot.ports, ...snapshot.servers, ...snapshot.routers, ...snapshot.networks].filter(
      (x) => x.status === 'ERROR',
    ).length;
    expect(errors).toHaveLength(expectedErrors);
  });

  it('DOWN means status DOWN or SHUTOFF, or admin state down', () => {
    const down = filterResult(model, search, '', { ...NO_FILTERS, down: true })!.hits;
    const expected =
      snapshot.ports.filter((p) => p.status === 'DOWN' || !p.adminStateUp).length +
      snapshot.routers.filter((r) => r.status === 'DOWN' || !r.adminStateUp).length +
      snapshot.networks.filter((n) => n.status === 'DOWN').length +
      snapshot.servers.filter((s) => s.status === 'SHUTOFF' || s.status === 'DOWN').length +
      snapshot.floatingIps.filter((f) => f.status === 'DOWN').length;
    expect(expected).toBeGreaterThan(0);
    expect(down).toHaveLength(expected);
  });
});

describe('onlyMatchRows', () => {
  it('keeps the way to each match and what is under it, nothing else', () => {
    const roots = buildRouterTree(model);
    const [port] = find.serverPorts('db-1');
    const matchKeys = new Set(locateInRouterTree(model, { kind: 'port', id: port.id }));
    expect(matchKeys.size).toBeGreaterThan(0);
    const expanded = new Set([...matchKeys].flatMap((k) => [...ancestorKeys(k), k]));
    const all = visibleRows(roots, expanded);
    const shown = onlyMatchRows(all, matchKeys);
    expect(shown.length).toBeLessThan(all.length);
    for (const row of shown)
      expect(
        matchKeys.has(row.node.key) ||
          [...matchKeys].some((m) => m.startsWith(`${row.node.key}/`) || row.node.key.startsWith(`${m}/`)),
        row.node.key,
      ).toBe(true);
    for (const key of matchKeys) expect(shown.some((r) => r.node.key === key)).toBe(true);
  });
});
