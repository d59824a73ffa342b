/**
 * Names for the proxy page: listeners point at resources of their clouds by id; the page loads
 * each connected cloud's topology once (the pickers' cache) and shows "alpha-router (716a…)" with
 * a copy button and a link to the topology row.
 */
import { createContext, useContext } from 'react';
import { Text } from '@mantine/core';
import type { ListenerView } from '@shared/models/proxy';
import type { TopologySnapshot } from '@shared/models/topology';
import { buildTopologyModel, type TopologyModel } from '@shared/topology';
import { usePickerTopologies, useSessions } from '../../api';
import { useNavigation } from '../../app/navigation';
import { ShortId } from '../../components/ShortId';
import { modelName } from '../../components/model-names';
import type { NamedRef, Segments } from './listener-text';

export interface ProxyNames {
  /** The resource's name in its cloud's topology; null when unknown (the id is shown then). */
  name: (cloudId: string, ref: NamedRef) => string | null;
  /** The cloud's loaded topology (traces name what they pass through with it). */
  model: (cloudId: string) => TopologyModel | null;
}

const NamesContext = createContext<ProxyNames>({ name: () => null, model: () => null });

/** Built once per fetched snapshot (a refetch brings a new one). */
const built = new WeakMap<TopologySnapshot, TopologyModel>();
function modelOf(snapshot: TopologySnapshot): TopologyModel {
  let model = built.get(snapshot);
  if (!model) built.set(snapshot, (model = buildTopologyModel(snapshot)));
  return model;
}

/** Names from the topologies of the clouds the listeners use (connected ones). */
export function useProxyNames(views: readonly ListenerView[]): ProxyNames {
  const sessions = useSessions();
  const wanted = new Set(views.map((v) => v.config.cloudId));
  const used = (sessions.data ?? []).filter((s) => wanted.has(s.cloudId));
  const results = usePickerTopologies(used);
  const models = new Map<string, TopologyModel>();
  used.forEach((s, i) => {
    const snapshot = results[i]?.data;
    if (snapshot) models.set(s.cloudId, modelOf(snapshot));
  });
  return {
    name: (cloudId, ref) => modelName(models.get(cloudId), ref.kind, ref.id),
    model: (cloudId) => models.get(cloudId) ?? null,
  };
}

export const ProxyNamesProvider = NamesContext.Provider;

const nouns: Record<NamedRef['kind'], string> = {
  server: 'instance',
  router: 'router',
  network: 'network',
  project: 'project',
};

/** One resource: "alpha-router (716a…)", copy button, and (not for projects) a link to its topology row. */
export function ProxyEntity({ cloudId, refTo, size }: { cloudId: string; refTo: NamedRef; size?: 'xs' | 'sm' }) {
  const { name } = useContext(NamesContext);
  const { navigate } = useNavigation();
  const { kind, id } = refTo;
  const open = kind === 'project' ? undefined : () => navigate({ page: 'topology', cloudId, focus: { kind, id } });
  return <ShortId value={id} name={name(cloudId, refTo)} noun={nouns[kind]} onOpen={open} size={size} />;
}

/** A sentence with its resources named. */
export function NamedText({ cloudId, segments }: { cloudId: string; segments: Segments }) {
  return (
    <Text size="sm" c="dimmed" component="div" style={{ overflowWrap: 'anywhere' }}>
      {segments.map((s, i) =>
        typeof s === 'string' ? s : <ProxyEntity key={`${s.kind}-${s.id}-${i}`} cloudId={cloudId} refTo={s} />,
      )}
    </Text>
  );
}

export function useNames(): ProxyNames {
  return useContext(NamesContext);
}
