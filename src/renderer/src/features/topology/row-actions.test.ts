import { describe, expect, it } from 'vitest';
import { buildTopologyModel } from '@shared/topology';
import { sampleCloud } from '@shared/topology/testing/sample-cloud';
import { lookup } from '@shared/topology/testing/lookup';
import { copyItems, rawObject, showCommand } from './row-actions';

const snapshot = sampleCloud();
const find = lookup(snapshot);
const model = buildTopologyModel(snapshot);
const asMap = (items: { label: string; value: string }[]) => Object.fromEntries(items.map((i) => [i.label, i.value]));

describe('row actions', () => {
  it('names the openstackclient command of every kind', () => {
    expect(showCommand({ kind: 'port', id: 'p1' })).toBe('openstack port show p1');
    expect(showCommand({ kind: 'server', id: 's1' })).toBe('openstack server show s1');
    expect(showCommand({ kind: 'floatingIp', id: 'f1' })).toBe('openstack floating ip show f1');
  });

  it("copies a dual-stack instance's id, both IPs and its MAC", () => {
    const server = find.server('web-1');
    const [port] = find.serverPorts('web-1');
    const items = asMap(copyItems(model, { kind: 'server', id: server.id }));
    expect(items['Copy ID']).toBe(server.id);
    expect(items['Copy IPs']?.split(' ')).toEqual(expect.arrayContaining(port.fixedIps.map((f) => f.ip)));
    expect(items['Copy IPs']).toContain('10.0.0.10');
    expect(items['Copy MAC']).toBe(port.macAddress);
    expect(items['Copy CLI command']).toBe(`openstack server show ${server.id}`);
  });

  it("copies a port's MAC and a subnet's CIDR; a network has only its id and command", () => {
    const [port] = find.serverPorts('db-1');
    expect(asMap(copyItems(model, { kind: 'port', id: port.id }))).toEqual({
      'Copy ID': port.id,
      'Copy IP': '10.0.0.10',
      'Copy MAC': port.macAddress,
      'Copy CLI command': `openstack port show ${port.id}`,
    });
    const subnet = snapshot.subnets.find((s) => s.networkId === port.networkId)!;
    expect(asMap(copyItems(model, { kind: 'subnet', id: subnet.id }))['Copy CIDR']).toBe(subnet.cidr);
    const net = { kind: 'network' as const, id: port.networkId };
    expect(copyItems(model, net).map((i) => i.label)).toEqual(['Copy ID', 'Copy CLI command']);
  });

  it('gives the raw model object for the JSON tab, undefined when gone', () => {
    const router = find.router('web-router');
    expect(rawObject(model, { kind: 'router', id: router.id })).toBe(model.routers.get(router.id));
    expect(rawObject(model, { kind: 'router', id: 'gone' })).toBeUndefined();
  });
});
