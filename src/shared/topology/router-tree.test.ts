import { describe, expect, it } from 'vitest';
import { sampleCloud } from './testing/sample-cloud';
import { lookup } from './testing/lookup';
import { buildTopologyModel } from './build-model';
import { buildRouterTree } from './router-tree';
import type { TreeNode } from './tree';

const snapshot = sampleCloud();
const find = lookup(snapshot);
const tree = buildRouterTree(buildTopologyModel(snapshot));
const root = (name: string) => tree.find((n) => n.label === name)!;
const kids = (node: TreeNode, kind: TreeNode['kind']) => node.children.filter((c) => c.kind === kind);
const subnetUnder = (router: string, cidr: string, network: string) =>
  kids(root(router), 'interface')
    .flatMap((i) => i.children)
    .find((s) => s.label === cidr && s.secondary?.includes(`network ${network}`))!;

describe('buildRouterTree', () => {
  it('has one root per router, by name', () => {
    expect(tree.map((n) => n.label)).toEqual(['db-router', 'ops-router', 'web-router']);
  });

  it.each([
    ['web-router', '203.0.113.11', 3, 3, 5],
    ['db-router', '203.0.113.12', 1, 1, 2],
    ['ops-router', '203.0.113.13', 2, 2, 3],
  ])('%s: gateway %s, %i interfaces, %i subnets, %i instances', (name, gatewayIp, interfaces, subnets, instances) => {
    const router = root(name);
    const [gateway] = kids(router, 'gateway');
    expect(gateway.label).toBe('gateway \u2192 public');
    expect(gateway.secondary).toBe(gatewayIp);
    expect(gateway.ref).toEqual({ kind: 'network', id: find.network('public').id });
    expect(router.counts).toMatchObject({ interfaces, subnets, instances });
  });

  it('lists router -> interface -> subnet -> ports in IP order, without the interface itself', () => {
    const subnet = subnetUnder('web-router', '10.0.0.0/24', 'web-net');
    expect(subnet.children.map((p) => p.label)).toEqual([
      '10.0.0.2',
      '10.0.0.10',
      '10.0.0.11',
      '10.0.0.12',
      '10.0.0.50',
    ]);
    const dhcp = subnet.children[0];
    expect(dhcp.badges).toContain('dhcp');
    expect(dhcp.children).toEqual([]);
    const spare = subnet.children[4];
    expect(spare.badges).toContain('no device');
    expect(spare.secondary).toContain('web-spare');
  });

  it('shows the instance (status, project, config drive) and the floating IP under the port', () => {
    const port = subnetUnder('web-router', '10.0.0.0/24', 'web-net').children.find((p) => p.label === '10.0.0.10')!;
    const mac = find.serverPorts('web-1')[0].macAddress;
    expect(port.secondary).toContain(mac);
    expect(port.status).toBe('ACTIVE');
    const [fip] = kids(port, 'floating-ip');
    expect(fip.label).toBe('203.0.113.110');
    const [instance] = kids(port, 'instance');
    expect(instance).toMatchObject({
      label: 'web-1',
      status: 'ACTIVE',
      secondary: 'project shop',
      ref: { kind: 'server', id: find.server('web-1').id },
    });
    expect(instance.badges).toContain('config drive');
  });

  it('keeps 10.0.0.10 behind each router as a different port and instance', () => {
    const tens = [
      ['web-router', 'web-net', 'web-1'],
      ['db-router', 'db-net', 'db-1'],
      ['ops-router', 'ops-net', 'ops-bastion'],
    ].map(([router, network, server]) => {
      const port = subnetUnder(router, '10.0.0.0/24', network).children.find((p) => p.label === '10.0.0.10')!;
      expect(kids(port, 'instance')[0].label).toBe(server);
      return port.ref!.id;
    });
    expect(new Set(tens).size).toBe(3);
  });

  it('shows a port on a shared network behind another project\u2019s router', () => {
    const services = subnetUnder('ops-router', '172.20.0.0/24', 'services');
    const app = services.children.find((p) => p.label === '172.20.0.21')!;
    expect(kids(app, 'instance')[0].label).toBe('app-1');
  });

  it('marks a compute port whose instance is gone', () => {
    const stale = subnetUnder('db-router', '10.0.0.0/24', 'db-net').children.find((p) => p.label === '10.0.0.99')!;
    expect(kids(stale, 'missing-instance')[0].secondary).toBe('not in Nova\u2019s list');
  });

  it('gives every node a unique key', () => {
    const keys: string[] = [];
    const walk = (nodes: TreeNode[]) => nodes.forEach((n) => (keys.push(n.key), walk(n.children)));
    walk(tree);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('says when a router has no gateway and no interfaces', () => {
    const bare = {
      ...snapshot,
      routers: [{ id: 'r-bare', name: 'bare', projectId: 'p', status: 'ACTIVE', adminStateUp: false }],
    };
    const [node] = buildRouterTree(buildTopologyModel(bare));
    expect(node).toMatchObject({
      label: 'bare',
      secondary: 'no gateway',
      children: [],
      counts: { interfaces: 0, ports: 0, instances: 0 },
    });
    expect(node.badges).toContain('admin down');
  });
});
