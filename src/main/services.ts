/**
 * The composition root shared by the Electron shell and the browser test bridge: both build their
 * services here, so the e2e tests exercise exactly the handlers the app runs. It only wires: the
 * shell passes its Electron-backed pieces (ports.ts: cipher, dialogs, event sink) in, and no leaf
 * module imports this file.
 */
import { join } from 'node:path';
import { CloudStore } from './credentials/cloud-store';
import { Vault } from './credentials/vault';
import { TlsFilePicker } from './tls-files';
import { SessionManager } from './sessions/session-manager';
import { RegionMemory } from './sessions/region-memory';
import { MetadataConfigStore } from './metadata/metadata-config';
import { MetadataService } from './metadata/metadata-service';
import { TopologyService } from './topology/topology-service';
import { DoctorService } from './doctor/doctor-service';
import { createProxyService } from './proxy/create-proxy-service';
import type { ProxyService } from './proxy/proxy-service';
import type { Dialogs, EmitEvent, ExternalLinks, SecretCipher } from './ports';

export interface ServiceOptions {
  /** Where settings, the vault and snapshots live (Electron's userData in the app). */
  dataDir: string;
  cipher: SecretCipher;
  dialogs: Dialogs;
  /** The system browser for https links; absent in the test bridge, which opens none. */
  external?: ExternalLinks;
  emit: EmitEvent;
  /** Environment for OS_* / OS_CLIENT_CONFIG_FILE discovery (process.env in the app). */
  env: Record<string, string | undefined>;
  /** For clouds.yaml discovery: the current dir and the home dir. */
  cwd: string;
  homeDir: string;
  appVersion: string;
  shell: 'electron' | 'bridge';
  /** Directory of bundled resources (the sample snapshot). */
  resourcesDir: string;
  log: (line: string) => void;
}

export interface Services {
  options: ServiceOptions;
  /** Encrypted secrets per cloud id. */
  vault: Vault;
  /** Configured clouds (clouds.json) and imports. */
  clouds: CloudStore;
  /** CA bundle / client cert / key files picked in main's dialog, for clouds:save and metadata:saveConfig. */
  tlsFiles: TlsFilePicker;
  /** Live Keystone sessions; `sessions.client(cloudId)` is the ServiceClient for every feature. */
  sessions: SessionManager;
  /** Metadata config (nova URL, TLS, shared secret in the vault), resolution and lookups. */
  metadataConfig: MetadataConfigStore;
  metadata: MetadataService;
  /** Topology fetches (every page, in parallel), snapshot export / open, the bundled sample. */
  topology: TopologyService;
  /** The metadata doctor: per instance, per scope, or from a snapshot. */
  doctor: DoctorService;
  /** The local metadata proxy's listeners (restored stopped) and request log. */
  proxy: ProxyService;
  /** Quit cleanup (the shell calls it): proxy listeners stop gracefully. */
  dispose: () => Promise<void>;
}

export function createServices(options: ServiceOptions): Services {
  const onCorrupt = (n: { path: string; movedTo: string; reason: string }) =>
    options.log(`settings file ${n.path} was corrupt (${n.reason}); kept as ${n.movedTo}`);
  const vault = new Vault(join(options.dataDir, 'vault.json'), options.cipher, onCorrupt);
  const clouds = new CloudStore(
    options.dataDir,
    vault,
    { env: options.env, cwd: options.cwd, homeDir: options.homeDir },
    onCorrupt,
  );
  const tlsFiles = new TlsFilePicker(options.dialogs);
  const sessions = new SessionManager({
    clouds,
    emit: options.emit,
    log: options.log,
    userAgent: `StackLens/${options.appVersion}`,
    regions: new RegionMemory(options.dataDir, onCorrupt),
  });
  const metadataConfig = new MetadataConfigStore(options.dataDir, vault, onCorrupt);
  const metadata = new MetadataService({ sessions, config: metadataConfig });
  const topology = new TopologyService({
    sessions,
    emit: options.emit,
    dialogs: options.dialogs,
    resourcesDir: options.resourcesDir,
    log: options.log,
    pageSize: Number(options.env.STACKLENS_PAGE_SIZE) || undefined,
  });
  const proxy = createProxyService({
    dataDir: options.dataDir,
    sessions,
    metadataConfig,
    emit: options.emit,
    log: options.log,
    onCorrupt,
    dialogs: options.dialogs,
  });
  const doctor = new DoctorService({
    sessions,
    config: metadataConfig,
    log: options.log,
    pageSize: Number(options.env.STACKLENS_PAGE_SIZE) || undefined,
  });
  const dispose = () => proxy.stopAll();
  return { options, vault, clouds, tlsFiles, sessions, metadataConfig, metadata, topology, doctor, proxy, dispose };
}
