import { describe, expect, it } from 'vitest';
import { sampleCloud } from './testing/sample-cloud';
import { lookup } from './testing/lookup';
import { buildTopologyModel } from './build-model';
import { buildSearchIndex, canonicalIp } from './search-index';

const snapshot = sampleCloud();
const find = lookup(snapshot);
const model = buildTopologyModel(snapshot);
const index = buildSearchIndex(model);
const search = (q: string) => index.search(q);

describe('search index', () => {
  it('returns every port holding an IP, each with its network', () => {
    const result = search('10.0.0.10');
    expect(result.kind).toBe('ip');
    expect(result.hits.map((h) => h.ref.kind)).toEqual(['port', 'port', 'port']);
    expect(result.hits.map((h) => h.context).sort()).toEqual([
      'network db-net \u00b7 instance db-1',
      'network ops-net \u00b7 instance ops-bastion',
      'network web-net \u00b7 instance web-1',
    ]);
  });

  it.each([
    ['a floating IP', '203.0.113.110', 'floating-ip', 'floatingIp', 'floating IP \u2192 10.0.0.10 (web-1)'],
    ['a router gateway IP', '203.0.113.12', 'gateway-ip', 'router', 'router'],
    [
      'an uncompressed IPv6 address',
      '2001:0db8:0010:0000:f816:3eff:fe00:000a',
      'ip',
      'port',
      'network web-net \u00b7 instance web-1',
    ],
    ['an IPv4-mapped address', '::ffff:10.0.1.10', 'ip', 'port', 'network app-net \u00b7 instance app-1'],
  ])('finds %s', (_what, query, field, kind, context) => {
    const hits = search(query).hits.filter((h) => h.field === field);
    expect(hits).toHaveLength(1);
    expect(hits[0].ref.kind).toBe(kind);
    expect(hits[0].context).toBe(context);
  });

  it('names the subnets an unused IP falls in', () => {
    const hits = search('10.0.0.77').hits;
    expect(hits.map((h) => h.field)).toEqual(['contains', 'contains', 'contains']);
    expect(hits.map((h) => h.label).sort()).toEqual(['db-subnet', 'ops-subnet', 'web-v4']);
    expect(search('192.0.2.1').hits).toEqual([]);
  });

  it('finds a port by MAC in any case and separator, and by MAC prefix', () => {
    const port = find.serverPorts('db-2')[0];
    const exact = search(port.macAddress.toUpperCase().replace(/:/g, '-'));
    expect(exact.kind).toBe('mac');
    expect(exact.hits.map((h) => h.ref.id)).toEqual([port.id]);
    const prefix = search('fa:16:3e');
    expect(prefix.hits.filter((h) => h.field === 'mac')).toHaveLength(snapshot.ports.length);
  });

  it('finds names by substring, case-insensitively', () => {
    const hits = search('WEB-');
    expect(hits.hits.map((h) => h.label).sort()).toEqual([
      'web-1',
      'web-2',
      'web-3',
      'web-net',
      'web-router',
      'web-spare',
      'web-v4',
      'web-v6',
    ]);
    expect(hits.hits.every((h) => h.field === 'name')).toBe(true);
  });

  it.each([
    ['server', () => find.server('ops-monitor').id],
    ['router', () => find.router('db-router').id],
    ['subnet', () => find.subnet('backup-subnet').id],
  ])('finds a %s by id prefix', (kind, id) => {
    const hits = search(id().slice(0, 8)).hits.filter((h) => h.field === 'id');
    expect(hits.map((h) => [h.ref.kind, h.ref.id])).toEqual([[kind, id()]]);
    expect(search(id().toUpperCase()).hits.some((h) => h.ref.id === id())).toBe(true);
  });

  it('does not search ids by a too-short prefix', () => {
    expect(search('abc').hits.filter((h) => h.field === 'id')).toEqual([]);
  });

  it('finds IPs by prefix while typing', () => {
    const hits = search('172.16.0.').hits;
    expect(hits.map((h) => h.value).sort()).toEqual(['172.16.0.10', '172.16.0.2', '172.16.0.20']);
  });

  it('finds subnets and addresses in a CIDR', () => {
    const result = search('172.16.0.0/16');
    expect(result.kind).toBe('cidr');
    expect(result.hits.filter((h) => h.field === 'cidr').map((h) => h.label)).toEqual(['backup-subnet']);
    expect(result.hits.filter((h) => h.field === 'ip')).toHaveLength(3);
    expect(search('10.0.0.0/24').hits.filter((h) => h.field === 'cidr')).toHaveLength(3);
  });

  it.each(['', '   ', 'no-such-thing-anywhere'])('returns nothing for %j', (q) => {
    expect(search(q).hits).toEqual([]);
  });

  it('finds instances whose ports are not in view by the addresses Nova reports', () => {
    const backup = find.server('backup-1');
    const m = buildTopologyModel({ ...snapshot, ports: snapshot.ports.filter((p) => p.deviceId !== backup.id) });
    const hits = buildSearchIndex(m).search('172.16.0.10').hits;
    expect(hits.map((h) => [h.ref.kind, h.label])).toEqual([['server', 'backup-1']]);
  });

  it.each([
    ['10.0.0.1', '10.0.0.1'],
    ['2001:DB8::0001', '2001:db8::1'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['10.0.1', undefined],
    ['10.0.0.256', undefined],
    ['hello', undefined],
  ])('canonicalIp(%s) = %s', (input, expected) => {
    expect(canonicalIp(input)).toBe(expected);
  });
});
