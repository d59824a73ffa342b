import { useState } from 'react';
import { Button, Modal, Stack, Text } from '@mantine/core';
import { IconPlus, IconPlugConnected } from '@tabler/icons-react';
import type { ListenerConfig, ListenerView, ProxyLogEntry } from '@shared/models/proxy';
import { useClearLog, useClouds, useListeners, useProxyLog, useRemoveListener } from '../../api';
import { useNavigation } from '../../app/navigation';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalActions } from '../../components/ModalActions';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ListenerCard } from './ListenerCard';
import { ListenerFormModal } from './ListenerFormModal';
import { LogEntryDrawer } from './LogEntryDrawer';
import { RequestLog } from './RequestLog';
import { emptyFilter, type LogFilter } from '../../api/log-buffer';

/** The local metadata proxy: listeners (start, stop, edit, delete), their counters and the live request log. */
export function ProxyPage() {
  const listeners = useListeners();
  const log = useProxyLog();
  const clouds = useClouds();
  const clear = useClearLog();
  const remove = useRemoveListener();
  const { selectedCloudId } = useNavigation();
  const [editing, setEditing] = useState<ListenerConfig | 'new' | null>(null);
  const [removing, setRemoving] = useState<ListenerView | null>(null);
  const [opened, setOpened] = useState<ProxyLogEntry | null>(null);
  const [filter, setFilter] = useState<LogFilter>(emptyFilter);
  const [follow, setFollow] = useState(true);
  const cloudNames = new Map((clouds.data ?? []).map((c) => [c.id, c.name]));
  const views = listeners.data ?? [];

  return (
    <Stack gap="lg" maw={1280}>
      <PageHeader
        title="Metadata proxy"
        description="Serve instance metadata from this machine, as the namespace proxy and neutron-metadata-agent would, forwarding to the cloud's nova-api-metadata."
        actions={
          views.length > 0 && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')}>
              New listener…
            </Button>
          )
        }
      />

      {listeners.isPending && <LoadingState label="Loading listeners…" />}
      {listeners.isError && (
        <ErrorAlert
          error={listeners.error}
          title="The listeners could not be loaded"
          onRetry={() => listeners.refetch()}
        />
      )}
      {listeners.data && views.length === 0 && (
        <EmptyState
          label="No listeners"
          icon={<IconPlugConnected size={40} stroke={1.5} />}
          title="No listener yet"
          description="A listener answers metadata requests on this machine: for cloud-init or curl as one instance, as a router or network namespace would, or as the agent's socket behind a real haproxy. It binds 127.0.0.1 unless you say otherwise."
        >
          <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')}>
            New listener…
          </Button>
        </EmptyState>
      )}
      {views.length > 0 && (
        <Stack gap="md" component="section" aria-label="Listeners">
          {views.map((view) => (
            <ListenerCard
              key={view.config.id}
              view={view}
              cloudName={cloudNames.get(view.config.cloudId) ?? view.config.cloudId}
              onEdit={() => setEditing(view.config)}
              onRemove={() => setRemoving(view)}
              onShowRequests={() => setFilter({ ...filter, listenerId: view.config.id })}
            />
          ))}
        </Stack>
      )}

      {log.isError && (
        <ErrorAlert error={log.error} title="The request log could not be loaded" onRetry={() => log.refetch()} />
      )}
      {log.isPending && <LoadingState label="Loading the request log…" />}
      {log.data && (
        <RequestLog
          entries={log.data}
          listeners={views}
          filter={filter}
          onFilterChange={setFilter}
          follow={follow}
          onFollowChange={setFollow}
          onOpen={setOpened}
          onClear={() => clear.mutate()}
          clearing={clear.isPending}
        />
      )}

      <ListenerFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        listener={editing && editing !== 'new' ? editing : undefined}
        defaultCloudId={selectedCloudId}
      />
      <LogEntryDrawer
        entry={opened}
        cloudId={views.find((v) => v.config.id === opened?.listenerId)?.config.cloudId ?? null}
        onClose={() => setOpened(null)}
      />
      <Modal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={removing ? `Delete ${removing.config.name}?` : ''}
      >
        <Stack>
          <Text size="sm">
            {removing?.status.state === 'running' ? 'It is running: it stops first (in-flight requests finish). ' : ''}
            Its settings and its log lines are removed.
          </Text>
          {remove.error && <ErrorAlert error={remove.error} />}
          <ModalActions onCancel={() => setRemoving(null)}>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() => removing && remove.mutate(removing.config.id, { onSuccess: () => setRemoving(null) })}
            >
              Delete
            </Button>
          </ModalActions>
        </Stack>
      </Modal>
    </Stack>
  );
}
