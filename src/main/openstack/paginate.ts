/**
 * Lists a whole OpenStack collection, page after page, to the very end: Neutron's
 * `<collection>_links` and Nova's `servers_links` rel=next. Nothing is silently capped: a page
 * limit, a repeated marker or a next link without a marker is an error, never a short list.
 */
import { AppError } from '../errors';
import type { Query, ServiceClient, ServiceType } from './service-client';

export interface ListAllOptions<T = unknown> {
  service: ServiceType;
  /** e.g. 'ports', 'servers/detail'. */
  path: string;
  /** The JSON key of the list, e.g. 'ports', 'servers'; the links are under `<collection>_links`. */
  collection: string;
  query?: Query;
  microversion?: string;
  /** Items per page (`limit`); undefined lets the service choose (Neutron: all, Nova: its max_limit). */
  pageSize?: number;
  /** Told after every page. */
  onPage?: (page: { pages: number; items: number }) => void;
  /** Counts every HTTP request made (for the snapshot's stats). */
  onRequest?: () => void;
  /** Told every page's items; `true` stops the listing there (the result says `stopped`). */
  stopAfterPage?: (page: T[]) => boolean;
}

export interface ListAllResult<T> {
  items: T[];
  pages: number;
  /** `stopAfterPage` ended the listing before the service's last page. */
  stopped?: boolean;
}

interface Link {
  rel?: string;
  href?: string;
}

/** The `marker` of a next link (services echo our query and only change the marker). */
export function nextMarker(links: unknown): string | undefined | null {
  if (!Array.isArray(links)) return undefined;
  const next = (links as Link[]).find((l) => l?.rel === 'next');
  if (!next?.href) return undefined;
  try {
    return new URL(next.href, 'http://relative.invalid').searchParams.get('marker');
  } catch {
    return null;
  }
}

/**
 * Fetches every page. Follows the next link's marker with OUR path and query rather than the
 * link itself: services behind proxies often advertise an internal host or scheme in links.
 */
export async function listAll<T>(client: ServiceClient, options: ListAllOptions<T>): Promise<ListAllResult<T>> {
  const items: T[] = [];
  const seen = new Set<string>();
  let marker: string | undefined;
  let pages = 0;
  for (;;) {
    const query: Query = { ...options.query };
    if (options.pageSize) query.limit = options.pageSize;
    if (marker) query.marker = marker;
    options.onRequest?.();
    const res = await client.request<Record<string, unknown>>(options.service, options.path, {
      query,
      microversion: options.microversion,
    });
    const page = res.data?.[options.collection];
    if (!Array.isArray(page)) {
      throw new AppError(
        'SERVICE_ERROR',
        `${options.service} answered GET ${options.path} without a "${options.collection}" list.`,
        'The endpoint in the catalog may not be this service, or a proxy rewrote the answer.',
        { service: options.service, path: options.path },
      );
    }
    pages++;
    for (const item of page) items.push(item as T);
    options.onPage?.({ pages, items: items.length });
    if (options.stopAfterPage?.(page as T[])) return { items, pages, stopped: true };
    const next = nextMarker(res.data[`${options.collection}_links`]);
    // Nova (and Neutron) add a next link whenever a page is full, so the last page may be empty.
    if (next === undefined || page.length === 0) break;
    if (next === null || next === '') {
      throw new AppError(
        'SERVICE_ERROR',
        `${options.service} sent a next link without a marker for ${options.path}; the list would be incomplete.`,
        undefined,
        {
          service: options.service,
          path: options.path,
          pages,
        },
      );
    }
    if (seen.has(next)) {
      throw new AppError(
        'SERVICE_ERROR',
        `${options.service} repeated the page marker ${next} for ${options.path}; stopped to avoid an endless loop.`,
        undefined,
        {
          service: options.service,
          path: options.path,
          pages,
        },
      );
    }
    seen.add(next);
    marker = next;
  }
  return { items, pages };
}

/**
 * Lists a collection sorted by id from both ends at once (`sort_dir=asc` and `desc`) until the two
 * streams meet, so a service with several API workers serves the halves in parallel: a 5,000-row
 * list costs about half the pages in wall time. Exact like `listAll`: the ascending stream holds
 * every id up to its last, the descending one every id from its last; they have met once either
 * holds the other's last id (checked by identity, not by comparing strings: the database's
 * collation decides the order) or either reached its end. The price is at most one page per
 * stream fetched twice (a list under one page is fetched by both).
 */
export async function listFromBothEnds<T extends { id?: unknown }>(
  client: ServiceClient,
  options: ListAllOptions<T> & { pageSize: number },
): Promise<ListAllResult<T>> {
  const byId = new Map<string, T>();
  const seen = { asc: new Set<string>(), desc: new Set<string>() };
  const last = { asc: '', desc: '' };
  let ended = false;
  let pages = 0;
  const met = () => ended || seen.asc.has(last.desc) || seen.desc.has(last.asc);
  const stream = async (dir: 'asc' | 'desc') => {
    const result = await listAll<T>(client, {
      ...options,
      query: { ...options.query, sort_key: 'id', sort_dir: dir },
      onPage: undefined,
      stopAfterPage: (page) => {
        pages++;
        for (const item of page) {
          const id = String(item.id);
          byId.set(id, item);
          seen[dir].add(id);
          last[dir] = id;
        }
        options.onPage?.({ pages, items: byId.size });
        return met();
      },
    });
    if (!result.stopped) ended = true; // this stream reached the end: it alone saw everything
  };
  await Promise.all([stream('asc'), stream('desc')]);
  return { items: [...byId.values()], pages };
}
