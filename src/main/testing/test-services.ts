/**
 * Main's services as the tests build them: createServices() over a fresh temp data dir, a
 * key-file cipher, dialogs that cancel, an empty environment, and events and log lines collected
 * for the test to read. Any option can be overridden; dialog methods not given cancel.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileKeyCipher } from '../credentials/file-key-cipher';
import { createServices, type ServiceOptions, type Services } from '../services';

type Dialogs = ServiceOptions['dialogs'];

export interface TestServiceOptions extends Partial<Omit<ServiceOptions, 'dialogs'>> {
  dialogs?: Partial<Dialogs>;
}

export interface TestServices {
  services: Services;
  dataDir: string;
  /** Every main -> renderer event the services emitted (unless `emit` was overridden). */
  events: Array<{ event: string; payload: unknown }>;
  /** Every log line (unless `log` was overridden). */
  logs: string[];
}

/** The given dialog methods (called as methods: a class instance works), the rest cancel. */
function withCancelling(d: Partial<Dialogs> = {}): Dialogs {
  return {
    openFile: async (o) => (d.openFile ? d.openFile(o) : null),
    saveFile: async (o) => (d.saveFile ? d.saveFile(o) : null),
    confirm: async (o) => (d.confirm ? d.confirm(o) : false),
  };
}

export function createTestServices(overrides: TestServiceOptions = {}): TestServices {
  const { dialogs, ...rest } = overrides;
  const dataDir = rest.dataDir ?? mkdtempSync(join(tmpdir(), 'sl-test-'));
  const events: TestServices['events'] = [];
  const logs: string[] = [];
  const services = createServices({
    dataDir,
    cipher: new FileKeyCipher(join(dataDir, 'vault.key')),
    emit: (event, payload) => events.push({ event, payload }),
    env: {},
    cwd: dataDir,
    homeDir: dataDir,
    appVersion: 'test',
    shell: 'bridge',
    resourcesDir: dataDir,
    log: (line) => logs.push(line),
    ...rest,
    dialogs: withCancelling(dialogs),
  });
  return { services, dataDir, events, logs };
}
