import { useEffect, useRef, type ReactNode } from 'react';
import { ActionIcon, Badge, Button, Group, Menu, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconChevronDown,
  IconChevronRight,
  IconDots,
  IconKey,
  IconPencil,
  IconPlugConnected,
  IconPlugConnectedX,
  IconTrash,
} from '@tabler/icons-react';
import type { CloudSummary } from '@shared/models/cloud';
import { insecureTransport } from '@shared/cloud-url';
import { isApiError, useConnect, useDisconnect } from '../../api';
import { expiryText } from '../../app/session-text';
import { useNow } from '../../app/use-now';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IdText } from '../../components/IdText';
import { StatusDot, connectionLabels } from '../../components/StatusDot';
import { CloudDetails } from './CloudDetails';
import { CloudFormModal } from './CloudFormModal';
import { PasswordPromptModal } from './PasswordPromptModal';
import { ProjectSwitcher } from './ProjectSwitcher';
import { RemoveCloudModal } from './RemoveCloudModal';
import { isNotAFailure } from './cloud-status';
import { useCloudState } from './use-cloud-state';

export const CLOUD_COLUMNS = 7;

type CloudState = ReturnType<typeof useCloudState>;

/**
 * One configured cloud as a row group of the clouds table: the row (state, name, auth URL,
 * project, region, token expiry, actions), then a row for its errors and, when opened, its details.
 */
export function CloudRow({ cloud, selected }: { cloud: CloudSummary; selected: boolean }) {
  const cloudState = useCloudState(cloud.id);
  const connect = useConnect(cloud.id);
  const disconnect = useDisconnect(cloud.id);
  const [promptOpened, prompt] = useDisclosure();
  const [editOpened, edit] = useDisclosure();
  const [removeOpened, removal] = useDisclosure();
  const [detailsOpened, details] = useDisclosure(false);
  const ref = useRef<HTMLTableSectionElement>(null);

  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [selected]);

  const startConnect = () =>
    connect.mutate({}, { onError: (error) => isApiError(error, 'PASSWORD_REQUIRED') && prompt.open() });
  const { lastConnectError } = cloudState;
  // The prompt shows its own errors; the row shows failures of attempts made outside it.
  const rowError = !promptOpened && lastConnectError && !isNotAFailure(lastConnectError) ? lastConnectError : null;
  // Keystone refused the stored secret: retrying it is pointless, ask for the new one.
  const storedRefused = cloud.hasSecret && isApiError(rowError, 'AUTH_FAILED');

  return (
    <Table.Tbody ref={ref} aria-label={`Cloud ${cloud.name}`} data-selected={selected || undefined}>
      <Table.Tr bg={selected ? 'var(--mantine-primary-color-light)' : undefined}>
        <CloudCells
          cloud={cloud}
          cloudState={cloudState}
          detailsToggle={<DetailsToggle name={cloud.name} opened={detailsOpened} onToggle={details.toggle} />}
        />
        <Table.Td>
          <Group gap={4} wrap="nowrap" justify="flex-end">
            <ConnectButton
              connected={Boolean(cloudState.session)}
              connect={connect}
              disconnect={disconnect}
              onConnect={startConnect}
            />
            <CloudMenu cloud={cloud} onEdit={edit.open} onRemove={removal.open} onNewPassword={prompt.open} />
          </Group>
        </Table.Td>
      </Table.Tr>
      {(rowError || disconnect.isError || detailsOpened) && (
        <Table.Tr>
          <Table.Td colSpan={CLOUD_COLUMNS}>
            <Stack gap="sm" py={4}>
              {rowError && (
                <ErrorAlert
                  error={rowError}
                  title={`Could not connect to ${cloud.name}`}
                  onRetry={storedRefused ? undefined : startConnect}
                />
              )}
              {storedRefused && (
                <Group>
                  <Button size="xs" leftSection={<IconKey size={14} />} onClick={prompt.open}>
                    Enter new {cloud.secretLabel.toLowerCase()}
                  </Button>
                </Group>
              )}
              {disconnect.isError && <ErrorAlert error={disconnect.error} title="Disconnect failed" />}
              {detailsOpened && <CloudDetails cloud={cloud} session={cloudState.session} />}
            </Stack>
          </Table.Td>
        </Table.Tr>
      )}
      <PasswordPromptModal
        cloud={cloud}
        opened={promptOpened}
        onClose={prompt.close}
        connect={connect}
        replacing={cloud.hasSecret}
      />
      <CloudFormModal cloud={cloud} opened={editOpened} onClose={edit.close} />
      <RemoveCloudModal cloud={cloud} opened={removeOpened} onClose={removal.close} />
    </Table.Tbody>
  );
}

