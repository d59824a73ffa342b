/**
 * Where the app can go, with each page's parameters typed: `navigate({ page: 'metadata', cloudId,
 * instanceId })`. Plain types, so features can name a destination without importing each other.
 */
import type { EntityRef } from '@shared/topology';

export type Route =
  | { page: 'clouds'; cloudId?: string }
  /**
   * `offline`: show the opened snapshot; `focus`: select that row (a deep link from elsewhere);
   * `allProjects` (+ `projectId`): the admin scope the row was found in, so it is on the page.
   */
  | {
      page: 'topology';
      cloudId?: string;
      offline?: boolean;
      focus?: EntityRef;
      allProjects?: boolean;
      projectId?: string;
    }
  /** `resolveVia`: prefill the resolve panel with this router or network ("Resolve here" on a topology row). */
  | { page: 'metadata'; cloudId?: string; instanceId?: string; resolveVia?: { kind: 'router' | 'network'; id: string } }
  | { page: 'health'; cloudId?: string }
  /** `listener`: open the new-listener form prefilled (topology row actions). */
  | { page: 'proxy'; listener?: ListenerPrefill };

/**
 * What a listener form opened from elsewhere starts with. The project of an instance is filled in
 * from the loaded topology when absent.
 */
export type ListenerPrefill =
  /** "Start namespace listener": a namespace listener on this router or network. */
  | { mode: 'namespace'; cloudId: string; scope: { kind: 'router' | 'network'; id: string } }
  /** "Serve as this instance": a single-instance listener answering as this server. */
  | { mode: 'instance'; cloudId: string; instanceId: string; projectId?: string };

export type PageId = Route['page'];

export type RouteOf<P extends PageId> = Extract<Route, { page: P }>;

/** The route's parameters when it is on page `page`, else null: `routeParams(route, 'metadata')?.instanceId`. */
export function routeParams<P extends PageId>(route: Route, page: P): RouteOf<P> | null {
  return route.page === page ? (route as RouteOf<P>) : null;
}
