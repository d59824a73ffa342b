import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { useCurrentCloud } from './current-cloud';
import { expiryText, sessionIdentity } from './session-text';
import { useNow } from './use-now';

/**
 * The current cloud's session in the header (none when the current cloud is not connected). Who @ which
 * project and when the token expires (main renews it; the time tells when it will). The region is
 * beside the project in the cloud switcher; the badge's accessible name still says both.
 */
export function SessionBadge() {
  const { session } = useCurrentCloud();
  const now = useNow();
  if (!session) {
    return (
      <Group role="status" aria-label="Active session: none">
        <Badge variant="outline" color="gray" size="lg" tt="none">
          Not connected
        </Badge>
      </Group>
    );
  }
  const expiry = expiryText(session.expiresAt, now);
  const label = `${session.cloudName}: ${sessionIdentity(session)}${session.region ? `, ${session.region}` : ''}, ${expiry}`;
  return (
    <Tooltip label={`Token ${expiry} (${new Date(session.expiresAt).toLocaleString()})`} withArrow>
      <Group gap={6} wrap="nowrap" role="status" aria-label={`Active session: ${label}`}>
        <Badge variant="light" color="green" size="lg" tt="none">
          {sessionIdentity(session)}
        </Badge>
        {/* The cloud's name is in the switcher beside it: only the expiry here, on one line. */}
        <Text size="xs" c="dimmed" visibleFrom="md" style={{ whiteSpace: 'nowrap' }}>
          {expiry}
        </Text>
      </Group>
    </Tooltip>
  );
}
