/** Saves a metadata document's bytes, byte-exact, to a file the user picks in a native dialog. */
import { basename } from 'node:path';
import type { Dialogs } from '../ports';
import { savePrivateFile } from '../save-private-file';

/** 16 MiB of bytes as base64 (nova caps user_data at 64 KiB; a crawl document is far smaller). */
export const MAX_SAVE_BASE64 = Math.ceil((16 * 1024 * 1024) / 3) * 4;

/** A file name without directories or characters file systems reject. */
export function safeFileName(name: string): string {
  const cleaned = basename(name.replace(/\\/g, '/'))
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^\.+/, '');
  return cleaned.slice(0, 120) || 'metadata.bin';
}

export async function saveDocument(
  dialogs: Dialogs,
  suggestedName: string,
  base64: string,
): Promise<{ path: string; bytes: number } | null> {
  const bytes = Buffer.from(base64, 'base64');
  const path = await savePrivateFile(
    dialogs,
    { title: 'Save metadata document', defaultName: safeFileName(suggestedName) },
    bytes,
  );
  return path ? { path, bytes: bytes.length } : null;
}
