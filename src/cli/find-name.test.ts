import { describe, expect, it } from 'vitest';
import { AppError } from '@main/errors';
import { chooseCandidate, exactNameRegex, looksLikeId } from './find-name';

describe('names wherever ids are', () => {
  it('treats UUIDs and Keystone 32-hex ids as ids, everything else as a name', () => {
    expect(looksLikeId('716a3c5e-0b5d-4c1e-9a70-1f1f1f1f1f1f')).toBe(true);
    expect(looksLikeId('4dd4c4520bbf4aef9a935c13427935cd')).toBe(true);
    expect(looksLikeId('alpha-router')).toBe(false);
    expect(looksLikeId('716a3c5e')).toBe(false);
  });

  it("escapes the name for Nova's regular-expression filter", () => {
    const re = new RegExp(exactNameRegex('web.1 (a+b)'));
    expect(re.test('web.1 (a+b)')).toBe(true);
    expect(re.test('webX1 (a+b)')).toBe(false);
    expect(re.test('web.1 (a+b)-2')).toBe(false);
  });

  it('one match is the answer; none is NOT_FOUND; several list every candidate', () => {
    const a = { id: 'id-a', name: 'web', projectId: 'p1' };
    const b = { id: 'id-b', name: 'web', projectId: 'p2' };
    expect(chooseCandidate('router', 'web', [a])).toBe(a);
    expect(() => chooseCandidate('router', 'web', [])).toThrow(/No router named "web"/);
    let error: unknown;
    try {
      chooseCandidate('network', 'web', [a, b]);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVALID_ARGUMENT');
    expect((error as AppError).message).toMatch(
      /2 networks are named "web":\n {2}id-a {2}web {2}\(project p1\)\n {2}id-b/,
    );
  });
});
