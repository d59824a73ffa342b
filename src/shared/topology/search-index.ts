/**
 * Search over IPs (fixed, floating, router gateway), MACs, names and id prefixes. Every match is
 * returned: the same IP on two networks gives two hits, each with its network as context.
 * IP parsing and containment use ipaddr.js.
 */
import ipaddr from 'ipaddr.js';
import type { EntityRef } from './entity';
import { refKey } from './entity';
import { displayName, naturalCompare, type TopologyModel } from './build-model';
import { portRole } from './device-owner';

export type SearchField = 'id' | 'ip' | 'floating-ip' | 'gateway-ip' | 'mac' | 'cidr' | 'contains' | 'name';

export interface SearchHit {
  readonly ref: EntityRef;
  /** What matched. 'contains': the subnet's CIDR contains the IP searched for (no exact match). */
  field: SearchField;
  /** The matched value (the IP, MAC, name, id, CIDR). */
  value: string;
  /** The entity's display name. */
  label: string;
  /** Where it is: network, subnet, instance, project ... so equal IPs can be told apart. */
  context: string;
}

export type QueryKind = 'empty' | 'ip' | 'cidr' | 'mac' | 'text';

export interface SearchResult {
  query: string;
  kind: QueryKind;
  hits: SearchHit[];
}

export interface SearchIndex {
  search(query: string): SearchResult;
  /** Number of indexed keys (figures). */
  readonly size: number;
}

interface Entry {
  key: string;
  ref: EntityRef;
  field: SearchField;
  value: string;
}

const FIELD_RANK: Record<SearchField, number> = {
  id: 0,
  ip: 1,
  'floating-ip': 1,
  'gateway-ip': 1,
  mac: 2,
  cidr: 3,
  contains: 4,
  name: 5,
};
const MAC_QUERY = /^[0-9a-f]{2}([:-][0-9a-f]{2}){0,5}[:-]?$/i;
const IPISH_QUERY = /^[0-9a-f:.]+$/i;
/** Ids are searched by prefix from this many characters (shorter prefixes match a 16th of everything). */
const MIN_ID_PREFIX = 4;

/** Canonical text of a full IPv4/IPv6 address (IPv4-mapped IPv6 becomes IPv4), or undefined. */
export function canonicalIp(text: string): string | undefined {
  const value = text.trim();
  if (ipaddr.IPv4.isValidFourPartDecimal(value)) return ipaddr.IPv4.parse(value).toString();
  if (value.includes(':') && ipaddr.IPv6.isValid(value)) return ipaddr.process(value).toString();
  return undefined;
}

function normalisedIndexIp(ip: string): string {
  // Neutron and Nova already print canonical forms; only IPv6 needs parsing to be sure.
  return ip.includes(':') ? (canonicalIp(ip) ?? ip.toLowerCase()) : ip;
}

/**
 * Prefix matches by a linear scan: ~0.2 ms over 15,000 keys, and no sort at build time (sorting
 * 44,000 keys cost more than every search of a session).
 */
function prefixScan(entries: readonly Entry[], prefix: string, out: Entry[]): void {
  for (let i = 0; i < entries.length; i++) if (entries[i].key.startsWith(prefix)) out.push(entries[i]);
}

/** Where an entity is, for telling equal IPs or names apart. */
export function describeRef(model: TopologyModel, ref: EntityRef): { label: string; context: string } {
  const net = (id: string) => {
    const n = model.networks.get(id);
    return `network ${n ? displayName(n) : id}`;
  };
  switch (ref.kind) {
    case 'port': {
      const port = model.ports.get(ref.id);
      if (!port) return { label: ref.id, context: '' };
      const server = model.servers.get(port.deviceId);
      const router = model.routers.get(port.deviceId);
      const owner = server
        ? `instance ${displayName(server)}`
        : router
          ? `router ${displayName(router)}`
          : port.deviceOwner || 'no device';
      // Most ports have no name: call them after what they belong to.
      const label =
        port.name ||
        (server
          ? `${displayName(server)} port`
          : router
            ? `${displayName(router)} port`
            : `${portRole(port.deviceOwner, port.deviceId)} port`);
      return { label, context: `${net(port.networkId)} \u00b7 ${owner}` };
    }
    case 'server': {
      const server = model.servers.get(ref.id);
      const project = server ? (model.projectNames.get(server.projectId) ?? server.projectId) : '';
      return {
        label: server ? displayName(server) : ref.id,
        context: server ? `instance \u00b7 project ${project} \u00b7 ${server.status}` : '',
      };
    }
    case 'subnet': {
      const subnet = model.subnets.get(ref.id);
      return {
        label: subnet ? displayName(subnet) : ref.id,
        context: subnet ? `subnet ${subnet.cidr} \u00b7 ${net(subnet.networkId)}` : '',
      };
    }
    case 'network': {
      const network = model.networks.get(ref.id);
      return {
        label: network ? displayName(network) : ref.id,
        context: network
          ? `network${network.external ? ' \u00b7 external' : ''}${network.shared ? ' \u00b7 shared' : ''}`
          : '',
      };
    }
    case 'router': {
      const router = model.routers.get(ref.id);
      return { label: router ? displayName(router) : ref.id, context: 'router' };
    }
    case 'floatingIp': {
      const fip = model.floatingIps.get(ref.id);
      const port = fip?.portId ? model.ports.get(fip.portId) : undefined;
      const server = port ? model.servers.get(port.deviceId) : undefined;
      const target = fip?.fixedIp
        ? `\u2192 ${fip.fixedIp}${server ? ` (${displayName(server)})` : ''}`
        : 'not associated';
      return { label: fip?.floatingIp ?? ref.id, context: `floating IP ${target}` };
    }
  }
}

