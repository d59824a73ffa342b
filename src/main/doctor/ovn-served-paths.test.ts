import { describe, expect, it } from 'vitest';
import { ovnServedPaths, type PathSubnet } from './served-paths';

const port = {
  id: 'p1',
  networkId: 'n1',
  networkName: 'alpha-net',
  macAddress: 'fa:16:3e:a1:00:01',
  fixedIps: [
    { ip: '10.0.0.10', subnetId: 's4' },
    { ip: '2001:db8::10', subnetId: 's6' },
  ],
};
const subnet = (enableDhcp: boolean): PathSubnet[] => [
  { id: 's4', networkId: 'n1', cidr: '10.0.0.0/24', ipVersion: 4, enableDhcp, gatewayIp: '10.0.0.1' },
  { id: 's6', networkId: 'n1', cidr: '2001:db8::/64', ipVersion: 6, enableDhcp: true, gatewayIp: '2001:db8::1' },
];

describe('ovnServedPaths', () => {
  it('DHCP on and a metadata port IP: the ovnmeta- network path, used, via the metadata port', () => {
    const pp = ovnServedPaths(port, subnet(true), [{ ip: '10.0.0.2', subnetId: 's4' }]);
    expect(pp.paths).toEqual([
      expect.objectContaining({ kind: 'network', ip: '10.0.0.10', networkId: 'n1', used: true }),
    ]);
    expect(pp.routes).toEqual([expect.objectContaining({ via: 'dhcp-route', nextHop: '10.0.0.2' })]);
    expect(pp.paths[0].why).toContain('ovnmeta-n1');
    expect(pp.routerIds).toEqual([]);
  });

  it('DHCP off: no route, no path (config drive only)', () => {
    const pp = ovnServedPaths(port, subnet(false), [{ ip: '10.0.0.2', subnetId: 's4' }]);
    expect(pp.paths).toEqual([]);
    expect(pp.routes[0]).toMatchObject({ via: 'none', path: null });
    expect(pp.routes[0].why).toContain('config drive');
  });

  it('metadata port without an IP on the subnet: no path, said why', () => {
    const pp = ovnServedPaths(port, subnet(true), []);
    expect(pp.paths).toEqual([]);
    expect(pp.routes[0].why).toContain('no IP');
  });
});
