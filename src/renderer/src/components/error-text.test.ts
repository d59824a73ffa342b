import { describe, expect, it } from 'vitest';
import { ApiError, unwrap } from '../api/client';
import { toDisplayError } from './error-text';

describe('unwrap', () => {
  it('returns the data of an ok envelope', async () => {
    await expect(unwrap(Promise.resolve({ ok: true as const, data: [1, 2] }))).resolves.toEqual([1, 2]);
  });
  it('throws an ApiError that keeps code, message, hint and details', async () => {
    const error = {
      code: 'CONFIG_INVALID' as const,
      message: 'bad yaml',
      hint: 'fix line 3',
      details: { path: '/x', line: 3 },
    };
    const thrown = await unwrap(Promise.resolve({ ok: false as const, error })).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(ApiError);
    expect(thrown).toMatchObject(error);
  });
});

describe('toDisplayError', () => {
  it('shows an API error with its title, fix and facts', () => {
    const shown = toDisplayError(
      new ApiError({
        code: 'CONFIG_INVALID',
        message: 'Unexpected key',
        hint: 'Remove it',
        details: { path: '/c.yaml', line: 4, empty: null, cloudId: 'b5f0' },
      }),
    );
    expect(shown).toEqual({
      code: 'CONFIG_INVALID',
      title: 'Configuration problem',
      message: 'Unexpected key',
      hint: 'Remove it',
      facts: ['path: /c.yaml', 'line: 4'],
    });
  });
  it('turns anything else into INTERNAL with its message', () => {
    expect(toDisplayError(new TypeError('x is undefined'))).toMatchObject({
      code: 'INTERNAL',
      message: 'x is undefined',
      facts: [],
    });
    expect(toDisplayError('plain')).toMatchObject({ code: 'INTERNAL', message: 'plain' });
  });
});
