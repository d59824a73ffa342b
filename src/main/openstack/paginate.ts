/**
 * Lists a whole OpenStack collection, page after page, to the very end: Neutron's
 * `<collection>_links` and Nova's `servers_links` rel=next. Nothing is silently capped: a page
 * limit, a repeated marker or a next link without a marker is an error, never a short list.
 */
import { AppError } from '../errors';
import type { Query, ServiceClient, ServiceType } from './service-client';

export interface ListAllOptions {
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
}

export interface ListAllResult<T> {
  items: T[];
  pages: number;
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
export async function listAll<T>(client: ServiceClient, options: ListAllOptions): Promise<ListAllResult<T>> {
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
