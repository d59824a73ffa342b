import { describe, expect, it } from 'vitest';
import { sampleCloud } from './testing/sample-cloud';
import { lookup } from './testing/lookup';
import {
  buildTopologyModel,
  ipOnSubnet,
  naturalCompare,
  projectLabel,
  sortedNetworks,
  sortedSubnetPorts,
  subnetInstanceIds,
} from './build-model';

const snapshot = sampleCloud();
const find = lookup(snapshot);
const model = buildTopologyModel(snapshot);

describe('buildTopologyModel', () => {
  it('indexes every resource by id', () => {
    expect(model.routers.size).toBe(snapshot.routers.length);
    expect(model.ports.size).toBe(snapshot.ports.length);
    expect(model.servers.size).toBe(10);
    expect(model.floatingIps.size).toBe(4);
  });

  it('keeps overlapping CIDRs apart: each 10.0.0.0/24 subnet belongs to its own network', () => {
    const overlapping = snapshot.subnets.filter((s) => s.cidr === '10.0.0.0/24');
    expect(overlapping.map((s) => s.name).sort()).toEqual(['db-subnet', 'ops-subnet', 'web-v4']);
    expect(new Set(overlapping.map((s) => s.id)).size).toBe(3);
    for (const subnet of overlapping) {
      expect(model.subnetsByNetwork.get(subnet.networkId)?.map((s) => s.id)).toContain(subnet.id);
      const ten = (model.portsBySubnet.get(subnet.id) ?? []).filter((p) => ipOnSubnet(p, subnet.id) === '10.0.0.10');
      expect(ten).toHaveLength(1);
    }
  });

  it('sorts a subnet\u2019s ports by IP in natural order', () => {
    const web = find.subnet('web-v4');
    const ips = sortedSubnetPorts(model, web.id).map((p) => ipOnSubnet(p, web.id));
    expect(ips).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.10', '10.0.0.11', '10.0.0.12', '10.0.0.50']);
    expect(sortedSubnetPorts(model, web.id)).toBe(sortedSubnetPorts(model, web.id));
  });

  it('knows the instances on a subnet', () => {
    const names = [...subnetInstanceIds(model, find.subnet('web-v6').id)]
      .map((id) => model.servers.get(id)?.name)
      .sort();
    expect(names).toEqual(['web-1', 'web-2', 'web-3']);
    expect(subnetInstanceIds(model, find.subnet('public-subnet').id).size).toBe(0);
  });

  it('puts a dual-stack port on both of its subnets', () => {
    const [port] = find.serverPorts('web-1');
    expect(model.portsBySubnet.get(find.subnet('web-v4').id)).toContain(port);
    expect(model.portsBySubnet.get(find.subnet('web-v6').id)).toContain(port);
  });

  it.each([
    ['web-router', ['web-v4', 'web-v6', 'app-subnet']],
    ['db-router', ['db-subnet']],
    ['ops-router', ['ops-subnet', 'services-subnet']],
  ])('knows which subnets %s has an interface on', (router, subnets) => {
    const id = find.router(router).id;
    const attached = [...model.routersBySubnet.entries()]
      .filter(([, routers]) => routers.includes(id))
      .map(([s]) => model.subnets.get(s)?.name);
    expect(attached.sort()).toEqual([...subnets].sort());
    expect(model.routerInterfaces.get(id)).toHaveLength(subnets.length);
  });

  it('finds the loose ends', () => {
    expect(model.unattachedPorts.map((p) => p.name)).toEqual(['web-spare']);
    expect(model.portsWithMissingInstance.map((p) => p.name)).toEqual(['db-stale']);
    expect(model.serversWithoutPorts).toEqual([]);
    expect(model.portsOutsideView).toEqual([]);
  });

  it('lists ports on networks outside the view and instances without ports', () => {
    const services = find.network('services');
    const lonely = find.server('backup-1');
    const filtered = {
      ...snapshot,
      networks: snapshot.networks.filter((n) => n.id !== services.id),
      ports: snapshot.ports.filter((p) => p.deviceId !== lonely.id),
    };
    const m = buildTopologyModel(filtered);
    expect(m.portsOutsideView.map((p) => p.networkId)).toEqual(
      snapshot.ports.filter((p) => p.networkId === services.id).map(() => services.id),
    );
    expect(m.portsOutsideView.some((p) => p.deviceId === find.server('app-1').id)).toBe(true);
    expect(m.serversWithoutPorts.map((s) => s.name)).toEqual(['backup-1']);
  });

  it('orders networks: own, then shared, then external', () => {
    const order = sortedNetworks(model).map((n) => n.name);
    expect(order.slice(-2)).toEqual(['services', 'public']);
    expect(order.slice(0, 5)).toEqual(['app-net', 'backup-net', 'db-net', 'ops-net', 'web-net']);
  });

  it.each([
    ['a known project', () => find.server('db-1').projectId, 'shop'],
    ['an unknown project', () => 'abcdef0123456789', 'abcdef0123456789'],
    ['no project (a gateway port)', () => '', '(no project)'],
  ])('labels %s', (_what, id, label) => {
    expect(projectLabel(model, id())).toBe(label);
  });
});

describe('naturalCompare', () => {
  it.each([
    ['10.0.0.2', '10.0.0.10', -1],
    ['10.0.0.10', '10.0.0.9', 1],
    ['vm-2', 'vm-10', -1],
    ['Web', 'web', 0],
    ['a', 'b', -1],
    ['net-007', 'net-7', 0],
    ['router', 'router-1', -1],
    ['', 'a', -1],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(naturalCompare(a, b))).toBe(sign);
  });
});
