/** App-level channels: version, paths, external links. */
export const appChannels = ['app:info', 'app:openExternal'] as const;

export interface AppInfo {
  version: string;
  platform: string;
  settingsDir: string;
  /** 'electron' in the real app, 'bridge' in the browser test harness. */
  shell: 'electron' | 'bridge';
}

export interface AppContract {
  'app:info': { request: void; response: AppInfo };
  /** Opens an https URL in the system browser; only on a user action. */
  'app:openExternal': { request: { url: string }; response: void };
}
