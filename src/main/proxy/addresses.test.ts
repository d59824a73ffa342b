import { describe, expect, it } from 'vitest';
import { inRanges, isLoopback, isUuid, parseRanges, parseStrictIp } from './addresses';

describe('addresses', () => {
  it('parses only dotted-quad IPv4 and zone-less IPv6', () => {
    for (const ok of ['10.0.0.10', '::ffff:10.0.0.11', 'fe80::f816:3eff:fe00:1', '2001:db8:a::5'])
      expect(parseStrictIp(ok)).not.toBeNull();
    for (const bad of [
      '',
      '1',
      '10.0.0',
      '0x7f.0.0.1',
      '10.0.0.256',
      'fe80::1%eth0',
      '10.0.0.1, 10.0.0.2',
      'a'.repeat(100),
    ]) {
      expect(parseStrictIp(bad)).toBeNull();
    }
  });

  it('knows loopback, including its IPv4-mapped form', () => {
    expect(isLoopback(parseStrictIp('127.9.9.9')!)).toBe(true);
    expect(isLoopback(parseStrictIp('::1')!)).toBe(true);
    expect(isLoopback(parseStrictIp('::ffff:127.0.0.1')!)).toBe(true);
    expect(isLoopback(parseStrictIp('0.0.0.0')!)).toBe(false);
  });

  it('matches peers against trusted IPs and CIDRs, unwrapping IPv4-mapped peers', () => {
    const { ranges, invalid } = parseRanges(['127.0.0.2', '10.0.0.0/24', 'fd00::/8']);
    expect(invalid).toBeUndefined();
    expect(inRanges(parseStrictIp('::ffff:127.0.0.2')!, ranges)).toBe(true);
    expect(inRanges(parseStrictIp('10.0.0.77')!, ranges)).toBe(true);
    expect(inRanges(parseStrictIp('fd12::1')!, ranges)).toBe(true);
    expect(inRanges(parseStrictIp('127.0.0.3')!, ranges)).toBe(false);
    expect(parseRanges(['10.0.0.1', 'nope']).invalid).toBe('nope');
  });

  it('accepts dashed hex UUIDs, also non-RFC-4122 lab ids', () => {
    expect(isUuid('11111111-1111-1111-1111-111111111111')).toBe(true);
    expect(isUuid('11111111111111111111111111111111')).toBe(false);
    expect(isUuid('../../etc/passwd')).toBe(false);
  });
});
