import { describe, expect, it } from 'vitest';
import { normaliseCloud } from '../credentials/cloud-config';
import { credentialsFor, scopeFor, selectionFor, tlsFor } from './keystone-params';

const URL_ = 'https://keystone.example.com:5000/v3';

describe('keystone parameters from a cloud', () => {
  const base = { auth: { auth_url: URL_, username: 'alice' } };
  const cfg = (extra: Record<string, unknown>) =>
    normaliseCloud('c', { ...base, auth: { ...base.auth, ...extra } }, 'f');

  it.each<[string, Record<string, unknown>, unknown]>([
    [
      'name with explicit domain beats id',
      { project_name: 'alpha', project_id: 'p1', project_domain_name: 'Default' },
      { kind: 'project', name: 'alpha', domain: { name: 'Default' } },
    ],
    [
      'Horizon style (id + name, no project domain): id',
      { project_name: 'alpha', project_id: 'p1', user_domain_name: 'Default' },
      { kind: 'project', id: 'p1' },
    ],
    [
      'name only: default domain id',
      { project_name: 'alpha' },
      { kind: 'project', name: 'alpha', domain: { id: 'default' } },
    ],
    [
      'default_domain_name fills the project domain',
      { project_name: 'alpha', default_domain_name: 'Corp' },
      { kind: 'project', name: 'alpha', domain: { name: 'Corp' } },
    ],
    ['domain scope by name', { domain_name: 'Corp' }, { kind: 'domain', domain: { name: 'Corp' } }],
    ['system scope', { system_scope: 'all' }, { kind: 'system', system: 'all' }],
    ['no scope', {}, { kind: 'unscoped' }],
  ])('scope: %s', (_n, extra, scope) => {
    expect(scopeFor(cfg(extra))).toEqual(scope);
  });

  it('password credentials: username beats user_id, user domain falls back to default', () => {
    expect(credentialsFor(cfg({ user_id: 'u1' }), 'pw')).toEqual({
      method: 'password',
      user: { name: 'alice', domain: { id: 'default' } },
      password: 'pw',
    });
    expect(credentialsFor(cfg({ user_domain_name: 'D', user_domain_id: 'd' }), 'pw')).toMatchObject({
      user: { domain: { name: 'D' } },
    });
    expect(credentialsFor(normaliseCloud('c', { auth: { auth_url: URL_, user_id: 'u1' } }, 'f'), 'pw')).toMatchObject({
      user: { id: 'u1' },
    });
  });

  it('app credential and token credentials', () => {
    const ac = normaliseCloud(
      'c',
      {
        auth_type: 'v3applicationcredential',
        auth: { auth_url: URL_, application_credential_name: 'ci', username: 'bob' },
      },
      'f',
    );
    expect(credentialsFor(ac, 's')).toEqual({
      method: 'application_credential',
      name: 'ci',
      user: { name: 'bob', domain: { id: 'default' } },
      secret: 's',
    });
    const tk = normaliseCloud('c', { auth_type: 'token', auth: { auth_url: URL_ } }, 'f');
    expect(credentialsFor(tk, 't')).toEqual({ method: 'token', token: 't' });
  });

  it('selection and TLS', () => {
    const c = normaliseCloud(
      'c',
      {
        interface: 'internal',
        regions: ['R2', 'R3'],
        insecure: true,
        cacert: '/ca',
        auth: { auth_url: URL_, username: 'a' },
      },
      'f',
    );
    expect(selectionFor(c)).toEqual({ interface: 'internal', region: 'R2' });
    expect(tlsFor(c)).toEqual({ verify: false, cacert: '/ca', cert: undefined, key: undefined });
  });
});
