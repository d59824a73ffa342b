import { describe, expect, it } from 'vitest';
import { formValuesFrom, isPlainHttp, toConfigInput, validateForm } from './metadata-config-form';

const view = {
  cloudId: 'c',
  novaMetadataUrl: null,
  suggestedUrl: 'http://ctrl:8775',
  tls: { verify: true },
  timeoutMs: 60_000,
  hasSecret: true,
  cacheTtlMs: 0,
  backend: 'auto' as const,
};

describe('metadata config form', () => {
  it('starts from the suggested URL and never carries a secret', () => {
    const v = formValuesFrom(view);
    expect(v.novaMetadataUrl).toBe('http://ctrl:8775');
    expect(v.secret).toBe('');
    expect(v.timeoutSeconds).toBe(60);
  });

  it('sends the secret only when typed, and clearSecret instead when asked', () => {
    const v = formValuesFrom(view);
    expect(toConfigInput('c', v)).not.toHaveProperty('secret');
    expect(toConfigInput('c', { ...v, secret: 's' })).toMatchObject({ secret: 's' });
    const cleared = toConfigInput('c', { ...v, secret: 's', clearSecret: true });
    expect(cleared.clearSecret).toBe(true);
    expect(cleared).not.toHaveProperty('secret');
  });

  it('converts seconds and sends TLS files as picks, never as paths', () => {
    const input = toConfigInput('c', {
      ...formValuesFrom(view),
      timeoutSeconds: 5,
      cacheTtlSeconds: 10,
      cacert: { path: '/etc/ca.pem', choice: { pick: 'p1' } },
      key: { path: '', choice: null },
    });
    expect(input).toMatchObject({ timeoutMs: 5000, cacheTtlMs: 10_000, tls: { verify: true, cacert: { pick: 'p1' } } });
    expect(input.tls?.key).toBeNull();
    // An untouched file is absent: main keeps the stored one.
    expect(JSON.stringify(input)).not.toContain('/etc/ca.pem');
    expect('cert' in (input.tls ?? {}) && input.tls?.cert !== undefined).toBe(false);
  });

  it('warns about plain http only', () => {
    expect(isPlainHttp(' HTTP://ctrl:8775')).toBe(true);
    expect(isPlainHttp('https://ctrl:8775')).toBe(false);
  });

  it('flags a bad URL, timeout, cache TTL and half a client certificate', () => {
    const v = formValuesFrom(view);
    expect(validateForm(v)).toEqual({});
    expect(
      Object.keys(
        validateForm({
          ...v,
          novaMetadataUrl: 'ctrl:8775',
          timeoutSeconds: 0,
          cacheTtlSeconds: 61,
          cert: { path: '/c.pem' },
        }),
      ).sort(),
    ).toEqual(['cacheTtlSeconds', 'key', 'novaMetadataUrl', 'timeoutSeconds']);
  });
});