function DetailsToggle({ name, opened, onToggle }: { name: string; opened: boolean; onToggle: () => void }) {
  return (
    <ActionIcon
      variant="subtle"
      color="gray"
      size="sm"
      aria-label={`Details of ${name}`}
      aria-expanded={opened}
      onClick={onToggle}
    >
      {opened ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
    </ActionIcon>
  );
}

function ConnectButton(props: {
  connected: boolean;
  connect: ReturnType<typeof useConnect>;
  disconnect: ReturnType<typeof useDisconnect>;
  onConnect: () => void;
}) {
  return props.connected ? (
    <Button
      size="compact-xs"
      variant="default"
      leftSection={<IconPlugConnectedX size={14} />}
      loading={props.disconnect.isPending}
      onClick={() => props.disconnect.mutate()}
    >
      Disconnect
    </Button>
  ) : (
    <Button
      size="compact-xs"
      leftSection={<IconPlugConnected size={14} />}
      loading={props.connect.isPending}
      onClick={props.onConnect}
    >
      Connect
    </Button>
  );
}

/** State, name (after its details toggle, as a tree row's), auth URL, project, region and token expiry. */
function CloudCells({
  cloud,
  cloudState,
  detailsToggle,
}: {
  cloud: CloudSummary;
  cloudState: CloudState;
  detailsToggle: ReactNode;
}) {
  const { state, session, lastConnectError } = cloudState;
  const now = useNow();
  const project = cloud.projectName ?? cloud.projectId ?? (cloud.domainName ? `domain ${cloud.domainName}` : '—');
  const insecure = insecureTransport(cloud.authUrl, cloud.verify).length > 0;
  return (
    <>
      <Table.Td>
        {/* The secret's state stacks under the connection state: beside a long name it ran into the auth URL. */}
        <Stack gap={2} align="flex-start">
          <Group gap={6} wrap="nowrap">
            <StatusDot state={state} />
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {connectionLabels[state]}
              {state === 'error' && isApiError(lastConnectError) && ` (${lastConnectError.code})`}
            </Text>
          </Group>
          <Badge size="xs" variant="light" color={cloud.hasSecret ? 'teal' : 'yellow'} tt="none">
            {cloud.hasSecret ? 'Secret stored' : 'No secret stored'}
          </Badge>
        </Stack>
      </Table.Td>
      <Table.Td>
        <Group gap={2} wrap="nowrap">
          {detailsToggle}
          <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
            {cloud.name}
          </Text>
        </Group>
      </Table.Td>
      <Table.Td>
        {/* The transport warning under the URL: beside it, it ran into the project column at 1280 px. */}
        <Stack gap={2} align="flex-start">
          <Text size="xs" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
            {cloud.authUrl}
          </Text>
          {insecure && (
            <Badge size="xs" variant="light" color="orange" tt="none">
              {cloud.verify ? 'http' : 'TLS not verified'}
            </Badge>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        {session ? (
          <ProjectSwitcher cloud={cloud} session={session} />
        ) : (
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            <IdText text={project} />
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{session?.region ?? cloud.regionName ?? '—'}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
          {session ? expiryText(session.expiresAt, now) : '—'}
        </Text>
      </Table.Td>
    </>
  );
}

function CloudMenu(props: {
  cloud: CloudSummary;
  onEdit: () => void;
  onRemove: () => void;
  onNewPassword: () => void;
}) {
  const { cloud } = props;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`More actions for ${cloud.name}`}>
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconPencil size={16} />} onClick={props.onEdit}>
          Edit…
        </Menu.Item>
        <Menu.Item leftSection={<IconKey size={16} />} onClick={props.onNewPassword}>
          Enter new {cloud.secretLabel.toLowerCase()}…
        </Menu.Item>
        <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={props.onRemove}>
          Remove…
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
