/** Pure helpers for showing metadata documents: bytes from base64, hex dumps, sizes, file names. */
import type { MetadataDocument } from '@shared/models/metadata';

/** The document's bytes (decoded from base64 without atob's Latin-1 string detour). */
export function bytesOf(base64: string): Uint8Array {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** `00000000  23 21 2f 62 ...  |#!/b...|` lines, at most `maxBytes` bytes. */
export function hexDump(bytes: Uint8Array, maxBytes = 4096): string {
  const lines: string[] = [];
  const n = Math.min(bytes.length, maxBytes);
  for (let off = 0; off < n; off += 16) {
    const row = bytes.subarray(off, Math.min(off + 16, n));
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  |${ascii}|`);
  }
  if (bytes.length > n) lines.push(`… ${bytes.length - n} more bytes (save the document to see all of it)`);
  return lines.join('\n');
}

/** 1 B, 1.5 KiB, 2.0 MiB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

/** A file name for saving: instance id + the path's last segments (user_data, meta_data.json...). */
export function fileNameFor(doc: Pick<MetadataDocument, 'path'>, instanceId: string): string {
  const parts = doc.path.split('/').filter(Boolean);
  const tail = parts.slice(-2).join('-') || 'metadata';
  return `${instanceId.slice(0, 8)}-${tail}`.replace(/[^A-Za-z0-9._-]+/g, '_');
}

/** The views a document offers, best first: pretty JSON, text, then hex (always) and base64. */
export function viewsOf(doc: MetadataDocument): Array<'json' | 'text' | 'hex' | 'base64'> {
  const views: Array<'json' | 'text' | 'hex' | 'base64'> = [];
  if (doc.prettyJson !== undefined) views.push('json');
  if (doc.text !== undefined) views.push('text');
  views.push('hex', 'base64');
  return views;
}

/** Short label of a document in the list: the path under the tree's root. */
export function documentLabel(doc: Pick<MetadataDocument, 'path' | 'tree'>): string {
  if (doc.tree === 'openstack')
    return doc.path === '/openstack' ? 'versions' : doc.path.replace('/openstack/latest/', '');
  return doc.path.replace('/latest/', '') || doc.path;
}
