import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProxyLogEntry } from '@shared/models/proxy';
import { exportFileName, exportLog } from './export-log';

const entry = (seq: number, status: number): ProxyLogEntry => ({
  seq,
  listenerId: 'l1',
  time: '2026-12-01T03:15:00.000Z',
  source: '10.0.0.10',
  peer: '127.0.0.1',
  method: 'GET',
  path: `/openstack/latest/meta_data.json?n=${seq}`,
  status,
  latencyMs: 3,
  hasTrace: false,
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stacklens-export-log-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('exportLog', () => {
  it('writes one JSON object a line, owner-only, to the file picked in the dialog', async () => {
    const path = join(dir, 'log.jsonl');
    const asked: string[] = [];
    const dialogs = {
      saveFile: async ({ title, defaultName }: { title: string; defaultName: string }) => {
        asked.push(`${title}: ${defaultName}`);
        return path;
      },
    };
    const result = await exportLog(dialogs, [entry(1, 200), entry(2, 404)], new Date('2026-12-01T03:15:00Z'));
    expect(result).toEqual({ path, lines: 2 });
    expect(asked).toEqual(['Export the request log: stacklens-proxy-log-2026-12-01T031500.jsonl']);
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => (JSON.parse(l) as ProxyLogEntry).status)).toEqual([200, 404]);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('writes nothing when the dialog is cancelled', async () => {
    expect(await exportLog({ saveFile: async () => null }, [entry(1, 200)])).toBeNull();
  });

  it('says which file could not be written', async () => {
    const path = join(dir, 'missing-dir', 'log.jsonl');
    await expect(exportLog({ saveFile: async () => path }, [entry(1, 200)])).rejects.toThrow(path);
  });

  it('names the file after the moment, without characters Windows rejects', () => {
    expect(exportFileName(new Date('2026-01-02T03:04:05.678Z'))).toBe('stacklens-proxy-log-2026-01-02T030405.jsonl');
  });
});
