import { describe, expect, it } from 'vitest';
import type { SecurityGroupRule } from '../doctor-data';
import { ruleAllowsMetadata } from './security-groups';

const rule = (r: Partial<SecurityGroupRule>): SecurityGroupRule => ({
  id: 'r',
  direction: 'egress',
  ethertype: 'IPv4',
  protocol: null,
  portMin: null,
  portMax: null,
  remoteIpPrefix: null,
  remoteGroupId: null,
  ...r,
});

describe('ruleAllowsMetadata (TCP 80 to 169.254.169.254)', () => {
  it.each([
    ['default egress: any protocol, anywhere', rule({}), true],
    ['ingress rule', rule({ direction: 'ingress' }), false],
    ['IPv6 ethertype', rule({ ethertype: 'IPv6' }), false],
    ['tcp', rule({ protocol: 'tcp' }), true],
    ['protocol number 6', rule({ protocol: '6' }), true],
    ['udp', rule({ protocol: 'udp' }), false],
    ['icmp', rule({ protocol: 'icmp' }), false],
    ['tcp 80 only', rule({ protocol: 'tcp', portMin: 80, portMax: 80 }), true],
    ['tcp 1-1024', rule({ protocol: 'tcp', portMin: 1, portMax: 1024 }), true],
    ['tcp 443 only', rule({ protocol: 'tcp', portMin: 443, portMax: 443 }), false],
    ['tcp 81-65535', rule({ protocol: 'tcp', portMin: 81, portMax: 65535 }), false],
    ['to 169.254.169.254/32', rule({ remoteIpPrefix: '169.254.169.254/32' }), true],
    ['to 169.254.0.0/16', rule({ remoteIpPrefix: '169.254.0.0/16' }), true],
    ['to 0.0.0.0/0', rule({ remoteIpPrefix: '0.0.0.0/0' }), true],
    ['to 10.0.0.0/8', rule({ remoteIpPrefix: '10.0.0.0/8' }), false],
    ['to a remote group', rule({ remoteGroupId: 'sg-2' }), false],
    ['to an address group', rule({ remoteAddressGroupId: 'ag-1' }), false],
  ])('%s -> %s', (_name, r, allowed) => {
    expect(ruleAllowsMetadata(r)).toBe(allowed);
  });

  it('IPv6 metadata needs an IPv6 rule covering fe80::a9fe:a9fe', () => {
    expect(ruleAllowsMetadata(rule({ ethertype: 'IPv6' }), 'fe80::a9fe:a9fe')).toBe(true);
    expect(ruleAllowsMetadata(rule({ ethertype: 'IPv6', remoteIpPrefix: 'fe80::/64' }), 'fe80::a9fe:a9fe')).toBe(true);
    expect(ruleAllowsMetadata(rule({ ethertype: 'IPv6', remoteIpPrefix: '2001:db8::/32' }), 'fe80::a9fe:a9fe')).toBe(
      false,
    );
    expect(ruleAllowsMetadata(rule({}), 'fe80::a9fe:a9fe')).toBe(false);
  });
});
