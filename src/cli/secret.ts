/**
 * The metadata shared secret for the CLI: from STACKLENS_METADATA_SECRET or a file named with
 * --secret-file, never from a command-line argument (it would show in `ps` and shell history).
 */
import { readFileSync, statSync } from 'node:fs';
import { AppError } from '@main/errors';

export const SECRET_ENV = 'STACKLENS_METADATA_SECRET';

/** Throws when the command line carries the secret itself. */
export function refuseSecretArgument(args: readonly string[]): void {
  if (args.some((a) => a === '--secret' || a.startsWith('--secret='))) {
    throw new AppError(
      'INVALID_ARGUMENT',
      'The metadata secret is never taken as a command-line argument: other users see it in ps and it lands in shell history.',
      `Set ${SECRET_ENV} or pass --secret-file PATH (a file with the secret, mode 0600).`,
    );
  }
}

/** The secret, or undefined when neither source is given. A file's trailing newline is dropped. */
export function readMetadataSecret(
  env: Record<string, string | undefined>,
  secretFile?: string,
): { secret?: string; source?: string; warning?: string } {
  if (secretFile) {
    let text: string;
    try {
      text = readFileSync(secretFile, 'utf8');
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
      throw new AppError('CONFIG_INVALID', `The secret file ${secretFile} ${why}.`, 'Fix the --secret-file path.');
    }
    const mode = statSync(secretFile).mode & 0o077;
    return {
      secret: text.replace(/\r?\n$/, ''),
      source: `file ${secretFile}`,
      ...(mode ? { warning: `${secretFile} is readable by other users (chmod 600 it).` } : {}),
    };
  }
  const fromEnv = env[SECRET_ENV];
  if (fromEnv !== undefined) return { secret: fromEnv, source: SECRET_ENV };
  return {};
}
