/**
 * Picker search: choose an instance, router or network by anything an admin knows about it (name,
 * an IP or MAC of one of its ports, a CIDR, an id prefix), over the loaded topology. Runs the
 * topology search and maps every hit to the resource of the kind asked for: an instance's port IP
 * picks the instance, a router interface's IP the router, a subnet's CIDR its network.
 */
import { displayName, naturalCompare, projectLabel, type TopologyModel } from './build-model';
import type { SearchHit, SearchIndex } from './search-index';

export type PickKind = 'server' | 'router' | 'network';

export interface PickOption {
  kind: PickKind;
  id: string;
  /** The name (or the id's start when unnamed). */
  label: string;
  /** Addresses, status, CIDRs: what tells two equal names apart. */
  detail: string;
  projectId: string;
  projectName: string;
  /** Why it matched, e.g. "IP 10.0.0.10" (absent for a name match or an empty query). */
  matched?: string;
}

function ownersOf(model: TopologyModel, kind: PickKind, hit: SearchHit): string[] {
  const { ref } = hit;
  if (ref.kind === kind) return [ref.id];
  const port =
    ref.kind === 'port'
      ? model.ports.get(ref.id)
      : ref.kind === 'floatingIp'
        ? model.ports.get(model.floatingIps.get(ref.id)?.portId ?? '')
        : undefined;
  switch (kind) {
    case 'server':
      return port && model.servers.has(port.deviceId) ? [port.deviceId] : [];
    case 'router':
      if (ref.kind === 'floatingIp') return [model.floatingIps.get(ref.id)?.routerId ?? ''].filter(Boolean);
      if (ref.kind === 'subnet') return model.routersBySubnet.get(ref.id) ?? [];
      return port && model.routers.has(port.deviceId) ? [port.deviceId] : [];
    case 'network':
      if (ref.kind === 'subnet') return [model.subnets.get(ref.id)?.networkId ?? ''].filter(Boolean);
      return port ? [port.networkId] : [];
  }
}

function detailOf(model: TopologyModel, kind: PickKind, id: string): string {
  switch (kind) {
    case 'server': {
      const server = model.servers.get(id);
      const ips = (model.portsByDevice.get(id) ?? []).flatMap((p) => p.fixedIps.map((f) => f.ip));
      const shown = ips.length ? ips : (server?.addresses.map((a) => a.ip) ?? []);
      return [server?.status, shown.slice(0, 3).join(', ')].filter(Boolean).join(' \u00b7 ');
    }
    case 'router': {
      const ips = (model.routerInterfaces.get(id) ?? []).flatMap((p) => p.fixedIps.map((f) => f.ip));
      return ips.length ? `interfaces ${ips.slice(0, 3).join(', ')}` : 'no interfaces';
    }
    case 'network':
      return (model.subnetsByNetwork.get(id) ?? []).map((s) => s.cidr).join(', ') || 'no subnets';
  }
}

function itemOf(model: TopologyModel, kind: PickKind, id: string) {
  return kind === 'server' ? model.servers.get(id) : kind === 'router' ? model.routers.get(id) : model.networks.get(id);
}

/** One option for a resource of the model (undefined when it is not there). */
export function pickOption(model: TopologyModel, kind: PickKind, id: string, matched?: string): PickOption | undefined {
  const item = itemOf(model, kind, id);
  if (!item) return undefined;
  return {
    kind,
    id,
    label: displayName(item),
    detail: detailOf(model, kind, id),
    projectId: item.projectId,
    projectName: projectLabel(model, item.projectId),
    ...(matched ? { matched } : {}),
  };
}

const FIELD: Record<SearchHit['field'], string> = {
  id: 'id',
  ip: 'IP',
  'floating-ip': 'floating IP',
  'gateway-ip': 'gateway IP',
  mac: 'MAC',
  cidr: 'CIDR',
  contains: 'in',
  name: '',
};

/**
 * Options of `kind` matching `query`, best first, at most `limit`. An empty query lists every
 * resource of the kind by name.
 */
export function pickSearch(
  model: TopologyModel,
  index: Pick<SearchIndex, 'search'>,
  kind: PickKind,
  query: string,
  limit = 50,
): PickOption[] {
  const out: PickOption[] = [];
  if (!query.trim()) {
    const all = [...(kind === 'server' ? model.servers : kind === 'router' ? model.routers : model.networks).values()];
    all.sort((a, b) => naturalCompare(displayName(a), displayName(b)));
    for (const item of all.slice(0, limit)) out.push(pickOption(model, kind, item.id)!);
    return out;
  }
  const seen = new Set<string>();
  for (const hit of index.search(query).hits) {
    for (const id of ownersOf(model, kind, hit)) {
      if (seen.has(id)) continue;
      seen.add(id);
      const why = hit.field === 'name' && hit.ref.kind === kind ? undefined : `${FIELD[hit.field]} ${hit.value}`.trim();
      const option = pickOption(model, kind, id, why);
      if (option) out.push(option);
      if (out.length >= limit) return out;
    }
  }
  return out;
}
