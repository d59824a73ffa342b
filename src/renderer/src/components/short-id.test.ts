import { describe, expect, it } from 'vitest';
import { idHint, middleShorten, nameWithId } from './short-id';

const uuid = '716a3c5e-0b5d-4c1e-9a70-1f2e3d4c5b6a';

describe('short ids', () => {
  it('shortens in the middle, keeping both ends; short values stay whole', () => {
    expect(middleShorten(uuid)).toBe('716a3c5e\u20264c5b6a');
    expect(middleShorten(uuid, 4, 4)).toBe('716a\u20265b6a');
    expect(middleShorten('10.0.0.10')).toBe('10.0.0.10');
    expect(middleShorten('123456789012345')).toBe('123456789012345');
  });

  it('names first with a hint of the id, never a bare 8-character id', () => {
    expect(nameWithId('alpha-router', uuid)).toBe('alpha-router (716a\u2026)');
    expect(nameWithId('', uuid)).toBe('716a3c5e\u20264c5b6a');
    expect(nameWithId(undefined, uuid)).not.toMatch(/^[0-9a-f]{8}$/);
    expect(idHint('abc')).toBe('abc');
  });
});
