import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleCloud } from '@shared/topology/testing/sample-cloud';
import type { Dialogs } from '../ports';
import { TopologyService } from './topology-service';

const dir = mkdtempSync(join(tmpdir(), 'sl-topology-'));
const resourcesDir = resolve(__dirname, '../../../resources');

function service(answers: { open?: string | null; save?: string | null }) {
  const dialogs: Dialogs = {
    openFile: async () => answers.open ?? null,
    saveFile: async () => answers.save ?? null,
    confirm: async () => false,
  };
  const sessions = {
    client: () => {
      throw new Error('no live session in these tests');
    },
    info: () => {
      throw new Error('no live session in these tests');
    },
  };
  return new TopologyService({ sessions, emit: () => undefined, dialogs, resourcesDir });
}

describe('TopologyService snapshots', () => {
  it('exports and re-opens a snapshot, marked offline with its file name', async () => {
    const path = join(dir, 'export.json');
    const snapshot = sampleCloud();
    expect(await service({ save: path }).saveSnapshot(snapshot)).toEqual({ path });
    const text = readFileSync(path, 'utf8');
    expect(JSON.parse(text).source).not.toHaveProperty('file');
    const opened = await service({ open: path }).openSnapshot();
    expect(opened?.source).toMatchObject({ offline: true, file: 'export.json', cloudName: 'sample-lab' });
    expect(opened?.ports).toEqual(snapshot.ports);
  });

  it('returns null when a dialog is cancelled', async () => {
    expect(await service({}).saveSnapshot(sampleCloud())).toBeNull();
    expect(await service({}).openSnapshot()).toBeNull();
  });

  it('opens the bundled sample', async () => {
    const sample = await service({}).openSample();
    expect(sample.source).toMatchObject({ sample: true, offline: true, cloudName: 'sample-lab' });
    expect(sample.servers).toHaveLength(10);
  });

  it.each([
    [
      'a truncated file',
      (p: string) => writeFileSync(p, JSON.stringify(sampleCloud()).slice(0, 100)),
      'CONFIG_INVALID',
      /truncated\.json: The file is not valid JSON/,
      /Export/,
    ],
    [
      'an old version',
      (p: string) => writeFileSync(p, JSON.stringify({ ...sampleCloud(), version: 0 })),
      'CONFIG_INVALID',
      /version 0/,
      /StackLens version that saved it/,
    ],
    [
      'some other JSON',
      (p: string) => writeFileSync(p, '{"clouds":{}}'),
      'CONFIG_INVALID',
      /not a StackLens topology snapshot/,
      /Export/,
    ],
    ['a missing file', () => undefined, 'NOT_FOUND', /does not exist/, /another file/],
  ])('refuses %s with a clear error', async (what, write, code, message, hint) => {
    const path = join(dir, what === 'a truncated file' ? 'truncated.json' : `${what.replace(/ /g, '-')}.json`);
    write(path);
    await expect(service({ open: path }).openSnapshot()).rejects.toMatchObject({
      code,
      message: expect.stringMatching(message),
      hint: expect.stringMatching(hint),
    });
  });

  it('refuses to save a snapshot that does not validate', async () => {
    const bad = { ...sampleCloud(), ports: [{ id: 'x' }] } as never;
    await expect(service({ save: join(dir, 'bad.json') }).saveSnapshot(bad)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});
