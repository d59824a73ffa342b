import { useEffect } from 'react';
import { Group, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { SessionInfo } from '@shared/models/cloud';
import classes from './app.module.css';
import { regionNotice } from './region-choice';

/**
 * Shown beside the region while main works in another region than the one chosen (this project's
 * catalog lacks it): a warning sign in the header, its words from 1408 px up and in its tooltip,
 * and once, when it begins, a notification that says it all.
 */
export function RegionFallbackNotice({ session }: { session: SessionInfo }) {
  const notice = regionNotice(session);
  const key = notice ? `${session.cloudId}:${session.regionFallback?.wanted}:${session.regionFallback?.region}` : null;
  useEffect(() => {
    if (!key || !notice) return;
    notifications.show({
      id: `region-fallback:${key}`,
      color: 'orange',
      title: 'Region not offered',
      message: notice.full,
    });
    // Shown once per fallback: a refetch of the same session says nothing new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (!notice) return null;
  return (
    <Tooltip label={notice.full} withArrow multiline w={280}>
      <Group gap={4} wrap="nowrap" role="status" aria-label={notice.full} className={classes.regionNotice} tabIndex={0}>
        <IconAlertTriangle size={16} aria-hidden />
        <Text size="xs" inherit span visibleFrom="xl" style={{ whiteSpace: 'nowrap' }}>
          {notice.short}
        </Text>
      </Group>
    </Tooltip>
  );
}
