import { useMemo } from 'react';
import type { SessionInfo } from '@shared/models/cloud';
import type { TopologySnapshot } from '@shared/models/topology';
import { buildSearchIndex, buildTopologyModel, type SearchResult } from '@shared/topology';
import { tokenScopeOf, useLoadedTopologies, usePickerTopology, type LoadedTopology } from '../../api';
import type { PaletteSource } from './palette-index';

/** A searchable topology and the scope the Topology page must show to find its rows. */
export interface ScopedSource extends PaletteSource {
  allProjects: boolean;
  projectId: string | null;
}

// One index per snapshot, built on the first search and kept as long as the snapshot is.
const searches = new WeakMap<TopologySnapshot, (query: string) => SearchResult>();

function searchOf(snapshot: TopologySnapshot): (query: string) => SearchResult {
  let search = searches.get(snapshot);
  if (!search) {
    let index: ReturnType<typeof buildSearchIndex> | undefined;
    search = (query) => (index ??= buildSearchIndex(buildTopologyModel(snapshot))).search(query);
    searches.set(snapshot, search);
  }
  return search;
}

/** The widest topology of the session's current scope: all projects unfiltered, else the project's. */
function bestOf(loaded: readonly LoadedTopology[], session: SessionInfo): LoadedTopology | undefined {
  const mine = loaded.filter((t) => t.cloudId === session.cloudId && t.tokenScope === tokenScopeOf(session));
  return mine.find((t) => t.allProjects && !t.projectId) ?? mine.find((t) => !t.allProjects) ?? mine[0];
}

/**
 * What the palette searches: each connected cloud's loaded topology. The current cloud's is fetched
 * when the palette opens (the same cache as the pickers'), so a first Ctrl+K finds names too.
 */
export function usePaletteSources(sessions: readonly SessionInfo[], currentCloudId: string | null) {
  const current = sessions.find((s) => s.cloudId === currentCloudId) ?? sessions[0] ?? null;
  const picker = usePickerTopology(current);
  const loaded = useLoadedTopologies();
  const sources = useMemo(
    () =>
      sessions.flatMap((session): ScopedSource[] => {
        const best = bestOf(loaded, session);
        if (!best) return [];
        return [
          {
            cloudId: session.cloudId,
            cloudName: session.cloudName,
            search: searchOf(best.snapshot),
            allProjects: best.allProjects,
            projectId: best.projectId,
          },
        ];
      }),
    [sessions, loaded],
  );
  return { sources, loading: picker.isFetching && !picker.data, loadingCloud: current?.cloudName ?? null };
}
