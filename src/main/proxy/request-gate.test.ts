import { describe, expect, it } from 'vitest';
import { gateRequest } from './request-gate';
import {
  checkToken,
  clientBaseUrl,
  isListenerToken,
  needsToken,
  newListenerToken,
  redactTokenPath,
} from './listener-token';
import { isHostAllowed } from './host-check';

const token = newListenerToken();
const agentTcp = { mode: 'agent' as const, token };

describe('listener tokens', () => {
  it('are fresh, well-formed and needed exactly where a local process could otherwise ask', () => {
    expect(isListenerToken(token)).toBe(true);
    expect(newListenerToken()).not.toBe(token);
    expect(needsToken({ mode: 'agent' })).toBe(true);
    expect(needsToken({ mode: 'instance' })).toBe(true);
    expect(needsToken({ mode: 'agent', socketPath: '/run/x.sock' })).toBe(false);
    expect(needsToken({ mode: 'namespace' })).toBe(false);
  });

  it('are read from the header or the first path segment, which is stripped', () => {
    expect(checkToken(token, '/openstack', token)).toEqual({ ok: true, path: '/openstack' });
    expect(checkToken(token, `/${token}/openstack/latest?x=1`, undefined)).toEqual({
      ok: true,
      path: '/openstack/latest?x=1',
    });
    expect(checkToken(token, `/${token}`, undefined)).toEqual({ ok: true, path: '/' });
    expect(checkToken(token, `/${token}?q`, undefined)).toEqual({ ok: true, path: '/?q' });
    expect(checkToken(token, '/openstack', undefined)).toEqual({ ok: false, reason: 'missing' });
    expect(checkToken(token, '/openstack', `${token}x`)).toEqual({ ok: false, reason: 'wrong' });
    // A wrong path token is not rescued by a right header: the path is what gets forwarded.
    expect(checkToken(token, `/slt-${'a'.repeat(32)}/openstack`, token)).toEqual({ ok: false, reason: 'wrong' });
  });

  it('never appear in a logged path; the client URL carries them only where needed', () => {
    expect(redactTokenPath(`/${token}/openstack`)).toBe('/slt-…/openstack');
    expect(clientBaseUrl('http://127.0.0.1:8080', agentTcp)).toBe(`http://127.0.0.1:8080/${token}`);
    expect(clientBaseUrl('unix:/run/x.sock', { mode: 'agent', socketPath: '/run/x.sock', token })).toBe(
      'unix:/run/x.sock',
    );
  });
});

describe('Host check (DNS rebinding)', () => {
  it('accepts IP literals, localhost and the machine name; refuses other names without resolving them', () => {
    for (const ok of [
      undefined,
      '127.0.0.1',
      '127.0.0.1:8080',
      '169.254.169.254',
      '[::1]:80',
      'localhost',
      'LOCALHOST:1',
      'localhost.',
      'myhost:80',
    ]) {
      expect(isHostAllowed(ok, ['myhost']), String(ok)).toBe(true);
    }
    for (const bad of [
      'attacker.example',
      'attacker.example:8080',
      '127.0.0.1.nip.io',
      'localhost.attacker.example',
      '::1',
      '[evil]:80',
      'a:b:c',
      '127.0.0.1:80:80',
    ]) {
      expect(isHostAllowed(bad, ['myhost']), bad).toBe(false);
    }
  });
});

describe('request gate', () => {
  it('answers 400 for absolute-form and asterisk targets, 421 for a foreign Host, 403 without the token', () => {
    const gate = (url: string, headers: Record<string, string> = {}) =>
      gateRequest(agentTcp, url, { host: '127.0.0.1', ...headers }, []);
    expect(gate('http://127.0.0.1/openstack')).toMatchObject({
      ok: false,
      answer: { status: 400, error: 'bad-target' },
    });
    expect(gate('*')).toMatchObject({ ok: false, answer: { status: 400 } });
    expect(gate('/openstack', { host: 'evil.example' })).toMatchObject({
      ok: false,
      answer: { status: 421, error: 'bad-host' },
    });
    expect(gate('/openstack')).toMatchObject({ ok: false, answer: { status: 403, error: 'token-missing' } });
    expect(gate(`/${token}/openstack`)).toEqual({ ok: true, path: '/openstack' });
    // Unix socket: no Host check, no token.
    expect(gateRequest({ mode: 'agent', socketPath: '/s', token }, '/openstack', { host: 'anything' })).toEqual({
      ok: true,
      path: '/openstack',
    });
  });
});
