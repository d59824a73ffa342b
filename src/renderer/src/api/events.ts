import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { bridge } from './client';
import { queryKeys } from './keys';

/**
 * Subscribes to main -> renderer events for the app's lifetime and turns them into cache updates
 * (react-query is the only renderer store). Mount once, near the root.
 */
export function useApiEvents(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const api = bridge();
    const unsubscribers = [
      api.on.sessionChanged(({ cloudId, session }) => {
        if (!session) queryClient.removeQueries({ queryKey: queryKeys.sessions.projects(cloudId) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.sessions.all });
      }),
    ];
    return () => unsubscribers.forEach((off) => off());
  }, [queryClient]);
}
