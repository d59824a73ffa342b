import { describe, expect, it } from 'vitest';
import { normaliseInterface } from './cloud';

describe('normaliseInterface', () => {
  it('normalises v2-style interface names', () => {
    expect(normaliseInterface('publicURL')).toBe('public');
    expect(normaliseInterface('internalURL')).toBe('internal');
    expect(normaliseInterface('admin')).toBe('admin');
    expect(normaliseInterface('private')).toBeUndefined();
    expect(normaliseInterface(undefined)).toBeUndefined();
  });
});
