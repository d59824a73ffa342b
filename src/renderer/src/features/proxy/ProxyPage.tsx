import { useEffect, useEffectEvent, useState } from 'react';
import { Button, Stack } from '@mantine/core';
import { IconPlus, IconPlugConnected } from '@tabler/icons-react';
import type { ListenerConfig, ListenerView, ProxyLogEntry } from '@shared/models/proxy';
import { notifications } from '@mantine/notifications';
import { useClearLog, useClouds, useExportLog, useListeners, useProxyLog } from '../../api';
import { useNavigation } from '../../app/navigation';
import { pageStateKey, usePageState } from '../../app/page-state';
import { routeParams, type ListenerPrefill } from '../../app/routes';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ListenerCard } from './ListenerCard';
import { ListenerFormModal } from './ListenerFormModal';
import { LogEntryDrawer } from './LogEntryDrawer';
import { RemoveListenerModal } from './RemoveListenerModal';
import { RequestLog } from './RequestLog';
import { emptyFilter, type LogFilter, type StatusClass } from '../../api/log-buffer';
import { ProxyNamesProvider, useProxyNames } from './proxy-names';
import classes from './proxy.module.css';

const filterKey = pageStateKey('proxy', null, 'filter');

const emptyDescription =
  'A listener answers metadata requests on this machine: for cloud-init or curl as one instance, as a router or network namespace would, or as the agent\u2019s socket behind a real haproxy. It binds 127.0.0.1 unless you say otherwise.';

/** The form's state: closed, editing a listener, or a new one (maybe prefilled by another page's route). */
function useListenerEditing() {
  const { route, entry } = useNavigation();
  const [editing, setEditing] = useState<ListenerConfig | 'new' | null>(null);
  const [prefill, setPrefill] = useState<ListenerPrefill | undefined>(undefined);
  // A row action elsewhere ("Start namespace listener") opens the form once per visit.
  const applyRoute = useEffectEvent(() => {
    const asked = routeParams(route, 'proxy')?.listener;
    if (!asked) return;
    setPrefill(asked);
    setEditing('new');
  });
  useEffect(() => applyRoute(), [entry.key]);
  const close = () => {
    setEditing(null);
    setPrefill(undefined);
  };
  return { editing, prefill, edit: setEditing, close };
}

function NewListenerButton({ onClick }: { onClick: () => void }) {
  return (
    <Button leftSection={<IconPlus size={18} />} onClick={onClick}>
      New listener…
    </Button>
  );
}

interface ListenersProps {
  views: ListenerView[];
  onEdit: (config: ListenerConfig) => void;
  onRemove: (view: ListenerView) => void;
}

function Listeners({ views, onEdit, onRemove }: ListenersProps) {
  const clouds = useClouds();
  const [filter, setFilter] = usePageState<LogFilter>(filterKey, emptyFilter);
  // A counter click shows that listener's requests of that kind; "all" its every request.
  const showRequests = (listenerId: string, status: StatusClass | 'all') =>
    setFilter({ ...filter, listenerId, status: status === 'all' ? null : status, errorsOnly: false });
  const activeOf = (listenerId: string) => (filter.listenerId === listenerId ? (filter.status ?? 'all') : null);
  const cloudNames = new Map((clouds.data ?? []).map((c) => [c.id, c.name]));
  return (
    <Stack gap="md" component="section" aria-label="Listeners" className={classes.listeners}>
      {views.map((view) => (
        <ListenerCard
          key={view.config.id}
          view={view}
          cloudName={cloudNames.get(view.config.cloudId) ?? view.config.cloudId}
          onEdit={() => onEdit(view.config)}
          onRemove={() => onRemove(view)}
          onFilter={(status) => showRequests(view.config.id, status)}
          activeFilter={activeOf(view.config.id)}
        />
      ))}
    </Stack>
  );
}

/** The live request log with its filter, kept across navigation. */
function LogSection({ views, onOpen }: { views: ListenerView[]; onOpen: (entry: ProxyLogEntry) => void }) {
  const log = useProxyLog();
  const clear = useClearLog();
  const exportLog = useExportLog();
  const [filter, setFilter] = usePageState<LogFilter>(filterKey, emptyFilter);
  const [follow, setFollow] = usePageState(pageStateKey('proxy', null, 'follow'), true);
  if (log.isError)
    return <ErrorAlert error={log.error} title="The request log could not be loaded" onRetry={() => log.refetch()} />;
  if (log.isPending) return <LoadingState label="Loading the request log…" />;
  return (
    <RequestLog
      entries={log.data}
      listeners={views}
      filter={filter}
      onFilterChange={setFilter}
      follow={follow}
      onFollowChange={setFollow}
      onOpen={onOpen}
      onClear={() => clear.mutate()}
      clearing={clear.isPending}
      onExport={(shown) =>
        exportLog.mutate(
          shown.map((e) => e.seq),
          {
            onSuccess: (saved) =>
              saved &&
              notifications.show({
                color: 'green',
                title: 'Log exported',
                message: `${saved.lines} request${saved.lines === 1 ? '' : 's'} written to ${saved.path}`,
              }),
            onError: (error) =>
              notifications.show({ color: 'red', title: 'The log was not exported', message: error.message }),
          },
        )
      }
      exporting={exportLog.isPending}
    />
  );
}

/** The local metadata proxy: listeners (start, stop, edit, delete), their counters and the live request log. */
export function ProxyPage() {
  const listeners = useListeners();
  const { selectedCloudId } = useNavigation();
  const form = useListenerEditing();
  const [removing, setRemoving] = useState<ListenerView | null>(null);
  const [opened, setOpened] = useState<ProxyLogEntry | null>(null);
  const views = listeners.data ?? [];
  const names = useProxyNames(views);
  const openNew = () => form.edit('new');

  return (
    <ProxyNamesProvider value={names}>
      <Stack gap="lg" maw={1280} h="100%">
        <PageHeader
          title="Metadata proxy"
          description="Serve instance metadata from this machine, as the namespace proxy and neutron-metadata-agent would, forwarding to the cloud's nova-api-metadata."
          actions={views.length > 0 && <NewListenerButton onClick={openNew} />}
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
            description={emptyDescription}
          >
            <NewListenerButton onClick={openNew} />
          </EmptyState>
        )}
        {views.length > 0 && <Listeners views={views} onEdit={form.edit} onRemove={setRemoving} />}
        <LogSection views={views} onOpen={setOpened} />
        <ListenerFormModal
          opened={form.editing !== null}
          onClose={form.close}
          listener={form.editing && form.editing !== 'new' ? form.editing : undefined}
          prefill={form.prefill}
          defaultCloudId={selectedCloudId}
        />
        <LogEntryDrawer
          entry={opened}
          listener={views.find((v) => v.config.id === opened?.listenerId) ?? null}
          onClose={() => setOpened(null)}
        />
        <RemoveListenerModal removing={removing} onClose={() => setRemoving(null)} />
      </Stack>
    </ProxyNamesProvider>
  );
}
