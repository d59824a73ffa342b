/**
 * Exports request-log entries as JSON lines (one entry a line, traces included, the shape the CLI's
 * `stacklens proxy` prints) to a file the admin picks in main's save dialog.
 */
import type { ProxyLogEntry } from '@shared/models/proxy';
import type { Dialogs } from '../ports';
import { savePrivateFile } from '../save-private-file';

/** JSON lines of the entries, oldest first. */
export function toJsonLines(entries: readonly ProxyLogEntry[]): string {
  return entries.map((e) => `${JSON.stringify(e)}\n`).join('');
}

/** "stacklens-proxy-log-2026-12-01T031500.jsonl" for `now`. */
export function exportFileName(now: Date): string {
  return `stacklens-proxy-log-${now.toISOString().slice(0, 19).replace(/:/g, '')}.jsonl`;
}

export async function exportLog(
  dialogs: Pick<Dialogs, 'saveFile'>,
  entries: readonly ProxyLogEntry[],
  now = new Date(),
): Promise<{ path: string; lines: number } | null> {
  const path = await savePrivateFile(
    dialogs,
    { title: 'Export the request log', defaultName: exportFileName(now) },
    toJsonLines(entries),
  );
  return path ? { path, lines: entries.length } : null;
}
