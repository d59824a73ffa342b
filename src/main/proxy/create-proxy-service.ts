/**
 * Wires the proxy service into main's composition root: listeners in the data dir, backends from
 * the cloud's live session and its metadata settings, events to the renderer.
 */
import type { Dialogs, EmitEvent } from '../ports';
import type { CorruptionNotice } from '../credentials/settings-store';
import type { MetadataConfigStore } from '../metadata/metadata-config';
import type { SessionManager } from '../sessions/session-manager';
import { createListenerStore } from './listener-store';
import { createMetadataBackend } from './metadata-backend';
import { ProxyService } from './proxy-service';
import { visibilityFor } from '../sessions/access';

export interface ProxyWiring {
  dataDir: string;
  sessions: Pick<SessionManager, 'client' | 'info' | 'isConnected'>;
  metadataConfig: Pick<MetadataConfigStore, 'target' | 'cacheTtlMs'>;
  emit: EmitEvent;
  log: (line: string) => void;
  onCorrupt?: (notice: CorruptionNotice) => void;
  /** Asks before a listener binds a non-loopback address. */
  dialogs?: Pick<Dialogs, 'confirm'>;
}

export function createProxyService(w: ProxyWiring): ProxyService {
  return new ProxyService({
    store: createListenerStore(w.dataDir, w.onCorrupt),
    log: w.log,
    confirmExposure: w.dialogs
      ? (config) =>
          w.dialogs!.confirm({
            title: 'Expose instance metadata on the network?',
            message: `Start listener "${config.name}" on ${config.host}?`,
            detail: `Anyone who can reach ${config.host} will get any instance's metadata: user data, SSH keys, passwords. Only do this on an isolated lab network.`,
            confirmLabel: 'Expose and start',
          })
      : undefined,
    sink: {
      status: (status) => w.emit('proxy:status', status),
      requests: (entries) => w.emit('proxy:request', { entries }),
    },
    backendFactory: async (cloudId, { useCache }) => {
      // Fail the start early with the fix (connect first, set the nova URL and secret) rather
      // than answering every request with 500.
      const cloudName = w.sessions.info(cloudId).cloudName;
      w.metadataConfig.target(cloudId, cloudName);
      return createMetadataBackend({
        client: () => w.sessions.client(cloudId),
        target: () =>
          w.metadataConfig.target(
            cloudId,
            w.sessions.isConnected(cloudId) ? w.sessions.info(cloudId).cloudName : cloudName,
          ),
        visibility: () =>
          w.sessions.isConnected(cloudId) ? visibilityFor(w.sessions.info(cloudId).isAdmin) : undefined,
        useCache,
        cacheTtlMs: w.metadataConfig.cacheTtlMs(cloudId),
      });
    },
  });
}
