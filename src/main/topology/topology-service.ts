/**
 * The topology feature in main: live fetches for a connected cloud (one in flight per cloud and
 * scope, so auto-refresh never stacks requests), progress events, snapshot export / open, and the
 * bundled sample. No electron import: dialogs and events are passed in.
 */
import { join } from 'node:path';
import type { TopologyRequest } from '@shared/ipc/topology';
import type { TopologySnapshot } from '@shared/models/topology';
import type { SessionInfo } from '@shared/models/cloud';
import type { Dialogs, EmitEvent } from '../ports';
import type { ServiceClient } from '../openstack/service-client';
import { fetchTopology, type FetchScope } from './fetch-topology';
import { readSnapshotFile, writeSnapshotFile } from './snapshot-file';

/** What the service needs from the session manager. */
export interface TopologySessions {
  client(cloudId: string): ServiceClient;
  info(cloudId: string): SessionInfo;
}

export interface TopologyServiceOptions {
  sessions: TopologySessions;
  emit: EmitEvent;
  dialogs: Dialogs;
  resourcesDir: string;
  /** Neutron / Nova page size; tests use a small one. */
  pageSize?: number;
  log?: (line: string) => void;
}

export const SAMPLE_FILE = 'sample-topology.json';

/** The fetch scope for a session and request. */
export function scopeFor(info: SessionInfo, request: TopologyRequest): FetchScope {
  const project = info.scope.kind === 'project' ? info.scope : undefined;
  return {
    cloudName: info.cloudName,
    region: info.region,
    isAdmin: info.isAdmin,
    sessionProjectId: project?.id,
    sessionProjectName: project?.name,
    allProjects: !!request.allProjects,
    projectId: request.allProjects ? request.projectId || undefined : undefined,
  };
}

export class TopologyService {
  private readonly inflight = new Map<string, Promise<TopologySnapshot>>();

  constructor(private readonly opts: TopologyServiceOptions) {}

  /** Fetches the topology; a second call for the same cloud and scope joins the one in flight. */
  get(request: TopologyRequest): Promise<TopologySnapshot> {
    const { cloudId } = request;
    const info = this.opts.sessions.info(cloudId);
    const scope = scopeFor(info, request);
    // A region switch is another fetch: one in flight for the old region must not answer it.
    const key = JSON.stringify([cloudId, scope.allProjects, scope.projectId ?? '', info.scope, info.region ?? '']);
    const running = this.inflight.get(key);
    if (running) return running;
    const run = fetchTopology(this.opts.sessions.client(cloudId), scope, {
      pageSize: this.opts.pageSize,
      onProgress: (p) => this.opts.emit('topology:progress', { cloudId, ...p }),
    })
      .then((snapshot) => {
        const s = snapshot.stats;
        this.opts.log?.(
          `topology ${info.cloudName}: ${s.apiCalls} calls, ${s.pages} pages, ${snapshot.ports.length} ports, ${snapshot.servers.length} servers in ${s.durationMs} ms`,
        );
        return snapshot;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, run);
    return run;
  }

  /** Asks where to save, then writes the snapshot; null when the user cancels. */
  async saveSnapshot(snapshot: TopologySnapshot): Promise<{ path: string } | null> {
    const day = snapshot.fetchedAt.slice(0, 10);
    const cloud = snapshot.source.cloudName.replace(/[^A-Za-z0-9._-]+/g, '-') || 'cloud';
    const path = await this.opts.dialogs.saveFile({
      title: 'Export topology snapshot',
      defaultName: `stacklens-topology-${cloud}-${day}.json`,
    });
    if (!path) return null;
    await writeSnapshotFile(path, snapshot);
    return { path };
  }

  /** Asks for a snapshot file and opens it offline; null when the user cancels. */
  async openSnapshot(): Promise<TopologySnapshot | null> {
    const path = await this.opts.dialogs.openFile({
      title: 'Open topology snapshot',
      filters: [{ name: 'StackLens topology', extensions: ['json'] }],
    });
    if (!path) return null;
    return readSnapshotFile(path);
  }

  /** The bundled sample: a realistic small cloud for a first start without one. */
  async openSample(): Promise<TopologySnapshot> {
    const snapshot = await readSnapshotFile(join(this.opts.resourcesDir, SAMPLE_FILE));
    return { ...snapshot, source: { ...snapshot.source, sample: true } };
  }
}