/** A hit whose label and context are worked out when first read (a MAC prefix can match 10,000 ports; the view shows a few). */
class LazyHit implements SearchHit {
  readonly ref: EntityRef;
  readonly field: SearchField;
  readonly value: string;
  private described: { label: string; context: string } | undefined;

  constructor(
    private readonly model: TopologyModel,
    entry: Entry,
  ) {
    this.ref = entry.ref;
    this.field = entry.field;
    this.value = entry.value;
  }

  private describe() {
    this.described ??= describeRef(this.model, this.ref);
    return this.described;
  }

  get label(): string {
    return this.describe().label;
  }

  get context(): string {
    return this.describe().context;
  }

  toJSON(): Omit<SearchHit, 'toJSON'> {
    return { ref: this.ref, field: this.field, value: this.value, label: this.label, context: this.context };
  }
}

type CidrEntry = { ref: EntityRef; cidr: string; parsed?: [ipaddr.IPv4 | ipaddr.IPv6, number] | null };

/** Every searchable value of the snapshot: addresses, MACs, ids, names, subnet ranges. */
function collectEntries(model: TopologyModel) {
  const ips = new Map<string, Entry[]>();
  const ipList: Entry[] = [];
  const macs: Entry[] = [];
  const ids: Entry[] = [];
  const names: Entry[] = [];
  const cidrs: CidrEntry[] = [];

  const addIp = (ref: EntityRef, field: SearchField, ip: string) => {
    const key = normalisedIndexIp(ip);
    const entry = { key, ref, field, value: ip };
    const list = ips.get(key);
    if (list) list.push(entry);
    else ips.set(key, [entry]);
    ipList.push(entry);
  };
  const addCommon = (ref: EntityRef, name: string) => {
    ids.push({ key: ref.id.toLowerCase(), ref, field: 'id', value: ref.id });
    if (name) names.push({ key: name.toLowerCase(), ref, field: 'name', value: name });
  };

  for (const router of model.routers.values()) {
    const ref: EntityRef = { kind: 'router', id: router.id };
    addCommon(ref, router.name);
    for (const fixed of router.externalGateway?.fixedIps ?? []) addIp(ref, 'gateway-ip', fixed.ip);
  }
  for (const network of model.networks.values()) addCommon({ kind: 'network', id: network.id }, network.name);
  for (const subnet of model.subnets.values()) {
    const ref: EntityRef = { kind: 'subnet', id: subnet.id };
    addCommon(ref, subnet.name);
    cidrs.push({ ref, cidr: subnet.cidr });
  }
  for (const port of model.ports.values()) {
    const ref: EntityRef = { kind: 'port', id: port.id };
    addCommon(ref, port.name);
    if (port.macAddress) macs.push({ key: port.macAddress.toLowerCase(), ref, field: 'mac', value: port.macAddress });
    for (const fixed of port.fixedIps) addIp(ref, 'ip', fixed.ip);
  }
  for (const fip of model.floatingIps.values()) {
    const ref: EntityRef = { kind: 'floatingIp', id: fip.id };
    addCommon(ref, '');
    addIp(ref, 'floating-ip', fip.floatingIp);
  }
  for (const server of model.servers.values()) addCommon({ kind: 'server', id: server.id }, server.name);
  // Instances whose ports are not in view are still found by the addresses Nova reports.
  for (const server of model.serversWithoutPorts) {
    for (const address of server.addresses)
      addIp({ kind: 'server', id: server.id }, address.type === 'floating' ? 'floating-ip' : 'ip', address.ip);
  }
  return { ips, ipList, macs, ids, names, cidrs };
}

