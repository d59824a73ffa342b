/**
 * Secrets per cloud id (password, application credential secret, token), encrypted with the
 * SecretCipher (Electron safeStorage in the app, a key file in plain Node) and kept in one 0600
 * file written atomically. Secrets leave this module only towards Keystone.
 */
import { z } from 'zod';
import { AppError } from '../errors';
import type { SecretCipher } from '../ports';
import { JsonFileStore, type CorruptionNotice } from './settings-store';

const vaultSchema = z.object({
  version: z.literal(1),
  cipher: z.string(),
  entries: z.record(z.string(), z.string()),
});
type VaultFile = z.infer<typeof vaultSchema>;

export class Vault {
  private readonly store: JsonFileStore<VaultFile>;

  constructor(
    path: string,
    private readonly cipher: SecretCipher,
    onCorrupt?: (n: CorruptionNotice) => void,
  ) {
    this.store = new JsonFileStore<VaultFile>({
      path,
      label: 'secret vault',
      parse: (d) => vaultSchema.parse(d),
      defaults: () => ({ version: 1, cipher: cipher.kind, entries: {} }),
      onCorrupt,
    });
  }

  /** False when the OS offers no encryption (e.g. Linux without a keyring): secrets are then not remembered. */
  canStore(): boolean {
    return this.cipher.isAvailable();
  }

  has(id: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.store.read().entries, id);
  }

  /** Stores (or replaces) a secret. */
  set(id: string, secret: string): void {
    if (!this.canStore()) {
      throw new AppError(
        'SECRET_MISSING',
        'This system offers no secret encryption (no keyring), so the secret cannot be remembered.',
        'Connect without "remember", or install and unlock a keyring (gnome-keyring / KWallet).',
      );
    }
    const blob = this.cipher.encrypt(secret).toString('base64');
    this.store.update((v) => {
      v.entries[id] = blob;
      v.cipher = this.cipher.kind;
    });
  }

  /** The secret, or undefined when none is stored. A blob that no longer decrypts is an error naming the fix. */
  get(id: string): string | undefined {
    const blob = this.store.read().entries[id];
    if (blob === undefined) return undefined;
    try {
      return this.cipher.decrypt(Buffer.from(blob, 'base64'));
    } catch {
      throw new AppError(
        'CONFIG_INVALID',
        'The stored secret of this cloud can no longer be decrypted (the encryption key changed).',
        'Enter the password or secret again; it replaces the stored one.',
        { cloudId: id },
      );
    }
  }

  delete(id: string): void {
    if (!this.has(id)) return;
    this.store.update((v) => {
      delete v.entries[id];
    });
  }
}
