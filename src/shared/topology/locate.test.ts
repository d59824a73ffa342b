import { describe, expect, it } from 'vitest';
import type { TopologySnapshot } from '../models/topology';
import { sampleCloud } from './testing/sample-cloud';
import { generateTenant } from './testing/generate-tenant';
import { lookup } from './testing/lookup';
import { buildTopologyModel } from './build-model';
import type { EntityRef } from './entity';
import { refKey } from './entity';
import { locateInNetworkTree, locateInRouterTree } from './locate';
import { buildNetworkTree } from './network-tree';
import { buildRouterTree } from './router-tree';
import { buildLocator } from './tree';

const sample = sampleCloud();
const find = lookup(sample);

function allRefs(s: TopologySnapshot): EntityRef[] {
  return [
    ...s.routers.map((r) => ({ kind: 'router' as const, id: r.id })),
    ...s.networks.map((r) => ({ kind: 'network' as const, id: r.id })),
    ...s.subnets.map((r) => ({ kind: 'subnet' as const, id: r.id })),
    ...s.ports.map((r) => ({ kind: 'port' as const, id: r.id })),
    ...s.servers.map((r) => ({ kind: 'server' as const, id: r.id })),
    ...s.floatingIps.map((r) => ({ kind: 'floatingIp' as const, id: r.id })),
  ];
}

const variants: Array<[string, TopologySnapshot]> = [
  ['the sample cloud', sample],
  [
    'a view without the shared network and with an instance whose ports are gone',
    {
      ...sample,
      networks: sample.networks.filter((n) => n.name !== 'services'),
      ports: sample.ports.filter((p) => p.deviceId !== find.server('backup-1').id),
    },
  ],
  [
    'a view without one router (its interfaces stay)',
    { ...sample, routers: sample.routers.filter((r) => r.name !== 'db-router') },
  ],
  ['a view without Nova', { ...sample, servers: [], compute: { available: false, reason: 'no compute endpoint' } }],
  [
    'a small generated tenant',
    generateTenant({ routers: 6, networks: 14, ports: 150, servers: 30, projects: 3, seed: 7 }),
  ],
];

describe.each(variants)('locate in %s', (_name, snapshot) => {
  const model = buildTopologyModel(snapshot);
  const routerLocator = buildLocator(buildRouterTree(model));
  const networkLocator = buildLocator(buildNetworkTree(model));

  it('agrees with a walk of the whole router tree for every entity', () => {
    for (const ref of allRefs(snapshot))
      expect(locateInRouterTree(model, ref), refKey(ref)).toEqual(routerLocator.get(refKey(ref)) ?? []);
  });

  it('agrees with a walk of the whole network tree for every entity', () => {
    for (const ref of allRefs(snapshot))
      expect(locateInNetworkTree(model, ref), refKey(ref)).toEqual(networkLocator.get(refKey(ref)) ?? []);
  });
});

describe('locate', () => {
  it('finds a dual-stack instance under both of its subnets', () => {
    const model = buildTopologyModel(sample);
    const keys = locateInNetworkTree(model, { kind: 'server', id: find.server('web-1').id });
    expect(keys).toHaveLength(2);
    expect(keys.every((k) => k.startsWith(`network:${find.network('web-net').id}/subnet:`))).toBe(true);
  });
});
