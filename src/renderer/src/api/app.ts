import { useMutation, useQuery } from '@tanstack/react-query';
import { bridge, unwrap } from './client';
import { queryKeys } from './keys';

/** Version, platform, settings dir, and whether this is Electron or the test bridge. */
export function useAppInfo() {
  return useQuery({
    queryKey: queryKeys.app.info(),
    queryFn: () => unwrap(bridge().app.info()),
    staleTime: Infinity,
  });
}

/** Opens an https link in the system browser (main refuses anything else). */
export function useOpenExternal() {
  return useMutation({ mutationFn: (url: string) => unwrap(bridge().app.openExternal({ url })) });
}
