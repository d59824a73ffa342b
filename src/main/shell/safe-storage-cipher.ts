import { safeStorage } from 'electron';
import type { SecretCipher } from '../ports';
import { AppError } from '../errors';
import { isKeyringUsable } from './policy';

/**
 * Secrets at rest through the OS keyring (Keychain, DPAPI, libsecret/KWallet) via safeStorage.
 * Without a usable keyring it refuses to store anything rather than write plain text.
 * (The SecretCipher interface is synchronous, hence the sync safeStorage calls.)
 */
export class SafeStorageCipher implements SecretCipher {
  readonly kind = 'safe-storage';

  isAvailable(): boolean {
    const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined;
    return isKeyringUsable(process.platform, safeStorage.isEncryptionAvailable(), backend);
  }

  encrypt(plain: string): Buffer {
    this.assertAvailable();
    return safeStorage.encryptString(plain);
  }

  decrypt(data: Buffer): string {
    this.assertAvailable();
    return safeStorage.decryptString(data);
  }

  private assertAvailable(): void {
    if (this.isAvailable()) return;
    throw new AppError(
      'UNSAFE_REFUSED',
      'The system keyring is not available, so StackLens will not store secrets (they would be kept as plain text).',
      'Unlock or install a keyring (GNOME Keyring, KWallet, macOS Keychain) and restart StackLens, or connect without "remember" and type the secret each time.',
    );
  }
}
