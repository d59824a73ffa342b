import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { hasEui64Marker, linkLocalFromMac, macFromEui64, normaliseAddress } from './address';
import { AppError } from '../errors';

// Known vectors computed in the lab with oslo.utils, the function the agent calls:
// str(netutils.get_mac_addr_by_ipv6(netaddr.IPAddress(ip)))
const eui64Vectors: Array<[string, string]> = [
  ['fe80::f816:3eff:fea1:1', 'fa:16:3e:a1:00:01'],
  ['fe80::f816:3eff:feb1:3', 'fa:16:3e:b1:00:03'],
  ['fe80::1', '02:00:00:00:00:01'],
  ['fe80::200:ff:fe00:0', '00:00:00:00:00:00'],
  ['fe80::fc16:3eff:fe00:ff', 'fe:16:3e:00:00:ff'],
  ['febf::a8bb:ccff:fedd:eeff', 'aa:bb:cc:dd:ee:ff'],
  ['fe80::1234:5678:9abc:def0', '10:34:56:bc:de:f0'],
];

describe('macFromEui64', () => {
  it.each(eui64Vectors)('%s -> %s (same as oslo.utils)', (ip, mac) => {
    expect(macFromEui64(ipaddr.IPv6.parse(ip).toByteArray())).toBe(mac);
  });

  it('refuses anything but 16 bytes', () => {
    expect(() => macFromEui64([1, 2, 3, 4])).toThrow(RangeError);
  });

  it('reports whether the ff:fe marker is there (the agent does not check it)', () => {
    expect(hasEui64Marker(ipaddr.IPv6.parse('fe80::f816:3eff:fea1:1').toByteArray())).toBe(true);
    expect(hasEui64Marker(ipaddr.IPv6.parse('fe80::1234:5678:9abc:def0').toByteArray())).toBe(false);
  });
});

describe('linkLocalFromMac', () => {
  // oslo.utils get_ipv6_addr_by_EUI64('fe80::/64', mac)
  it('builds the modified EUI-64 link-local address', () => {
    expect(linkLocalFromMac('fa:16:3e:a1:00:01')).toBe('fe80::f816:3eff:fea1:1');
    expect(linkLocalFromMac('00:00:00:00:00:00')).toBe('fe80::200:ff:fe00:0');
    expect(linkLocalFromMac('FA-16-3E-A1-00-01')).toBe('fe80::f816:3eff:fea1:1');
  });

  it('round-trips with macFromEui64', () => {
    for (const [, mac] of eui64Vectors) {
      expect(macFromEui64(ipaddr.IPv6.parse(linkLocalFromMac(mac)).toByteArray())).toBe(mac);
    }
  });

  it('rejects a malformed MAC', () => {
    expect(() => linkLocalFromMac('fa:16:3e')).toThrow(AppError);
  });
});

describe('normaliseAddress', () => {
  it('keeps IPv4 as it is', () => {
    expect(normaliseAddress('10.0.0.10')).toEqual({ kind: 'ipv4', lookupIp: '10.0.0.10' });
  });

  it('looks an IPv4-mapped IPv6 address up as IPv4, in both notations', () => {
    expect(normaliseAddress('::ffff:10.0.0.11')).toEqual({ kind: 'ipv4-mapped', lookupIp: '10.0.0.11' });
    expect(normaliseAddress('::ffff:a00:b')).toEqual({ kind: 'ipv4-mapped', lookupIp: '10.0.0.11' });
  });

  it('looks a link-local address up by the MAC of its EUI-64 part', () => {
    expect(normaliseAddress('fe80::f816:3eff:fea1:1')).toEqual({
      kind: 'ipv6-link-local',
      mac: 'fa:16:3e:a1:00:01',
      eui64Marker: true,
    });
    expect(normaliseAddress('FE80::1234:5678:9ABC:DEF0')).toMatchObject({
      mac: '10:34:56:bc:de:f0',
      eui64Marker: false,
    });
  });

  it('canonicalises other IPv6 to the compact text neutron stores', () => {
    expect(normaliseAddress('2001:DB8:A:0:F816:3EFF:FEA1:0001')).toEqual({
      kind: 'ipv6',
      lookupIp: '2001:db8:a:0:f816:3eff:fea1:1',
    });
    expect(normaliseAddress('2001:0:0:1:0:0:0:1').lookupIp).toBe('2001:0:0:1::1');
  });

  it.each(['', 'x', '10.1', '010.0.0.1', '10.0.0.256', '10.0.0.10, 10.0.0.11', 'fe80::1%eth0', '10.0.0.0/24'])(
    'refuses %j with INVALID_ARGUMENT',
    (value) => {
      const err = (() => {
        try {
          normaliseAddress(value);
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('INVALID_ARGUMENT');
      expect((err as AppError).hint).toMatch(/X-Forwarded-For/);
    },
  );
});
