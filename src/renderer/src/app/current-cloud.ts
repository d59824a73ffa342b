import type { CloudSummary, SessionInfo } from '@shared/models/cloud';
import { useClouds, useSessions } from '../api';
import { useNavigation } from './navigation';

export interface CurrentCloud {
  /** The cloud every page shows: the one picked (header, navbar, palette), else the first connected, else the first. */
  cloudId: string | null;
  cloud: CloudSummary | null;
  session: SessionInfo | null;
}

/** Which cloud is current, by the same rule the pages use when nothing was picked yet. */
export function currentCloudId(
  selected: string | null,
  clouds: readonly CloudSummary[],
  sessions: readonly SessionInfo[],
): string | null {
  if (selected && clouds.some((c) => c.id === selected)) return selected;
  return sessions[0]?.cloudId ?? clouds[0]?.id ?? null;
}

export function useCurrentCloud(): CurrentCloud {
  const { selectedCloudId } = useNavigation();
  const clouds = useClouds().data ?? [];
  const sessions = useSessions().data ?? [];
  const cloudId = currentCloudId(selectedCloudId, clouds, sessions);
  return {
    cloudId,
    cloud: clouds.find((c) => c.id === cloudId) ?? null,
    session: sessions.find((s) => s.cloudId === cloudId) ?? null,
  };
}
