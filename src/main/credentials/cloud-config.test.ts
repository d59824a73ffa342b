import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { normaliseCloud, type CloudConfig } from './cloud-config';

const URL_ = 'https://keystone.example.com:5000/v3';

/** [case, raw cloud, expected subset of the CloudConfig] */
const valid: Array<[string, Record<string, unknown>, Partial<CloudConfig>]> = [
  [
    'minimal password cloud, defaults',
    { auth: { auth_url: URL_, username: 'alice', password: 'pw' } },
    { authType: 'password', authUrl: URL_, username: 'alice', secret: 'pw', interface: 'public', verify: true },
  ],
  ['v3password alias', { auth_type: 'v3password', auth: { auth_url: URL_, username: 'a' } }, { authType: 'password' }],
  [
    'legacy auth_plugin',
    { auth_plugin: 'v3token', auth: { auth_url: URL_, token: 't' } },
    { authType: 'token', secret: 't' },
  ],
  [
    'auth_type beats auth_plugin',
    { auth_plugin: 'token', auth_type: 'password', auth: { auth_url: URL_, username: 'a' } },
    { authType: 'password' },
  ],
  [
    'app credential by id',
    {
      auth_type: 'v3applicationcredential',
      auth: { auth_url: URL_, application_credential_id: 'ac1', application_credential_secret: 's' },
    },
    { authType: 'v3applicationcredential', applicationCredentialId: 'ac1', secret: 's' },
  ],
  [
    'app credential by name + user',
    {
      auth_type: 'v3applicationcredential',
      auth: { auth_url: URL_, application_credential_name: 'ci', username: 'bob', user_domain_name: 'Default' },
    },
    { applicationCredentialName: 'ci', username: 'bob', userDomainName: 'Default' },
  ],
  [
    'app credential inferred without auth_type',
    { auth: { auth_url: URL_, application_credential_id: 'x', application_credential_secret: 's' } },
    { authType: 'v3applicationcredential' },
  ],
  [
    'token inferred; auth_token legacy key',
    { auth: { auth_url: URL_ }, auth_token: 'tok' },
    { authType: 'token', secret: 'tok' },
  ],
  [
    'legacy tenant_name / tenant_id',
    { auth: { auth_url: URL_, username: 'a', tenant_name: 'alpha', tenant_id: 'p1' } },
    { projectName: 'alpha', projectId: 'p1' },
  ],
  [
    'project_name beats tenant_name',
    { auth: { auth_url: URL_, username: 'a', tenant_name: 'old', project_name: 'new' } },
    { projectName: 'new' },
  ],
  [
    'dashed keys',
    {
      'auth-type': 'password',
      auth: { 'auth-url': URL_, username: 'a', 'project-name': 'p', 'user-domain-name': 'D' },
    },
    { projectName: 'p', userDomainName: 'D' },
  ],
  [
    'top-level beats auth',
    { username: 'top', project_name: 'topP', auth: { auth_url: URL_, username: 'inner', project_name: 'innerP' } },
    { username: 'top', projectName: 'topP' },
  ],
  [
    'top-level auth_url (env style)',
    { auth_url: URL_, username: 'a', password: 'pw' },
    { authUrl: URL_, secret: 'pw' },
  ],
  ['insecure: true', { insecure: true, auth: { auth_url: URL_, username: 'a' } }, { verify: false }],
  ['insecure as string', { insecure: 'True', auth: { auth_url: URL_, username: 'a' } }, { verify: false }],
  [
    'verify: false beats cacert',
    { verify: false, cacert: '/ca.pem', auth: { auth_url: URL_, username: 'a' } },
    { verify: false, cacert: '/ca.pem' },
  ],
  [
    'verify as a CA path',
    { verify: '/etc/ssl/ca.pem', auth: { auth_url: URL_, username: 'a' } },
    { verify: true, cacert: '/etc/ssl/ca.pem' },
  ],
  [
    'cert and key',
    { cert: '/c.pem', key: '/k.pem', auth: { auth_url: URL_, username: 'a' } },
    { cert: '/c.pem', key: '/k.pem' },
  ],
  [
    'endpoint_type legacy',
    { endpoint_type: 'internalURL', auth: { auth_url: URL_, username: 'a' } },
    { interface: 'internal' },
  ],
  [
    'interface beats endpoint_type',
    { endpoint_type: 'internal', interface: 'admin', auth: { auth_url: URL_, username: 'a' } },
    { interface: 'admin' },
  ],
  ['region_name', { region_name: 'RegionTwo', auth: { auth_url: URL_, username: 'a' } }, { regionName: 'RegionTwo' }],
  [
    'regions list, first is default',
    { regions: ['R1', { name: 'R2', values: { interface: 'internal' } }], auth: { auth_url: URL_, username: 'a' } },
    { regionName: 'R1', regions: ['R1', 'R2'] },
  ],
  [
    'comma region_name (deprecated)',
    { region_name: 'R1,R2', auth: { auth_url: URL_, username: 'a' } },
    { regionName: 'R1', regions: ['R2'] },
  ],
  [
    'domain shorthand for a project-scoped cloud',
    { auth: { auth_url: URL_, username: 'a', project_name: 'p', domain_name: 'Corp' } },
    { userDomainName: 'Corp', projectDomainName: 'Corp', domainName: undefined },
  ],
  ['domain scope', { auth: { auth_url: URL_, username: 'a', domain_id: 'd1' } }, { domainId: 'd1' }],
  ['system scope', { auth: { auth_url: URL_, username: 'a', system_scope: 'all' } }, { systemScope: 'all' }],
  [
    'identity_api_version 3 accepted',
    { identity_api_version: 3, auth: { auth_url: URL_, username: 'a' } },
    { authType: 'password' },
  ],
  ['numbers become strings', { auth: { auth_url: URL_, user_id: 12345 } }, { userId: '12345' }],
];

