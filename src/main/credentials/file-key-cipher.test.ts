import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileKeyCipher } from './file-key-cipher';

describe('FileKeyCipher', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-cipher-'));
  const keyPath = join(dir, 'k', 'vault.key');

  it('round-trips and never stores the plain text', () => {
    const cipher = new FileKeyCipher(keyPath);
    const blob = cipher.encrypt('s3cret-pässword');
    expect(blob.includes(Buffer.from('s3cret'))).toBe(false);
    expect(cipher.decrypt(blob)).toBe('s3cret-pässword');
  });

  it('keeps the key file private and reuses it', () => {
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    const blob = new FileKeyCipher(keyPath).encrypt('x');
    expect(new FileKeyCipher(keyPath).decrypt(blob)).toBe('x');
  });

  it('rejects tampered data', () => {
    const cipher = new FileKeyCipher(keyPath);
    const blob = cipher.encrypt('abc');
    blob[blob.length - 1] ^= 1;
    expect(() => cipher.decrypt(blob)).toThrow();
  });
});
