import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

export interface Navigation {
  /** The page shown in the main area (an id from app/pages.tsx). */
  pageId: string;
  navigate: (pageId: string) => void;
  /** The cloud the user picked in the navbar; pages may focus on it. */
  selectedCloudId: string | null;
  selectCloud: (cloudId: string | null) => void;
}

const NavigationContext = createContext<Navigation | null>(null);

/** In-memory navigation: a desktop app with a handful of pages needs no URL router. */
export function NavigationProvider({ initialPageId, children }: { initialPageId: string; children: ReactNode }) {
  const [pageId, navigate] = useState(initialPageId);
  const [selectedCloudId, selectCloud] = useState<string | null>(null);
  const value = useMemo(() => ({ pageId, navigate, selectedCloudId, selectCloud }), [pageId, selectedCloudId]);
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error('useNavigation() needs a <NavigationProvider> above it.');
  return navigation;
}
