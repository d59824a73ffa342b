/**
 * Address normalisation exactly as neutron-metadata-agent does it before its port query
 * (agent.py `_get_instance_and_tenant_id`): IPv4-mapped IPv6 is looked up as IPv4, an IPv6
 * link-local address is looked up by the MAC in its EUI-64 interface id. Parsing is ipaddr.js.
 */
import ipaddr from 'ipaddr.js';
import type { NormalisedAddress } from '@shared/models/metadata';
import { AppError } from '../errors';

/**
 * Reverses modified EUI-64 (RFC 4291 appendix A): the MAC in the low 64 bits of an IPv6 address.
 * Like oslo.utils `get_mac_addr_by_ipv6`: drop the middle two bytes (not checked to be ff:fe) and
 * flip the universal/local bit of the first octet. Returns lower-case `aa:bb:cc:dd:ee:ff`.
 */
export function macFromEui64(bytes: ArrayLike<number>): string {
  if (bytes.length !== 16) throw new RangeError(`An IPv6 address has 16 bytes, got ${bytes.length}.`);
  const mac = [bytes[8] ^ 0x02, bytes[9], bytes[10], bytes[13], bytes[14], bytes[15]];
  return mac.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** Whether the interface id carries the EUI-64 ff:fe marker (bytes 11 and 12). */
export function hasEui64Marker(bytes: ArrayLike<number>): boolean {
  return bytes.length === 16 && bytes[11] === 0xff && bytes[12] === 0xfe;
}

/** The IPv6 link-local address (fe80::/64 + modified EUI-64) an interface with this MAC uses. */
export function linkLocalFromMac(mac: string): string {
  const m =
    /^([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})$/i.exec(
      mac.trim(),
    );
  if (!m)
    throw new AppError(
      'INVALID_ARGUMENT',
      `"${mac.slice(0, 40)}" is not a MAC address.`,
      'Use the form aa:bb:cc:dd:ee:ff.',
    );
  const b = m.slice(1).map((h) => parseInt(h, 16));
  const bytes = [0xfe, 0x80, 0, 0, 0, 0, 0, 0, b[0] ^ 0x02, b[1], b[2], 0xff, 0xfe, b[3], b[4], b[5]];
  return (ipaddr.fromByteArray(bytes) as ipaddr.IPv6).toRFC5952String();
}

/**
 * Parses the X-Forwarded-For value the way the agent does and says how it will be looked up.
 * Stricter than netaddr on purpose: IPv4 must be four decimal parts (netaddr 0.8 also takes
 * "10.1" or octal forms, which then match no port) and zone ids are rejected (netaddr raises).
 * Throws AppError INVALID_ARGUMENT naming the value.
 */
export function normaliseAddress(raw: string): NormalisedAddress {
  const value = raw.trim();
  const bad = (why: string) =>
    new AppError(
      'INVALID_ARGUMENT',
      `"${value.slice(0, 64)}" is not a single IP address (${why}).`,
      'Give the instance address exactly as the namespace proxy sends it in X-Forwarded-For, e.g. 10.0.0.10 or fe80::f816:3eff:fe12:3456.',
    );
  if (!value) throw bad('empty');
  if (value.includes(','))
    throw bad('several comma-separated values: the agent rejects a spoofed, appended X-Forwarded-For');
  if (ipaddr.IPv4.isValid(value)) {
    if (!ipaddr.IPv4.isValidFourPartDecimal(value)) throw bad('IPv4 must be four decimal numbers');
    return { kind: 'ipv4', lookupIp: ipaddr.IPv4.parse(value).toString() };
  }
  if (!ipaddr.IPv6.isValid(value)) throw bad('neither IPv4 nor IPv6');
  const addr = ipaddr.IPv6.parse(value);
  if (addr.zoneId) throw bad('a zone id such as %eth0 is not part of an address');
  if (addr.isIPv4MappedAddress()) {
    // haproxy bound on :: reports IPv4 clients as ::ffff:a.b.c.d; the agent looks up the IPv4.
    return { kind: 'ipv4-mapped', lookupIp: addr.toIPv4Address().toString() };
  }
  if (addr.range() === 'linkLocal') {
    const bytes = addr.toByteArray();
    return { kind: 'ipv6-link-local', mac: macFromEui64(bytes), eui64Marker: hasEui64Marker(bytes) };
  }
  // Neutron stores netaddr's compact text, which is RFC 5952.
  return { kind: 'ipv6', lookupIp: addr.toRFC5952String() };
}
