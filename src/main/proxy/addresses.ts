/**
 * Address checks for the proxy, all through ipaddr.js: strict IP parsing for X-Forwarded-For,
 * loopback detection for the bind address, trusted-upstream matching.
 */
import ipaddr from 'ipaddr.js';

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Parses one IP literal the way the agent's netaddr.IPAddress accepts it in practice: dotted-quad
 * IPv4 (not ipaddr's lenient "1" or "0x7f.1" forms) or IPv6 without a zone id. null when invalid.
 */
export function parseStrictIp(text: string): IpAddress | null {
  const value = text.trim();
  if (value.length === 0 || value.length > 45) return null;
  if (ipaddr.IPv4.isValidFourPartDecimal(value)) return ipaddr.IPv4.parse(value);
  if (!value.includes('%') && ipaddr.IPv6.isValid(value)) return ipaddr.IPv6.parse(value);
  return null;
}

/** True for 127.0.0.0/8, ::1 and the IPv4-mapped form of 127.0.0.0/8. */
export function isLoopback(address: IpAddress): boolean {
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (address as ipaddr.IPv6).toIPv4Address().range() === 'loopback';
  }
  return address.range() === 'loopback';
}

/** A parsed IP or CIDR that a peer address can be matched against. */
export type AddressRange = [IpAddress, number];

/**
 * Parses trusted-upstream entries (IPs or CIDRs). Returns the ranges, or the first invalid entry.
 */
export function parseRanges(entries: readonly string[]): { ranges: AddressRange[]; invalid?: string } {
  const ranges: AddressRange[] = [];
  for (const entry of entries) {
    const value = entry.trim();
    if (value.includes('/')) {
      if (!ipaddr.isValidCIDR(value)) return { ranges, invalid: entry };
      ranges.push(ipaddr.parseCIDR(value));
      continue;
    }
    const ip = parseStrictIp(value);
    if (!ip) return { ranges, invalid: entry };
    ranges.push([ip, ip.kind() === 'ipv4' ? 32 : 128]);
  }
  return { ranges };
}

/** True when `address` (IPv4-mapped IPv6 is unwrapped first) lies in one of `ranges`. */
export function inRanges(address: IpAddress, ranges: readonly AddressRange[]): boolean {
  const candidates: IpAddress[] = [address];
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    candidates.push((address as ipaddr.IPv6).toIPv4Address());
  }
  return ranges.some(([net, bits]) => candidates.some((c) => c.kind() === net.kind() && c.match(net, bits)));
}

/** Neutron and nova ids are dashed hex UUIDs (not necessarily RFC 4122 versioned: lab ids are not). */
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a dashed hex UUID. */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
