import type {
  CloudInput,
  CloudSummary,
  DiscoveryReport,
  ImportResult,
  ProjectRef,
  SessionInfo,
  TlsFileKind,
  TlsFilePick,
} from '../models/cloud';

/** Cloud configuration and sessions. Secrets only ever travel renderer -> main, typed by the user. */
export const cloudsChannels = [
  'clouds:list',
  'clouds:discover',
  'clouds:importDiscovered',
  'clouds:importFile',
  'clouds:chooseTlsFile',
  'clouds:save',
  'clouds:remove',
  'session:list',
  'session:connect',
  'session:disconnect',
  'session:projects',
  'session:switchProject',
  'session:switchRegion',
] as const;

export interface CloudsContract {
  'clouds:list': { request: void; response: CloudSummary[] };
  /** Looks for clouds.yaml / secure.yaml / OS_* in openstacksdk's order and says what it found. */
  'clouds:discover': { request: void; response: DiscoveryReport };
  /** Imports the discovered clouds (all, or the named ones). */
  'clouds:importDiscovered': { request: { names?: string[] }; response: ImportResult };
  /**
   * Imports a clouds.yaml (secure.yaml beside it is merged) or an openrc file the admin picks in
   * main's native dialog; null when cancelled. The renderer never names a path main reads.
   */
  'clouds:importFile': { request: { kind?: 'clouds' | 'openrc' }; response: ImportResult | null };
  /**
   * The admin picks a CA bundle, client certificate or key in main's native dialog; main reads it
   * (a regular PEM file under 256 KiB) and answers with a pick id for clouds:save. null = cancelled.
   */
  'clouds:chooseTlsFile': { request: { kind: TlsFileKind }; response: TlsFilePick | null };
  'clouds:save': { request: CloudInput; response: CloudSummary };
  'clouds:remove': { request: { cloudId: string }; response: void };
  'session:list': { request: void; response: SessionInfo[] };
  /** password: typed by the user when the cloud has none stored; remember stores it in the vault. */
  'session:connect': { request: { cloudId: string; password?: string; remember?: boolean }; response: SessionInfo };
  'session:disconnect': { request: { cloudId: string }; response: void };
  'session:projects': { request: { cloudId: string }; response: ProjectRef[] };
  'session:switchProject': { request: { cloudId: string; projectId: string }; response: SessionInfo };
  /**
   * Re-points the session's Neutron / Nova clients at another region of its catalog, named as in
   * SessionInfo.regions; main maps the name to endpoints (the renderer never sends a URL) and
   * remembers it for the cloud's next connect.
   */
  'session:switchRegion': { request: { cloudId: string; region: string }; response: SessionInfo };
}
