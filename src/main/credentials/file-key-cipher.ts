import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretCipher } from '../ports';
import { AppError } from '../errors';

const MAGIC = Buffer.from('SLK1');

/**
 * AES-256-GCM with a random key kept in a 0600 file. Used where Electron's safeStorage is not
 * available: plain-Node tests, the headless CLI and the browser test bridge. It protects secrets
 * from casual reads of the vault file, not from someone who can read the key file beside it.
 */
export class FileKeyCipher implements SecretCipher {
  readonly kind = 'file-key';
  private readonly key: Buffer;

  constructor(keyPath: string) {
    if (existsSync(keyPath)) {
      this.key = Buffer.from(readFileSync(keyPath, 'utf8').trim(), 'base64');
      if (this.key.length !== 32) throw new AppError('CONFIG_INVALID', `The key file ${keyPath} is not a 256-bit key.`);
    } else {
      mkdirSync(dirname(keyPath), { recursive: true, mode: 0o700 });
      this.key = randomBytes(32);
      writeFileSync(keyPath, this.key.toString('base64'), { mode: 0o600, flag: 'wx' });
    }
  }

  isAvailable(): boolean {
    return true;
  }

  encrypt(plain: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
  }

  decrypt(data: Buffer): string {
    if (data.length < 32 || !data.subarray(0, 4).equals(MAGIC)) {
      throw new AppError('CONFIG_INVALID', 'A vault entry is not in the file-key format.');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, data.subarray(4, 16));
    decipher.setAuthTag(data.subarray(16, 32));
    return Buffer.concat([decipher.update(data.subarray(32)), decipher.final()]).toString('utf8');
  }
}
