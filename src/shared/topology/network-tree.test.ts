import { describe, expect, it } from 'vitest';
import { sampleCloud } from './testing/sample-cloud';
import { lookup } from './testing/lookup';
import { buildTopologyModel } from './build-model';
import { buildNetworkTree } from './network-tree';
import type { TreeNode } from './tree';

const snapshot = sampleCloud();
const find = lookup(snapshot);
const tree = buildNetworkTree(buildTopologyModel(snapshot));
const root = (label: string) => tree.find((n) => n.label === label)!;
const labels = (nodes: TreeNode[]) => nodes.map((n) => n.label);

describe('buildNetworkTree', () => {
  it('lists own, shared and external networks, then the loose-end groups', () => {
    expect(labels(tree)).toEqual([
      'app-net',
      'backup-net',
      'db-net',
      'ops-net',
      'web-net',
      'services',
      'public',
      'ports without a device',
      'ports whose instance is not listed',
    ]);
    expect(root('public').badges).toContain('external');
    expect(root('services').badges).toContain('shared');
  });

  it.each([
    ['web-net', ['10.0.0.0/24', '2001:db8:10::/64'], 3],
    ['db-net', ['10.0.0.0/24'], 2],
    ['ops-net', ['10.0.0.0/24'], 2],
    ['backup-net', ['172.16.0.0/24'], 2],
    ['public', ['203.0.113.0/24'], 0],
  ])('%s has subnets %j and %i instances', (name, cidrs, instances) => {
    const network = root(name);
    expect(labels(network.children)).toEqual(cidrs);
    expect(network.counts?.instances).toBe(instances);
  });

  it.each(['app-net', 'backup-net', 'db-net', 'ops-net', 'web-net', 'services'])(
    'shows the DHCP port of %s',
    (name) => {
      const dhcp = root(name)
        .children.flatMap((s) => s.children)
        .filter((p) => p.badges?.includes('dhcp'));
      expect(dhcp).toHaveLength(1);
      expect(dhcp[0].kind).toBe('port');
    },
  );

  it('shows router ports, gateways and floating IP ports on the external network', () => {
    const ports = root('public').children[0].children;
    expect(
      ports
        .filter((p) => p.badges?.includes('router gateway'))
        .map((p) => p.label)
        .sort(),
    ).toEqual(['203.0.113.11', '203.0.113.12', '203.0.113.13']);
    expect(ports.filter((p) => p.badges?.includes('floating ip'))).toHaveLength(4);
    const web = root('web-net').children[0].children.find((p) => p.label === '10.0.0.1')!;
    expect(web.badges).toContain('router web-router');
  });

  it('shows a dual-stack port under both of its subnets, with the IP of each', () => {
    const [v4, v6] = root('web-net').children;
    const portId = find.serverPorts('web-1')[0].id;
    expect(v4.children.find((p) => p.ref?.id === portId)?.label).toBe('10.0.0.10');
    expect(v6.children.find((p) => p.ref?.id === portId)?.label).toBe('2001:db8:10::f816:3eff:fe00:a');
  });

  it('groups the spare port and the port whose instance is gone', () => {
    expect(root('ports without a device').children.map((p) => p.secondary)).toEqual([
      expect.stringContaining('web-spare'),
    ]);
    const stale = root('ports whose instance is not listed').children[0];
    expect(stale.secondary).toContain('network db-net');
    expect(stale.children[0].kind).toBe('missing-instance');
  });

  it('says the instance side is unavailable when Nova could not be asked', () => {
    const noNova = { ...snapshot, servers: [], compute: { available: false as const, reason: 'no compute endpoint' } };
    const t = buildNetworkTree(buildTopologyModel(noNova));
    const ports = t.find((n) => n.label === 'web-net')!.children[0].children;
    const missing = ports.flatMap((p) => p.children).filter((c) => c.kind === 'missing-instance');
    expect(missing).toHaveLength(3);
    expect(missing.every((m) => m.secondary === 'Nova unavailable')).toBe(true);
  });

  it('adds groups for ports outside the view and instances without ports', () => {
    const services = find.network('services');
    const backup = find.server('backup-1');
    const t = buildNetworkTree(
      buildTopologyModel({
        ...snapshot,
        networks: snapshot.networks.filter((n) => n.id !== services.id),
        ports: snapshot.ports.filter((p) => p.deviceId !== backup.id),
      }),
    );
    const outside = t.find((n) => n.label === 'ports on networks outside this view')!;
    expect(outside.children.map((p) => p.label).sort()).toEqual(['172.20.0.1', '172.20.0.2', '172.20.0.21']);
    expect(outside.children.every((p) => p.secondary?.includes(`network ${services.id}`))).toBe(true);
    expect(labels(t.find((n) => n.label === 'instances without ports in view')!.children)).toEqual(['backup-1']);
  });

  it('shows ports with no fixed IP in a group under their network', () => {
    const web = find.network('web-net');
    const bare = {
      ...snapshot.ports[0],
      id: 'p-bare',
      name: 'no-ip',
      networkId: web.id,
      fixedIps: [],
      deviceOwner: '',
      deviceId: '',
    };
    const t = buildNetworkTree(buildTopologyModel({ ...snapshot, ports: [...snapshot.ports, bare] }));
    const group = t.find((n) => n.label === 'web-net')!.children.find((c) => c.kind === 'group')!;
    expect(group.children.map((p) => p.label)).toEqual(['no fixed IP']);
  });
});
