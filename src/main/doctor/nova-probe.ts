/**
 * Asks nova-api-metadata for one instance exactly as neutron-metadata-agent would (the four
 * headers, signed with the stored secret) and keeps only the status: the doctor needs the answer,
 * not the documents. The secret never leaves this function.
 */
import { AppError } from '../errors';
import { redactUrl } from '../openstack/http';
import { novaSaid } from '../metadata/explain-nova';
import { forwardToNova, type NovaMetadataTarget } from '../metadata/nova-metadata-client';
import type { NovaProbe } from './checks/types';

/** Where to ask, or why nova cannot be asked (no secret, no URL). */
export type NovaAccess = { target: NovaMetadataTarget } | { skipped: NovaProbe & { kind: 'skipped' } };

/** Turns a config lookup that may throw (MetadataConfigStore.target) into a NovaAccess. */
export function novaAccess(target: () => NovaMetadataTarget): NovaAccess {
  try {
    return { target: target() };
  } catch (err) {
    const e = err instanceof AppError ? err : undefined;
    const reason = e?.code === 'SECRET_MISSING' ? 'no-secret' : 'api-error';
    const detail =
      e?.code === 'SECRET_MISSING'
        ? "No metadata shared secret is stored for this cloud: nova-api-metadata's answer (403 secret mismatch, 404, 400 not in proxy mode) could not be checked."
        : `nova-api-metadata could not be asked: ${e?.message ?? String(err)}`;
    return { skipped: { kind: 'skipped', reason, detail } };
  }
}

export async function probeNova(
  access: NovaAccess,
  who: { instanceId: string; projectId: string; ip: string },
): Promise<NovaProbe> {
  if ('skipped' in access) return access.skipped;
  const url = redactUrl(access.target.url);
  try {
    const answer = await forwardToNova(
      { ...access.target, timeoutMs: Math.min(access.target.timeoutMs ?? 10_000, 10_000) },
      {
        method: 'GET',
        pathAndQuery: '/openstack',
        forwardedFor: who.ip,
        instanceId: who.instanceId,
        projectId: who.projectId,
      },
    );
    const said = answer.status === 200 ? undefined : novaSaid(answer.body);
    return { kind: 'answer', status: answer.status, url, ...(said ? { said } : {}) };
  } catch (err) {
    if (err instanceof AppError && (err.code === 'UNREACHABLE' || err.code === 'TLS_ERROR'))
      return { kind: 'unreachable', url, message: err.message };
    return {
      kind: 'skipped',
      reason: 'api-error',
      detail: `nova-api-metadata could not be asked: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}
