/** Writes what the admin asked to keep to a file picked in main's native save dialog, readable by them alone. */
import { writeFile } from 'node:fs/promises';
import { AppError } from './errors';
import type { Dialogs } from './ports';

/** The picked path, or null when the dialog was cancelled; an unwritable place is a clear error. */
export async function savePrivateFile(
  dialogs: Pick<Dialogs, 'saveFile'>,
  dialog: { title: string; defaultName: string },
  data: string | Uint8Array,
): Promise<string | null> {
  const path = await dialogs.saveFile(dialog);
  if (!path) return null;
  try {
    // 0600: logs and documents may hold user_data, tokens in URLs, instance names.
    await writeFile(path, data, { mode: 0o600 });
  } catch (err) {
    throw new AppError(
      'CONFIG_INVALID',
      `${path} could not be written (${(err as NodeJS.ErrnoException).code ?? 'error'}).`,
      'Pick a folder you can write to.',
      { file: path },
    );
  }
  return path;
}
