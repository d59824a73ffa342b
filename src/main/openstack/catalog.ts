/**
 * The Keystone v3 service catalog: endpoint selection by service type, interface and region,
 * the way keystoneauth's EndpointData lookup does it (region given -> that region only; no
 * region -> the first endpoint of the interface).
 */
import {
  normaliseInterface,
  regionServices,
  type Interface,
  type RegionChoice,
  type RegionService,
  type ServiceEndpointInfo,
} from '@shared/models/cloud';
import { AppError } from '../errors';

export interface CatalogEndpoint {
  id?: string;
  interface: string;
  /** v3 names: region_id is current, region is the deprecated twin. */
  region_id?: string | null;
  region?: string | null;
  url: string;
}

export interface CatalogService {
  id?: string;
  type: string;
  name?: string;
  endpoints: CatalogEndpoint[];
}

export type Catalog = CatalogService[];

export interface EndpointSelection {
  interface: Interface;
  /** Undefined = any region (the first endpoint of the interface wins). */
  region?: string;
}

function regionOf(e: CatalogEndpoint): string | undefined {
  return e.region_id ?? e.region ?? undefined;
}

/** Parses the catalog of a token body defensively: malformed entries are dropped, not fatal. */
export function parseCatalog(raw: unknown): Catalog {
  if (!Array.isArray(raw)) return [];
  const out: Catalog = [];
  for (const s of raw) {
    if (!s || typeof s !== 'object' || typeof (s as CatalogService).type !== 'string') continue;
    const svc = s as CatalogService;
    const endpoints = Array.isArray(svc.endpoints)
      ? svc.endpoints.filter((e) => e && typeof e.url === 'string' && typeof e.interface === 'string')
      : [];
    out.push({ id: svc.id, type: svc.type, name: svc.name, endpoints });
  }
  return out;
}

/** The matching endpoint, or undefined. */
export function selectEndpoint(
  catalog: Catalog,
  type: string,
  sel: EndpointSelection,
): { service: CatalogService; endpoint: CatalogEndpoint } | undefined {
  for (const service of catalog) {
    if (service.type !== type) continue;
    const endpoint = service.endpoints.find(
      (e) =>
        normaliseInterface(e.interface) === sel.interface && (sel.region === undefined || regionOf(e) === sel.region),
    );
    if (endpoint) return { service, endpoint };
  }
  return undefined;
}

/** The endpoint URL, or NO_ENDPOINT naming type / interface / region and what the catalog offers. */
export function requireEndpoint(catalog: Catalog, type: string, sel: EndpointSelection): string {
  const found = selectEndpoint(catalog, type, sel);
  if (found) return found.endpoint.url;
  const offered = catalog
    .filter((s) => s.type === type)
    .flatMap((s) => s.endpoints.map((e) => `${e.interface}${regionOf(e) ? `@${regionOf(e)}` : ''}`));
  const where = `interface ${sel.interface}${sel.region ? ` in region ${sel.region}` : ''}`;
  const message =
    catalog.length === 0
      ? `The token has no service catalog, so there is no ${type} endpoint (the session is unscoped?).`
      : `The service catalog has no ${type} endpoint for ${where}${offered.length ? ` (it offers ${offered.join(', ')})` : ''}.`;
  return fail(
    message,
    offered.length
      ? "Set the cloud's `interface` and `region_name` to one the catalog offers."
      : catalog.length === 0
        ? 'Connect with a project scope.'
        : `This cloud does not run a ${type} service, or your project cannot see it.`,
    { service: type, interface: sel.interface, region: sel.region ?? null },
  );
}

function fail(message: string, hint: string, details: Record<string, string | null>): never {
  throw new AppError('NO_ENDPOINT', message, hint, details);
}

/** The endpoints the session uses, secret-free, for SessionInfo. */
export function describeEndpoints(
  catalog: Catalog,
  types: readonly string[],
  sel: EndpointSelection,
): ServiceEndpointInfo[] {
  const out: ServiceEndpointInfo[] = [];
  for (const type of types) {
    const found = selectEndpoint(catalog, type, sel);
    if (!found) continue;
    let host = found.endpoint.url;
    try {
      host = new URL(found.endpoint.url).host;
    } catch {
      /* keep the raw URL */
    }
    out.push({
      type,
      name: found.service.name,
      url: found.endpoint.url,
      host,
      region: regionOf(found.endpoint),
      interface: found.endpoint.interface,
    });
  }
  return out;
}

/**
 * The regions StackLens can work in at `iface`: those with a network endpoint (every page needs
 * Neutron), each with the services of regionServices it offers; sorted by name. Endpoints without
 * a region cannot be chosen by name (keystoneauth matches them only when no region is asked for).
 */
export function listRegions(catalog: Catalog, iface: Interface): RegionChoice[] {
  const offered = new Map<string, Set<RegionService>>();
  for (const service of catalog) {
    const type = regionServices.find((t) => t === service.type);
    if (!type) continue;
    for (const e of service.endpoints) {
      const region = regionOf(e);
      if (!region || normaliseInterface(e.interface) !== iface) continue;
      if (!offered.has(region)) offered.set(region, new Set());
      offered.get(region)!.add(type);
    }
  }
  return [...offered]
    .filter(([, services]) => services.has('network'))
    .map(([name, services]) => ({ name, services: regionServices.filter((t) => services.has(t)) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
