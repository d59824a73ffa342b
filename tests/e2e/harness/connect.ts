import type { CloudSummary } from '../../../src/shared/models/cloud';
import type { AppHarness } from '../fixtures';

export interface ConnectOptions {
  /** Clouds imported beside it, not connected (the clouds page and the switcher list them). */
  alsoImport?: string[];
  /** Runs in main once connected, before the page loads: settings, listeners, traffic. */
  beforeOpen?: (cloud: CloudSummary) => unknown;
}

/**
 * The preamble of most lab specs: imports `name` (and `alsoImport`) from the clouds.yaml the
 * spec's env points at, connects it in main and loads the page. The clouds UI has its own specs.
 */
export async function connectCloud(
  app: AppHarness,
  name = 'lab-admin',
  options: ConnectOptions = {},
): Promise<CloudSummary> {
  const result = await app.services.clouds.importDiscovered([name, ...(options.alsoImport ?? [])]);
  const cloud = result.imported.find((c) => c.name === name);
  if (!cloud) throw new Error(`${name} was not imported: ${JSON.stringify(result.skipped)}`);
  await app.services.sessions.connect(cloud.id);
  await options.beforeOpen?.(cloud);
  await app.open();
  return cloud;
}
