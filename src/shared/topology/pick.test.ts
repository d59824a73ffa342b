import { describe, expect, it } from 'vitest';
import { buildSearchIndex, buildTopologyModel } from './index';
import { pickOption, pickSearch } from './pick';
import { sampleCloud } from './testing/sample-cloud';
import { lookup } from './testing/lookup';

const snapshot = sampleCloud();
const find = lookup(snapshot);
const model = buildTopologyModel(snapshot);
const index = buildSearchIndex(model);
const labels = (kind: 'server' | 'router' | 'network', query: string) =>
  pickSearch(model, index, kind, query).map((o) => o.label);

describe('pickSearch', () => {
  it('an instance by name, with its project filled in and its addresses as detail', () => {
    const [web1] = pickSearch(model, index, 'server', 'web-1');
    expect(web1).toMatchObject({
      kind: 'server',
      id: find.server('web-1').id,
      label: 'web-1',
      projectId: find.server('web-1').projectId,
      projectName: 'shop',
    });
    expect(web1.detail).toMatch(/^ACTIVE · 10\.0\.0\.10, 2001:db8:10::/);
    expect(web1.matched).toBeUndefined();
    expect(labels('server', 'web')).toEqual(['web-1', 'web-2', 'web-3']);
  });

  it('an instance by the IP of its port: 10.0.0.10 is three instances on three networks', () => {
    const options = pickSearch(model, index, 'server', '10.0.0.10');
    expect(options.map((o) => o.label).sort()).toEqual(['db-1', 'ops-bastion', 'web-1']);
    expect(options.every((o) => o.matched === 'IP 10.0.0.10')).toBe(true);
  });

  it('an instance by MAC, by floating IP and by id prefix', () => {
    const port = find.serverPorts('db-2')[0];
    expect(labels('server', port.macAddress)).toEqual(['db-2']);
    expect(labels('server', '203.0.113.120')).toEqual(['ops-bastion']);
    expect(labels('server', find.server('app-2').id.slice(0, 6))).toEqual(['app-2']);
  });

  it('a router by an interface IP, its gateway IP, or a CIDR behind it', () => {
    expect(labels('router', '203.0.113.12')).toEqual(['db-router']);
    expect(labels('router', '10.0.1.1')).toEqual(['web-router']);
    expect(labels('router', '10.0.0.0/24').sort()).toEqual(['db-router', 'ops-router', 'web-router']);
  });

  it('a network by CIDR or by the IP of a port on it', () => {
    expect(labels('network', '172.16.0.0/24')).toEqual(['backup-net']);
    expect(labels('network', '172.20.0.21')).toEqual(['services']);
  });

  it('an empty query lists every resource of the kind by name; a limit caps it; no match is empty', () => {
    expect(labels('router', '')).toEqual(['db-router', 'ops-router', 'web-router']);
    expect(pickSearch(model, index, 'server', '', 4)).toHaveLength(4);
    expect(labels('network', 'no-such-thing')).toEqual([]);
  });

  it('pickOption is undefined for what is not in the model (a deleted instance)', () => {
    expect(pickOption(model, 'server', '5e1f0c2a-7d6b-4c1e-9a3f-000000000dead')).toBeUndefined();
  });
});
