/**
 * What one topology view shows, kept per cloud (or for the offline snapshot) in the page-state
 * store, so leaving the page and coming back finds the same tab, search, filters, selection and
 * drawer. Expanded rows live in use-tree-navigation.ts under the same key.
 */
import { useCallback, type SetStateAction } from 'react';
import type { EntityRef } from '@shared/topology';
import { pageStateKey, usePageState } from '../../app/page-state';
import type { DetailsTab } from './DetailsPanel';
import { NO_FILTERS, type HitFilters } from './match-filter';
import type { TreeTab } from './use-tree-navigation';

export type ViewTab = TreeTab | 'graph';

/** The selected resource (the drawer shows it) and the tree row it was picked in. */
export type Selection = { ref: EntityRef; key?: string } | null;

function useViewValue<T>(stateKey: string, name: string, initial: T) {
  return usePageState<T>(pageStateKey('topology', stateKey, name), initial);
}

export function useViewState(stateKey: string) {
  const [tab, setTab] = useViewValue<ViewTab>(stateKey, 'tab', 'routers');
  const [selected, setSelected] = useViewValue<Selection>(stateKey, 'selected', null);
  const [drawerTab, setDrawerTab] = useViewValue<DetailsTab>(stateKey, 'drawer-tab', 'fields');
  const [text, setText] = useViewValue(stateKey, 'search', '');
  const [filters, setFilters] = useViewValue<HitFilters>(stateKey, 'filters', NO_FILTERS);
  const [onlyMatches, setOnlyMatches] = useViewValue(stateKey, 'only-matches', false);
  const select = useCallback((next: SetStateAction<Selection>) => setSelected(next), [setSelected]);
  return {
    tab,
    setTab,
    selected,
    setSelected: select,
    drawerTab,
    setDrawerTab,
    text,
    setText,
    filters,
    setFilters,
    onlyMatches,
    setOnlyMatches,
  };
}

export type ViewState = ReturnType<typeof useViewState>;
