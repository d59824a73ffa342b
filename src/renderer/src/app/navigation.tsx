import { createContext, useContext, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { createNavigationStore, type HistoryEntry } from './navigation-store';
import type { Route } from './routes';

export interface Navigation {
  /** Where the main area is: the page (an id from app/pages.tsx) and its parameters. */
  route: Route;
  /** The current visit: parameters are applied once per entry. */
  entry: HistoryEntry;
  navigate: (route: Route) => void;
  back: () => void;
  forward: () => void;
  canGoBack: boolean;
  canGoForward: boolean;
  /** The cloud the user picked in the navbar; pages may focus on it. */
  selectedCloudId: string | null;
  selectCloud: (cloudId: string | null) => void;
}

const NavigationContext = createContext<Navigation | null>(null);

/** In-memory navigation with a history: a desktop app with a handful of pages needs no URL router. */
export function NavigationProvider({ initialRoute, children }: { initialRoute: Route; children: ReactNode }) {
  const [store] = useState(() => createNavigationStore(initialRoute));
  const { entries, index } = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const [selectedCloudId, selectCloud] = useState<string | null>(null);
  const value = useMemo(
    () => ({
      route: entries[index].route,
      entry: entries[index],
      navigate: store.navigate,
      back: store.back,
      forward: store.forward,
      canGoBack: index > 0,
      canGoForward: index < entries.length - 1,
      selectedCloudId,
      selectCloud,
    }),
    [entries, index, store, selectedCloudId],
  );
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error('useNavigation() needs a <NavigationProvider> above it.');
  return navigation;
}