/** Hits without duplicates, in field rank then natural order. */
function rankedResult(model: TopologyModel, query: string, kind: QueryKind, entries: Entry[]): SearchResult {
  const seen = new Set<string>();
  const unique: Entry[] = [];
  for (const entry of entries) {
    const dedupe = `${refKey(entry.ref)}|${entry.field}|${entry.value}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    unique.push(entry);
  }
  unique.sort(
    (a, b) =>
      FIELD_RANK[a.field] - FIELD_RANK[b.field] ||
      naturalCompare(a.value, b.value) ||
      (a.ref.id < b.ref.id ? -1 : a.ref.id > b.ref.id ? 1 : 0),
  );
  return { query, kind, hits: unique.map((entry) => new LazyHit(model, entry)) };
}

/** Builds the index once per snapshot: O(resources log resources). */
export function buildSearchIndex(model: TopologyModel): SearchIndex {
  const { ips, ipList, macs, ids, names, cidrs } = collectEntries(model);

  const parsedCidr = (item: (typeof cidrs)[number]) => {
    if (item.parsed === undefined) {
      try {
        item.parsed = ipaddr.parseCIDR(item.cidr);
      } catch {
        item.parsed = null;
      }
    }
    return item.parsed;
  };

  // Parsed once, on the first CIDR query.
  let ipParsed: Array<ipaddr.IPv4 | ipaddr.IPv6 | null> | undefined;
  const parsedIps = () => {
    ipParsed ??= ipList.map((entry) => (ipaddr.isValid(entry.key) ? ipaddr.parse(entry.key) : null));
    return ipParsed;
  };

  const finish = (query: string, kind: QueryKind, entries: Entry[]) => rankedResult(model, query, kind, entries);

  const searchIp = (query: string, ip: string): SearchResult => {
    const exact = ips.get(ip) ?? [];
    if (exact.length) return finish(query, 'ip', [...exact]);
    // No port has it: say which subnets it would fall in.
    const address = ipaddr.parse(ip);
    const containing: Entry[] = [];
    for (const item of cidrs) {
      const range = parsedCidr(item);
      if (range && range[0].kind() === address.kind() && address.match(range)) {
        containing.push({ key: item.cidr, ref: item.ref, field: 'contains', value: item.cidr });
      }
    }
    return finish(query, 'ip', containing);
  };

  const searchCidr = (query: string): SearchResult => {
    const range = ipaddr.parseCIDR(query);
    const out: Entry[] = [];
    for (const item of cidrs) {
      const subnetRange = parsedCidr(item);
      if (!subnetRange || subnetRange[0].kind() !== range[0].kind()) continue;
      // Same, inside or around the queried prefix: overlapping ranges are what an admin looks for.
      const overlaps = subnetRange[1] >= range[1] ? subnetRange[0].match(range) : range[0].match(subnetRange);
      if (overlaps) out.push({ key: item.cidr, ref: item.ref, field: 'cidr', value: item.cidr });
    }
    const parsed = parsedIps();
    for (let i = 0; i < ipList.length; i++) {
      const address = parsed[i];
      if (address && address.kind() === range[0].kind() && address.match(range)) out.push(ipList[i]);
    }
    return finish(query, 'cidr', out);
  };

  const search = (raw: string): SearchResult => {
    const query = raw.trim();
    if (!query) return { query, kind: 'empty', hits: [] };
    const ip = canonicalIp(query);
    if (ip) return searchIp(query, ip);
    if (query.includes('/') && ipaddr.isValidCIDR(query)) return searchCidr(query);
    const lower = query.toLowerCase();
    const out: Entry[] = [];
    const isMac = MAC_QUERY.test(lower) && lower.length >= 3;
    if (isMac) prefixScan(macs, lower.replace(/-/g, ':'), out);
    if (lower.length >= MIN_ID_PREFIX) prefixScan(ids, lower, out);
    if (IPISH_QUERY.test(lower) && /[.:]/.test(lower)) prefixScan(ipList, lower, out);
    for (const entry of names) if (entry.key.includes(lower)) out.push(entry);
    return finish(query, isMac && !out.some((e) => e.field !== 'mac') ? 'mac' : 'text', out);
  };

  return { search, size: ids.length + ipList.length + macs.length + names.length };
}
