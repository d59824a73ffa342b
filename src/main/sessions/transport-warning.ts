/**
 * Before a secret leaves over an unsafe transport (plain http://, TLS verification off), main asks
 * the admin in its own native dialog. The renderer cannot answer it, hide it or skip it: it only
 * asks to connect, and main decides what to show just before the secret is sent.
 */
import { insecureTransport, withoutUserinfo } from '@shared/cloud-url';
import { AppError } from '../errors';
import type { Dialogs } from '../ports';
import type { StoredCloud } from '../credentials/cloud-store';
import { secretLabelFor } from '../credentials/cloud-config';

export const INSECURE_TITLE = 'Insecure connection';

/**
 * Resolves when the cloud's transport is safe or the admin chose "Connect anyway"; throws
 * CANCELLED when the admin declined, before anything is sent.
 */
export async function confirmTransport(dialogs: Dialogs, cloud: StoredCloud): Promise<void> {
  const reasons = insecureTransport(cloud.authUrl, cloud.verify);
  if (reasons.length === 0) return;
  const secret = secretLabelFor(cloud.authType).toLowerCase();
  const url = withoutUserinfo(cloud.authUrl);
  const ok = await dialogs.confirm({
    title: INSECURE_TITLE,
    message: `Send the ${secret} of "${cloud.name}" over an insecure connection?`,
    detail: [
      `Keystone: ${url}`,
      ...reasons,
      'Acceptable for a lab on this machine; for a real cloud use https:// with verification on (or its CA bundle).',
    ].join('\n\n'),
    confirmLabel: 'Connect anyway',
  });
  if (!ok) {
    throw new AppError(
      'CANCELLED',
      `Not connected to "${cloud.name}": you chose not to send its ${secret} over an insecure connection.`,
      "Use an https:// auth URL with TLS verification on (give the cloud's CA bundle if it is private).",
      { cloudId: cloud.id },
    );
  }
}
