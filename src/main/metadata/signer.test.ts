import { describe, expect, it } from 'vitest';
import { signInstanceId, verifyInstanceSignature } from './signer';

// Vectors computed in the lab with Python's hmac, the way neutron signs:
// hmac.new(secret.encode('utf-8'), instance_id.encode('utf-8'), hashlib.sha256).hexdigest()
const vectors: Array<[string, string, string]> = [
  [
    'stacklens-lab-shared-secret',
    '11111111-1111-4111-8111-111111111101',
    '265d604ede22befd314cccccbf031e302546a4ae827fdcc0bd70dd92a8a40b07',
  ],
  ['', '11111111-1111-4111-8111-111111111101', '8562ec503c3b064e249d0f97d7a4d89d8105b71455bdb54f196b6032aedc62c4'],
  [
    'sécret-ü',
    '22222222-2222-4222-8222-222222222201',
    '9cd65067df9ee5cb47f0d02907275bee8dd767f37c5cfb3f5de069f637d88ca2',
  ],
  ['wrong', 'x', 'd1ba6c16a5038e3fab6cfa952909bba508dfa9e0a413c3d494845b2b311fa94f'],
];

describe('signInstanceId', () => {
  it.each(vectors)('matches python hmac for secret %j and id %s', (secret, id, hex) => {
    expect(signInstanceId(secret, id)).toBe(hex);
  });

  it('is lower-case hex of 64 characters', () => {
    expect(signInstanceId('k', 'i')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('verifyInstanceSignature', () => {
  it.each(vectors)('accepts the right signature (secret %j)', (secret, id, hex) => {
    expect(verifyInstanceSignature(secret, id, hex)).toBe(true);
  });

  it('rejects another secret, another id, upper case, truncation and an empty signature', () => {
    const [secret, id, hex] = vectors[0];
    expect(verifyInstanceSignature('other', id, hex)).toBe(false);
    expect(verifyInstanceSignature(secret, `${id}x`, hex)).toBe(false);
    expect(verifyInstanceSignature(secret, id, hex.toUpperCase())).toBe(false);
    expect(verifyInstanceSignature(secret, id, hex.slice(0, 63))).toBe(false);
    expect(verifyInstanceSignature(secret, id, '')).toBe(false);
  });
});