describe('normaliseCloud: valid clouds', () => {
  it.each(valid)('%s', (_name, raw, expected) => {
    const cfg = normaliseCloud('c', raw, '/x/clouds.yaml');
    for (const [k, v] of Object.entries(expected)) expect(cfg[k as keyof CloudConfig], k).toEqual(v);
  });
});

const broken: Array<[string, unknown, RegExp, RegExp]> = [
  [
    'unknown auth_type',
    { auth_type: 'v3oidcpassword', auth: { auth_url: URL_ } },
    /auth_type "v3oidcpassword" is not supported/,
    /v3applicationcredential/,
  ],
  ['auth_type null -> none', { auth_type: null, auth: { auth_url: URL_ } }, /auth_type "none"/, /password/],
  [
    'token_endpoint -> admin_token',
    { auth_type: 'token_endpoint', auth: { auth_url: URL_ } },
    /admin_token/,
    /Use one of/,
  ],
  ['missing auth_url', { auth: { username: 'a' } }, /auth_url is missing/, /auth_url:/],
  ['auth_url not a URL', { auth: { auth_url: 'keystone:5000', username: 'a' } }, /not an http\(s\) URL/, /https:\/\//],
  [
    'password without a user',
    { auth: { auth_url: URL_, password: 'x' } },
    /username or user_id is missing/,
    /username/,
  ],
  [
    'app credential without id or name',
    { auth_type: 'v3applicationcredential', auth: { auth_url: URL_, application_credential_secret: 's' } },
    /application_credential_id/,
    /application credential show/,
  ],
  [
    'app credential name without user',
    { auth_type: 'v3applicationcredential', auth: { auth_url: URL_, application_credential_name: 'n' } },
    /owning user/,
    /username/,
  ],
  [
    'keystone v2',
    { identity_api_version: '2.0', auth: { auth_url: URL_, username: 'a' } },
    /Keystone v2/,
    /identity_api_version: 3/,
  ],
  [
    'bad interface',
    { interface: 'private', auth: { auth_url: URL_, username: 'a' } },
    /interface "private"/,
    /public, internal or admin/,
  ],
  ['regions not a list', { regions: 'R1', auth: { auth_url: URL_, username: 'a' } }, /not a list/, /list/],
  ['entry not a mapping', 'just a string', /not a mapping/, /auth:/],
];

describe('normaliseCloud: broken clouds', () => {
  it.each(broken)('%s', (_name, raw, message, hint) => {
    try {
      normaliseCloud('lab', raw, '/x/clouds.yaml');
      throw new Error('expected CONFIG_INVALID');
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      const e = err as AppError;
      expect(e.code).toBe('CONFIG_INVALID');
      expect(e.message).toContain('Cloud "lab" in /x/clouds.yaml');
      expect(e.message).toMatch(message);
      expect(e.hint).toMatch(hint);
    }
  });
});
