import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors';
import { FileKeyCipher } from './file-key-cipher';
import { JsonFileStore, writeFileAtomic, type CorruptionNotice } from './settings-store';
import { Vault } from './vault';

const schema = z.object({ n: z.number() });

function store(dir: string, notices: CorruptionNotice[] = []) {
  return new JsonFileStore({
    path: join(dir, 'settings.json'),
    parse: (d) => schema.parse(d),
    defaults: () => ({ n: 0 }),
    onCorrupt: (x) => notices.push(x),
    label: 'test settings',
  });
}

describe('JsonFileStore', () => {
  it('starts from defaults, writes atomically with mode 0600, leaves no temp files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-set-'));
    const s = store(join(dir, 'sub'));
    expect(s.read()).toEqual({ n: 0 });
    s.update((d) => {
      d.n = 5;
    });
    expect(JSON.parse(readFileSync(s.path, 'utf8'))).toEqual({ n: 5 });
    expect(statSync(s.path).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['settings.json']);
    expect(store(join(dir, 'sub')).read()).toEqual({ n: 5 });
  });

  it.each([
    ['not JSON', '{"n": 1'],
    ['fails validation', '{"n": "one"}'],
  ])('a corrupt file (%s) is moved aside and reported, never emptied', (_n, content) => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-set-'));
    writeFileSync(join(dir, 'settings.json'), content);
    const notices: CorruptionNotice[] = [];
    const s = store(dir, notices);
    let err: unknown;
    try {
      s.read();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('CONFIG_INVALID');
    expect((err as AppError).message).toContain('test settings file');
    expect(notices).toHaveLength(1);
    expect(notices[0].movedTo).toMatch(/settings\.json\.corrupt-\d{4}-/);
    expect(readFileSync(notices[0].movedTo, 'utf8')).toBe(content);
    expect(existsSync(join(dir, 'settings.json'))).toBe(false);
    expect(s.read()).toEqual({ n: 0 });
  });

  it('writeFileAtomic replaces content whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-set-'));
    const p = join(dir, 'f.txt');
    writeFileAtomic(p, 'one');
    writeFileAtomic(p, 'two');
    expect(readFileSync(p, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['f.txt']);
  });
});

describe('Vault', () => {
  it('stores secrets encrypted per id, in a 0600 file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-vault-'));
    const cipher = new FileKeyCipher(join(dir, 'key'));
    const v = new Vault(join(dir, 'vault.json'), cipher);
    v.set('c1', 'userpass-secret');
    v.set('c2', 'other');
    expect(readFileSync(join(dir, 'vault.json'), 'utf8')).not.toContain('userpass-secret');
    expect(statSync(join(dir, 'vault.json')).mode & 0o777).toBe(0o600);
    const again = new Vault(join(dir, 'vault.json'), cipher);
    expect(again.get('c1')).toBe('userpass-secret');
    expect(again.has('c2')).toBe(true);
    again.delete('c2');
    expect(new Vault(join(dir, 'vault.json'), cipher).has('c2')).toBe(false);
    expect(again.get('nope')).toBeUndefined();
  });

  it('a secret from another key is a clear error, not garbage', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-vault-'));
    new Vault(join(dir, 'vault.json'), new FileKeyCipher(join(dir, 'key1'))).set('c1', 'pw');
    const other = new Vault(join(dir, 'vault.json'), new FileKeyCipher(join(dir, 'key2')));
    expect(() => other.get('c1')).toThrow(/can no longer be decrypted/);
  });

  it('refuses to remember when no encryption is available', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-vault-'));
    const cipher = new FileKeyCipher(join(dir, 'key'));
    const v = new Vault(join(dir, 'vault.json'), {
      kind: 'none',
      isAvailable: () => false,
      encrypt: cipher.encrypt.bind(cipher),
      decrypt: cipher.decrypt.bind(cipher),
    });
    expect(() => v.set('c', 'pw')).toThrow(expect.objectContaining({ code: 'SECRET_MISSING' }));
  });
});
