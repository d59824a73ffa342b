import { useEffect, useRef } from 'react';
import { ActionIcon, Badge, Button, Card, Divider, Group, Menu, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconDots, IconPencil, IconPlugConnected, IconPlugConnectedX, IconTrash } from '@tabler/icons-react';
import type { CloudSummary } from '@shared/models/cloud';
import { isApiError, useConnect, useDisconnect } from '../../api';
import { expiryText, sessionIdentity } from '../../app/session-text';
import { useNow } from '../../app/use-now';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusDot, connectionLabels } from '../../components/StatusDot';
import { CloudDetails } from './CloudDetails';
import { CloudFormModal } from './CloudFormModal';
import { PasswordPromptModal } from './PasswordPromptModal';
import { ProjectSwitcher } from './ProjectSwitcher';
import { RemoveCloudModal } from './RemoveCloudModal';
import { authTypeLabels } from './cloud-form';
import { useCloudState } from './use-cloud-state';
import { isNotAFailure } from './cloud-status';

/** One configured cloud: details, connection state, connect / disconnect, project, edit, remove. */
export function CloudCard({ cloud, selected }: { cloud: CloudSummary; selected: boolean }) {
  const { state, session, lastConnectError } = useCloudState(cloud.id);
  const connect = useConnect(cloud.id);
  const disconnect = useDisconnect(cloud.id);
  const [promptOpened, prompt] = useDisclosure();
  const [editOpened, edit] = useDisclosure();
  const [removeOpened, removal] = useDisclosure();
  const now = useNow();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [selected]);

  const startConnect = () =>
    connect.mutate({}, { onError: (error) => isApiError(error, 'PASSWORD_REQUIRED') && prompt.open() });
  // The prompt shows its own errors; the card shows failures of attempts made outside it.
  const cardError = !promptOpened && lastConnectError && !isNotAFailure(lastConnectError) ? lastConnectError : null;

  return (
    <Card
      ref={ref}
      component="article"
      aria-label={`Cloud ${cloud.name}`}
      withBorder
      padding="lg"
      radius="md"
      style={selected ? { borderColor: 'var(--mantine-primary-color-filled)' } : undefined}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Group gap="sm" wrap="nowrap">
          <StatusDot state={state} size={12} />
          <div>
            <Title order={3} size="h4">
              {cloud.name}
            </Title>
            <Text size="xs" c="dimmed">
              {connectionLabels[state]}
              {state === 'error' && isApiError(lastConnectError) && ` (${lastConnectError.code})`}
              {session && ` · ${sessionIdentity(session)} · ${expiryText(session.expiresAt, now)}`}
            </Text>
          </div>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Badge variant="light" color="gray" tt="none">
            {authTypeLabels[cloud.authType]}
          </Badge>
          <Badge variant="light" color={cloud.hasSecret ? 'teal' : 'yellow'} tt="none">
            {cloud.hasSecret ? 'Secret stored' : 'No secret stored'}
          </Badge>
          {session ? (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconPlugConnectedX size={16} />}
              loading={disconnect.isPending}
              onClick={() => disconnect.mutate()}
            >
              Disconnect
            </Button>
          ) : (
            <Button
              size="xs"
              leftSection={<IconPlugConnected size={16} />}
              loading={connect.isPending}
              onClick={startConnect}
            >
              Connect
            </Button>
          )}
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={`More actions for ${cloud.name}`}>
                <IconDots size={18} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconPencil size={16} />} onClick={edit.open}>
                Edit…
              </Menu.Item>
              <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={removal.open}>
                Remove…
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>

      {/* Errors right under the buttons that caused them, before the details. */}
      {(cardError || disconnect.isError) && (
        <Stack gap="sm" mt="md">
          {cardError && (
            <ErrorAlert error={cardError} title={`Could not connect to ${cloud.name}`} onRetry={startConnect} />
          )}
          {disconnect.isError && <ErrorAlert error={disconnect.error} title="Disconnect failed" />}
        </Stack>
      )}

      <Divider my="md" />
      <CloudDetails cloud={cloud} />

      {session && (
        <Stack gap="sm" mt="md">
          {session && (
            <Group gap="lg" align="flex-end">
              <ProjectSwitcher cloud={cloud} session={session} />
              <Text size="xs" c="dimmed" pb={6}>
                Roles: {session.roles.join(', ') || 'none'}
                {session.isAdmin && ' (admin)'} · {session.services.length} service endpoint(s)
              </Text>
            </Group>
          )}
        </Stack>
      )}

      <PasswordPromptModal cloud={cloud} opened={promptOpened} onClose={prompt.close} connect={connect} />
      <CloudFormModal cloud={cloud} opened={editOpened} onClose={edit.close} />
      <RemoveCloudModal cloud={cloud} opened={removeOpened} onClose={removal.close} />
    </Card>
  );
}
