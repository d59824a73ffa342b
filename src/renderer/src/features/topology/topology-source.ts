/**
 * What the Topology page shows and how: the source (a connected cloud or the offline snapshot),
 * the admin's all-projects scope and the auto-refresh period per cloud, and the row a route asks
 * to open. Kept in the page-state store, so navigating away and back finds them.
 */
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { EntityRef } from '@shared/topology';
import { useOfflineSnapshot, useSessions } from '../../api';
import { useNavigation } from '../../app/navigation';
import { pageStateKey, pageStates, usePageState } from '../../app/page-state';
import type { SourceOption } from './TopologyToolbar';

/** Which topology the page shows: a connected cloud (live) or the snapshot opened offline. */
export type ViewSource = { kind: 'live'; cloudId: string } | { kind: 'offline' } | null;

export const OFFLINE = 'offline';

/** An admin's all-projects choice for one cloud (another cloud starts in its own project). */
export interface AdminScope {
  allProjects: boolean;
  projectId: string | null;
}

const NO_ADMIN_SCOPE: AdminScope = { allProjects: false, projectId: null };
const adminScopeKey = (cloudId: string | null) => pageStateKey('topology', cloudId, 'admin-scope');

/** A row to open once (a deep link: another page, the command palette); the nonce is the visit's key. */
export type FocusRequest = { ref: EntityRef; nonce: number } | null;

/**
 * The user's choice of source; a route naming a cloud or the snapshot sets it, with the admin
 * scope it asks for and the row to open, once per visit.
 */
export function useChosenSource() {
  const [chosen, setChosen] = usePageState<ViewSource>(pageStateKey('topology', null, 'source'), null);
  const [focusRequest, setFocusRequest] = useState<FocusRequest>(null);
  const { route, entry, selectedCloudId, selectCloud } = useNavigation();
  const asked = route.page === 'topology' ? route : null;
  const applyRoute = useEffectEvent(() => {
    if (asked?.offline) setChosen({ kind: 'offline' });
    else if (asked?.cloudId) {
      setChosen({ kind: 'live', cloudId: asked.cloudId });
      selectCloud(asked.cloudId);
    }
    if (asked?.cloudId && asked.allProjects)
      pageStates.set(adminScopeKey(asked.cloudId), { allProjects: true, projectId: asked.projectId ?? null });
    setFocusRequest(asked?.focus ? { ref: asked.focus, nonce: entry.key } : null);
  });
  // Once per visit (entry.key): the route's parameters, not each render.
  useEffect(() => applyRoute(), [entry.key]);
  // The header's or sidebar's cloud switch (while the page is shown) leaves an offline snapshot.
  const mounted = useRef(false);
  const followCloud = useEffectEvent(() => {
    if (mounted.current && selectedCloudId && chosen?.kind === 'offline')
      setChosen({ kind: 'live', cloudId: selectedCloudId });
    mounted.current = true;
  });
  useEffect(() => followCloud(), [selectedCloudId]);
  // A live source chosen in the toolbar is the app's current cloud, for every page.
  const choose = (source: ViewSource) => {
    setChosen(source);
    if (source?.kind === 'live') selectCloud(source.cloudId);
  };
  return { chosen, setChosen: choose, focusRequest };
}

export function useResolvedSource(chosen: ViewSource): { source: ViewSource; options: SourceOption[] } {
  const sessions = useSessions().data ?? [];
  const offline = useOfflineSnapshot().data;
  const { selectedCloudId } = useNavigation();
  const options: SourceOption[] = sessions.map((s) => ({ value: s.cloudId, label: `${s.cloudName} (live)` }));
  if (offline)
    options.push({
      value: OFFLINE,
      label: offline.source.sample ? 'Sample snapshot (offline)' : `Snapshot ${offline.source.file ?? ''} (offline)`,
    });
  const connected = (id: string | null | undefined) => !!id && sessions.some((s) => s.cloudId === id);
  // The current cloud (header, sidebar, palette) wins over an older choice on this page.
  if (chosen?.kind === 'offline' && offline) return { source: chosen, options };
  if (connected(selectedCloudId)) return { source: { kind: 'live', cloudId: selectedCloudId! }, options };
  if (chosen?.kind === 'live' && connected(chosen.cloudId)) return { source: chosen, options };
  if (sessions[0]) return { source: { kind: 'live', cloudId: sessions[0].cloudId }, options };
  return { source: offline ? { kind: 'offline' } : null, options };
}

/** The cloud's all-projects switch and project filter, and its auto-refresh period. */
export function useCloudScope(cloudId: string | null) {
  const [admin, setAdmin] = usePageState<AdminScope>(adminScopeKey(cloudId), NO_ADMIN_SCOPE);
  const [autoRefresh, setAutoRefresh] = usePageState(pageStateKey('topology', cloudId, 'auto-refresh'), 'off');
  return {
    ...admin,
    setAllProjects: (on: boolean) => setAdmin((old) => ({ ...old, allProjects: on })),
    setProjectId: (projectId: string | null) => setAdmin((old) => ({ ...old, projectId })),
    autoRefresh,
    setAutoRefresh,
  };
}
