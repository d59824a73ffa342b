import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { describeEndpoints, listRegions, parseCatalog, requireEndpoint, selectEndpoint } from './catalog';

const catalog = parseCatalog([
  {
    type: 'network',
    name: 'neutron',
    endpoints: [
      { interface: 'public', region_id: 'RegionOne', url: 'http://net-pub-1:9696' },
      { interface: 'internal', region_id: 'RegionOne', url: 'http://net-int-1:9696' },
      { interface: 'public', region_id: 'RegionTwo', url: 'http://net-pub-2:9696' },
    ],
  },
  {
    type: 'compute',
    name: 'nova',
    endpoints: [{ interface: 'public', region: 'RegionTwo', url: 'http://nova-2:8774/v2.1' }],
  },
  { type: 'bogus' },
  'garbage',
  { type: 'identity', endpoints: [{ interface: 'public', url: 'http://ks:5000/v3' }, { url: 42 }] },
]);

describe('catalog', () => {
  it('drops malformed entries', () => {
    expect(catalog.map((s) => s.type)).toEqual(['network', 'compute', 'bogus', 'identity']);
    expect(catalog[3].endpoints).toHaveLength(1);
  });

  it.each([
    ['network', 'public', undefined, 'http://net-pub-1:9696'],
    ['network', 'internal', undefined, 'http://net-int-1:9696'],
    ['network', 'public', 'RegionTwo', 'http://net-pub-2:9696'],
    ['compute', 'public', 'RegionTwo', 'http://nova-2:8774/v2.1'],
    ['compute', 'public', undefined, 'http://nova-2:8774/v2.1'],
    ['identity', 'public', undefined, 'http://ks:5000/v3'],
  ] as const)('%s %s %s -> %s', (type, iface, region, url) => {
    expect(requireEndpoint(catalog, type, { interface: iface, region })).toBe(url);
  });

  it('says what the catalog offers when nothing matches', () => {
    try {
      requireEndpoint(catalog, 'network', { interface: 'admin', region: 'RegionOne' });
      throw new Error('no throw');
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      const e = err as AppError;
      expect(e.code).toBe('NO_ENDPOINT');
      expect(e.message).toContain('network endpoint for interface admin in region RegionOne');
      expect(e.message).toContain('public@RegionOne, internal@RegionOne, public@RegionTwo');
      expect(e.hint).toContain('region_name');
    }
    expect(() => requireEndpoint(catalog, 'compute', { interface: 'public', region: 'RegionOne' })).toThrow(
      /compute endpoint/,
    );
    expect(() => requireEndpoint([], 'network', { interface: 'public' })).toThrow(/no service catalog/);
    expect(selectEndpoint(catalog, 'volumev3', { interface: 'public' })).toBeUndefined();
  });

  it('describes the endpoints in use with hosts', () => {
    const info = describeEndpoints(catalog, ['network', 'compute', 'identity'], {
      interface: 'public',
      region: 'RegionTwo',
    });
    expect(info).toEqual([
      {
        type: 'network',
        name: 'neutron',
        url: 'http://net-pub-2:9696',
        host: 'net-pub-2:9696',
        region: 'RegionTwo',
        interface: 'public',
      },
      {
        type: 'compute',
        name: 'nova',
        url: 'http://nova-2:8774/v2.1',
        host: 'nova-2:8774',
        region: 'RegionTwo',
        interface: 'public',
      },
    ]);
  });
});

describe('listRegions', () => {
  const ep = (iface: string, region: string | undefined, url = 'http://x') =>
    region === undefined ? { interface: iface, url } : { interface: iface, region_id: region, url };
  // Two regions as the lab's Keystone has them (RegionOVN: its own neutron, nova shared), plus
  // regions StackLens cannot work in: compute only, network on another interface, no region.
  const multi = parseCatalog([
    { type: 'identity', endpoints: [ep('public', 'RegionOne'), ep('public', 'RegionOVN'), ep('public', 'IdOnly')] },
    {
      type: 'network',
      endpoints: [
        ep('public', 'RegionOne'),
        ep('internal', 'RegionOne'),
        ep('publicURL', 'RegionOVN'),
        ep('internal', 'InternalOnly'),
        ep('public', undefined),
      ],
    },
    { type: 'compute', endpoints: [ep('public', 'RegionOne'), ep('public', 'ComputeOnly')] },
    // The deprecated `region` twin names the region too.
    { type: 'network', endpoints: [{ interface: 'public', region: 'Legacy', url: 'http://n' }] },
    { type: 'volumev3', endpoints: [ep('public', 'RegionOVN')] },
  ]);

  it('lists the regions with a network endpoint at the interface, with the services StackLens uses', () => {
    expect(listRegions(multi, 'public')).toEqual([
      { name: 'Legacy', services: ['network'] },
      { name: 'RegionOne', services: ['network', 'compute'] },
      { name: 'RegionOVN', services: ['network'] },
    ]);
  });

  it('follows the interface: internal sees other regions', () => {
    expect(listRegions(multi, 'internal')).toEqual([
      { name: 'InternalOnly', services: ['network'] },
      { name: 'RegionOne', services: ['network'] },
    ]);
    expect(listRegions(multi, 'admin')).toEqual([]);
  });

  it('an unscoped token (no catalog) and a region-less catalog offer nothing to choose', () => {
    expect(listRegions([], 'public')).toEqual([]);
    expect(listRegions(parseCatalog([{ type: 'network', endpoints: [ep('public', undefined)] }]), 'public')).toEqual(
      [],
    );
  });

  it('a region listed gives a network endpoint at that selection', () => {
    for (const r of listRegions(multi, 'public'))
      expect(selectEndpoint(multi, 'network', { interface: 'public', region: r.name })).toBeDefined();
  });
});
