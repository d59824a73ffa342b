/**
 * The ports: what the composition root hands the leaf modules from outside plain Node. The
 * Electron shell implements them with safeStorage, native dialogs and webContents.send; the
 * browser test bridge and the unit tests with a key file, preset answers and a recorder. Leaf
 * modules import these types from here, never from services.ts, so nothing depends on the root.
 */
import type { EventName, EventPayloads } from '@shared/ipc/events';

/** Sends a main -> renderer event (webContents.send in Electron, page.evaluate in the bridge). */
export type EmitEvent = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

/** Encrypts secrets at rest: Electron safeStorage in the app, a key-file AES-GCM in plain Node. */
export interface SecretCipher {
  readonly kind: string;
  isAvailable(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

/** Native file dialogs (Electron) or preset answers (tests). null = cancelled. */
export interface Dialogs {
  openFile(options: { title: string; filters?: Array<{ name: string; extensions: string[] }> }): Promise<string | null>;
  saveFile(options: { title: string; defaultName: string }): Promise<string | null>;
  /**
   * A yes/no question main asks itself (e.g. exposing a proxy listener on the network): true only
   * when the admin chose `confirmLabel`. Never a flag the renderer sends.
   */
  confirm(options: { title: string; message: string; detail: string; confirmLabel: string }): Promise<boolean>;
}

/** The system browser (Electron's shell.openExternal in the app). Only external-links.ts calls it. */
export interface ExternalLinks {
  open(url: string): Promise<void>;
}
