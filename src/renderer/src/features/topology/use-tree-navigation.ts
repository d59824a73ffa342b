/**
 * Expand / collapse state of both trees, and "jump to": expand the ancestors of every row showing
 * an entity, scroll to the first, select it. Keys are built from ids, so a refresh keeps what the
 * user had open.
 */
import { useCallback, useMemo, useState } from 'react';
import { pageStateKey, usePageState } from '../../app/page-state';
import {
  ancestorKeys,
  locateInNetworkTree,
  locateInRouterTree,
  type EntityRef,
  type TopologyModel,
} from '@shared/topology';

export type TreeTab = 'routers' | 'networks';

export interface TreeNavigation {
  expanded: Record<TreeTab, ReadonlySet<string>>;
  toggle: (tab: TreeTab, key: string) => void;
  collapseAll: (tab: TreeTab) => void;
  /** Expands the rows of these entities in a tree; returns the first row's key (or null if not in that tree). */
  reveal: (tab: TreeTab, refs: readonly EntityRef[]) => string | null;
  scrollTo: Record<TreeTab, { key: string; nonce: number } | null>;
}

/** Where `ref` appears in a tree. */
export function locate(model: TopologyModel, tab: TreeTab, ref: EntityRef): string[] {
  return tab === 'routers' ? locateInRouterTree(model, ref) : locateInNetworkTree(model, ref);
}

/** At most this many hits are expanded at once (a broad search would otherwise open the whole tree). */
export const MAX_REVEAL = 50;

const NOTHING_EXPANDED: Record<TreeTab, ReadonlySet<string>> = { routers: new Set(), networks: new Set() };

/** `stateKey` names the view (a cloud, the offline snapshot): its expanded rows outlive the page. */
export function useTreeNavigation(model: TopologyModel | null, stateKey: string): TreeNavigation {
  const [expanded, setExpanded] = usePageState(pageStateKey('topology', stateKey, 'expanded'), NOTHING_EXPANDED);
  const [scrollTo, setScrollTo] = useState<Record<TreeTab, { key: string; nonce: number } | null>>({
    routers: null,
    networks: null,
  });

  const toggle = useCallback(
    (tab: TreeTab, key: string) => {
      setExpanded((old) => {
        const next = new Set(old[tab]);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return { ...old, [tab]: next };
      });
    },
    [setExpanded],
  );

  const collapseAll = useCallback(
    (tab: TreeTab) => setExpanded((old) => ({ ...old, [tab]: new Set() })),
    [setExpanded],
  );

  const reveal = useCallback(
    (tab: TreeTab, refs: readonly EntityRef[]) => {
      if (!model) return null;
      const keys = refs.slice(0, MAX_REVEAL).flatMap((ref) => locate(model, tab, ref));
      if (!keys.length) return null;
      setExpanded((old) => {
        const next = new Set(old[tab]);
        for (const key of keys) for (const ancestor of ancestorKeys(key)) next.add(ancestor);
        return { ...old, [tab]: next };
      });
      setScrollTo((old) => ({ ...old, [tab]: { key: keys[0], nonce: (old[tab]?.nonce ?? 0) + 1 } }));
      return keys[0];
    },
    [model, setExpanded],
  );

  return useMemo(
    () => ({ expanded, toggle, collapseAll, reveal, scrollTo }),
    [expanded, toggle, collapseAll, reveal, scrollTo],
  );
}
