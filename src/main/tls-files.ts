/**
 * TLS files (CA bundle, client certificate, client key) of a cloud and of its nova metadata
 * settings are chosen in main's native dialog, never typed in the renderer: main reads the picked
 * file (a regular PEM file under 256 KiB, asynchronously), remembers it under a random pick id, and
 * clouds:save / metadata:saveConfig name the pick. One picker serves both (clouds:chooseTlsFile).
 * A compromised renderer can therefore point main only at files the admin chose.
 */
import { randomUUID } from 'node:crypto';
import type { TlsFileChoice, TlsFileKind, TlsFilePick } from '@shared/models/cloud';
import { AppError } from './errors';
import type { Dialogs } from './ports';
import { MAX_PEM_BYTES, readCappedFile } from './read-capped';

const labels: Record<TlsFileKind, string> = {
  cacert: 'CA bundle',
  cert: 'client certificate',
  key: 'client key',
};

/** What each kind of file must contain (a key is not a certificate, and the other way round). */
const pemPatterns: Record<TlsFileKind, RegExp> = {
  cacert: /-----BEGIN (TRUSTED )?CERTIFICATE-----/,
  cert: /-----BEGIN (TRUSTED )?CERTIFICATE-----/,
  key: /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/,
};

/** Picks not used by a save are forgotten past this many (a renderer cannot grow the map). */
const MAX_PENDING = 32;

/** Reads a PEM file with the shared capped reader; a clear CONFIG_INVALID when it is not one. */
export async function readPemFile(path: string, kind: TlsFileKind): Promise<Buffer> {
  const what = `${labels[kind]} file`;
  const hint = `Choose a PEM ${labels[kind]} (a regular file under 256 KiB).`;
  const data = await readCappedFile(path, { maxBytes: MAX_PEM_BYTES, what, hint });
  if (!pemPatterns[kind].test(data.toString('latin1'))) {
    throw new AppError('CONFIG_INVALID', `The ${what} ${path} holds no PEM ${labels[kind]}.`, hint, {
      file: path,
      option: kind,
    });
  }
  return data;
}

export class TlsFilePicker {
  private readonly pending = new Map<string, { kind: TlsFileKind; path: string }>();

  constructor(private readonly dialogs: Dialogs) {}

  /** Shows main's open dialog, checks the file, and returns its pick; null when cancelled. */
  async choose(kind: TlsFileKind): Promise<TlsFilePick | null> {
    const path = await this.dialogs.openFile({
      title: `Choose the ${labels[kind]}`,
      filters: [
        { name: 'PEM files', extensions: ['pem', 'crt', 'cer', 'key'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    if (!path) return null;
    await readPemFile(path, kind);
    const pick = randomUUID();
    this.pending.set(pick, { kind, path });
    while (this.pending.size > MAX_PENDING) this.pending.delete(this.pending.keys().next().value as string);
    return { pick, path };
  }

  /**
   * The path of a pick for clouds:save, null to remove the file, undefined to keep the stored one.
   * A pick main never made, or made for another kind, is refused. A pick stays valid (a save that
   * failed on another field can be retried) until MAX_PENDING newer ones push it out.
   */
  resolve(kind: TlsFileKind, choice: TlsFileChoice | undefined): string | null | undefined {
    if (choice === undefined || choice === null) return choice;
    const entry = this.pending.get(choice.pick);
    if (!entry || entry.kind !== kind) {
      throw new AppError(
        'INVALID_ARGUMENT',
        `No ${labels[kind]} was chosen under that pick.`,
        `Choose the ${labels[kind]} again with its "Choose…" button.`,
        { option: kind },
      );
    }
    return entry.path;
  }
}
