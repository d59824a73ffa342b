/**
 * X-Instance-ID-Signature exactly as neutron signs it (neutron/common/utils.py sign_instance_id)
 * and nova checks it (handler.py _validate_shared_secret): lower-case hex HMAC-SHA256 with the
 * UTF-8 shared secret as key and the UTF-8 instance id as message. Neither function logs.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The signature the agent sends for `instanceId` (64 lower-case hex characters). */
export function signInstanceId(secret: string, instanceId: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(instanceId, 'utf8').digest('hex');
}

/**
 * Whether `signature` is what the shared secret gives for `instanceId`, compared in constant time.
 * Like nova, the comparison is of the hex text and case-sensitive; an empty signature never passes.
 */
export function verifyInstanceSignature(secret: string, instanceId: string, signature: string): boolean {
  if (!signature) return false;
  const expected = Buffer.from(signInstanceId(secret, instanceId), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
