/** Listener settings in `<dataDir>/proxy-listeners.json` through the credentials' atomic JSON store. */
import { join } from 'node:path';
import { z } from 'zod';
import type { ListenerConfig } from '@shared/models/proxy';
import { JsonFileStore, type CorruptionNotice } from '../credentials/settings-store';
import { normaliseListener } from './listener-config';
import type { ListenerStore } from './proxy-service';

const fileSchema = z.object({ version: z.literal(1), listeners: z.array(z.unknown()) });

interface ListenerFile {
  version: 1;
  listeners: ListenerConfig[];
}

/** The file store; each saved listener is checked again on load (a bad one makes the file corrupt). */
export function createListenerStore(dataDir: string, onCorrupt?: (notice: CorruptionNotice) => void): ListenerStore {
  const store = new JsonFileStore<ListenerFile>({
    path: join(dataDir, 'proxy-listeners.json'),
    label: 'proxy listeners',
    parse: (data) => {
      const file = fileSchema.parse(data);
      return {
        version: 1,
        listeners: file.listeners.map((l) => {
          // The token is main's own field: not part of what the form may send, restored as it was.
          const { token, ...input } = l as ListenerConfig;
          return normaliseListener(input, { token });
        }),
      };
    },
    defaults: () => ({ version: 1, listeners: [] }),
    onCorrupt,
  });
  return {
    load: async () => store.read().listeners,
    save: async (listeners) => store.write({ version: 1, listeners }),
  };
}
