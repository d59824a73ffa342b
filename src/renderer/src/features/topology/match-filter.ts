/**
 * Narrowing what the search shows: filters on the hits (ERROR, DOWN, no device, project; with no
 * query they list every resource that passes), and "show only matches" on the tree rows. Pure.
 */
import {
  ancestorKeys,
  describeRef,
  entitiesOfKind,
  type EntityKind,
  type EntityRef,
  type SearchHit,
  type SearchResult,
  type TopologyModel,
  type TreeRow,
} from '@shared/topology';

export interface HitFilters {
  error: boolean;
  down: boolean;
  noDevice: boolean;
  projectId: string | null;
}

export const NO_FILTERS: HitFilters = { error: false, down: false, noDevice: false, projectId: null };

export function filtersActive(f: HitFilters): boolean {
  return f.error || f.down || f.noDevice || !!f.projectId;
}

interface Facts {
  status?: string;
  adminUp?: boolean;
  projectId?: string;
  noDevice: boolean;
}

function factsOf(model: TopologyModel, ref: EntityRef): Facts | undefined {
  switch (ref.kind) {
    case 'port': {
      const p = model.ports.get(ref.id);
      return (
        p && {
          status: p.status,
          adminUp: p.adminStateUp,
          projectId: p.projectId,
          noDevice: !p.deviceId && !p.deviceOwner,
        }
      );
    }
    case 'router': {
      const r = model.routers.get(ref.id);
      return r && { status: r.status, adminUp: r.adminStateUp, projectId: r.projectId, noDevice: false };
    }
    case 'network': {
      const n = model.networks.get(ref.id);
      return n && { status: n.status, projectId: n.projectId, noDevice: false };
    }
    case 'subnet': {
      const s = model.subnets.get(ref.id);
      return s && { projectId: s.projectId, noDevice: false };
    }
    case 'server': {
      const s = model.servers.get(ref.id);
      return s && { status: s.status, projectId: s.projectId, noDevice: false };
    }
    case 'floatingIp': {
      const f = model.floatingIps.get(ref.id);
      return f && { status: f.status, projectId: f.projectId, noDevice: !f.portId };
    }
  }
}

/** Does the resource pass every active filter? DOWN: status DOWN or SHUTOFF, or admin state down. */
export function passes(model: TopologyModel, ref: EntityRef, f: HitFilters): boolean {
  const facts = factsOf(model, ref);
  if (!facts) return false;
  const status = facts.status?.toUpperCase();
  if (f.error && status !== 'ERROR') return false;
  if (f.down && !(status === 'DOWN' || status === 'SHUTOFF' || facts.adminUp === false)) return false;
  if (f.noDevice && !facts.noDevice) return false;
  if (f.projectId && facts.projectId !== f.projectId) return false;
  return true;
}

const KINDS: EntityKind[] = ['router', 'network', 'subnet', 'port', 'server', 'floatingIp'];

function allRefs(model: TopologyModel): EntityRef[] {
  return KINDS.flatMap((kind) => [...entitiesOfKind(model, kind).keys()].map((id) => ({ kind, id })));
}

/**
 * The search result with the filters applied. With an empty query and active filters, every
 * resource that passes is a hit (e.g. "every port with no device"); with neither, null.
 */
export function filterResult(
  model: TopologyModel,
  search: (query: string) => SearchResult,
  query: string,
  f: HitFilters,
): SearchResult | null {
  const active = filtersActive(f);
  if (!query) {
    if (!active) return null;
    const hits: SearchHit[] = allRefs(model)
      .filter((ref) => passes(model, ref, f))
      .map((ref) => ({ ref, field: 'name', value: '', ...describeRef(model, ref) }));
    return { query: '', kind: 'empty', hits };
  }
  const result = search(query);
  return active ? { ...result, hits: result.hits.filter((h) => passes(model, h.ref, f)) } : result;
}

/**
 * "Show only matches": the rows of matches, their ancestors (the way to them) and what lies under
 * an expanded match; `matchKeys` are the tree keys of the matching rows.
 */
export function onlyMatchRows(rows: readonly TreeRow[], matchKeys: ReadonlySet<string>): TreeRow[] {
  const onPath = new Set<string>();
  for (const key of matchKeys) for (const a of ancestorKeys(key)) onPath.add(a);
  return rows.filter(
    (r) =>
      matchKeys.has(r.node.key) || onPath.has(r.node.key) || ancestorKeys(r.node.key).some((a) => matchKeys.has(a)),
  );
}
