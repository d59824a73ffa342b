import { describe, expect, it } from 'vitest';
import { metadataHostRoute, servedPaths, type PathInputs } from './served-paths';

const port = {
  id: 'p',
  networkId: 'n',
  macAddress: 'fa:16:3e:00:00:01',
  fixedIps: [{ ip: '10.0.0.10', subnetId: 's4' }],
};
const s4 = {
  id: 's4',
  networkId: 'n',
  cidr: '10.0.0.0/24',
  ipVersion: 4 as const,
  enableDhcp: true,
  gatewayIp: '10.0.0.1',
  hostRoutes: [],
};
const rif = { id: 'rif', deviceId: 'r1', fixedIps: [{ ip: '10.0.0.1', subnetId: 's4' }] };
const rif2 = { id: 'rif2', deviceId: 'r2', fixedIps: [{ ip: '10.0.0.254', subnetId: 's4' }] };
const dhcp = { id: 'dh', deviceId: 'dhcp', fixedIps: [{ ip: '10.0.0.2', subnetId: 's4' }] };

function used(inputs: PathInputs) {
  const r = servedPaths(inputs);
  return {
    route: r.routes[0],
    used: r.paths.filter((p) => p.used).map((p) => `${p.kind}:${p.routerId ?? p.networkId}`),
    all: r.paths.length,
  };
}

describe('servedPaths: the path the instance really uses', () => {
  it.each([
    ['the gateway is a router interface', { port, subnets: [s4], interfaces: [rif] }, 'gateway', ['router:r1']],
    ['two routers: the gateway one', { port, subnets: [s4], interfaces: [rif, rif2] }, 'gateway', ['router:r1']],
    [
      'a host route to the other router wins',
      {
        port,
        subnets: [{ ...s4, hostRoutes: [{ destination: '169.254.169.254/32', nexthop: '10.0.0.254' }] }],
        interfaces: [rif, rif2],
      },
      'host-route',
      ['router:r2'],
    ],
    [
      'a host route to the DHCP port',
      {
        port,
        subnets: [{ ...s4, hostRoutes: [{ destination: '169.254.169.254/32', nexthop: '10.0.0.2' }] }],
        interfaces: [rif],
        dhcpPorts: [dhcp],
      },
      'host-route',
      ['network:n'],
    ],
    [
      'a host route to nobody',
      {
        port,
        subnets: [{ ...s4, hostRoutes: [{ destination: '169.254.169.254/32', nexthop: '10.0.0.9' }] }],
        interfaces: [rif],
      },
      'host-route',
      [],
    ],
    ['isolated: the DHCP path', { port, subnets: [s4], interfaces: [] }, 'dhcp-route', ['network:n']],
    ['isolated without DHCP: nothing', { port, subnets: [{ ...s4, enableDhcp: false }], interfaces: [] }, 'none', []],
    [
      'a router interface that is not the gateway, no DHCP',
      { port, subnets: [{ ...s4, enableDhcp: false }], interfaces: [rif2] },
      'none',
      [],
    ],
  ] as Array<[string, PathInputs, string, string[]]>)('%s', (_n, inputs, via, expected) => {
    const r = used(inputs);
    expect(r.route.via).toBe(via);
    expect(r.used).toEqual(expected);
  });

  it('lists the IPv6 link-local paths (never "used": Zed routers do not serve fe80::a9fe:a9fe)', () => {
    const s6 = {
      id: 's6',
      networkId: 'n',
      cidr: '2001:db8::/64',
      ipVersion: 6 as const,
      enableDhcp: true,
      gatewayIp: '2001:db8::1',
    };
    const rif6 = { id: 'rif6', deviceId: 'r1', fixedIps: [{ ip: '2001:db8::1', subnetId: 's6' }] };
    const r = servedPaths({ port, subnets: [s4, s6], interfaces: [rif, rif6] });
    expect(r.linkLocal).toBe('fe80::f816:3eff:fe00:1');
    expect(r.paths.filter((p) => p.ip === r.linkLocal).map((p) => [p.kind, p.used])).toEqual([
      ['router', false],
      ['network', false],
    ]);
  });

  it('the most specific host route covering 169.254.169.254 wins', () => {
    expect(
      metadataHostRoute([
        { destination: '0.0.0.0/0', nexthop: 'a' },
        { destination: '169.254.169.254/32', nexthop: 'b' },
        { destination: '10.0.0.0/8', nexthop: 'c' },
      ])?.nexthop,
    ).toBe('b');
    expect(metadataHostRoute([{ destination: '10.0.0.0/8', nexthop: 'c' }])).toBeUndefined();
  });
});
