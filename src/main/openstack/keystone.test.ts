import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { closeHttpAgents } from './http';
import { buildAuthBody, issueToken, parseTokenBody } from './keystone';
import { discoverKeystoneV3 } from './keystone-discovery';
import { startHttpServer, type TestServer } from './test-servers';

describe('buildAuthBody', () => {
  it('password + project by name with domain', () => {
    expect(
      buildAuthBody(
        { method: 'password', user: { name: 'alice', domain: { name: 'Default' } }, password: 'pw' },
        { kind: 'project', name: 'alpha', domain: { id: 'default' } },
      ),
    ).toEqual({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: 'alice', domain: { name: 'Default' }, password: 'pw' } },
        },
        scope: { project: { name: 'alpha', domain: { id: 'default' } } },
      },
    });
  });

  it('password by user id, domain and system scope, unscoped', () => {
    const creds = { method: 'password', user: { id: 'u1' }, password: 'pw' } as const;
    expect(buildAuthBody(creds, { kind: 'domain', domain: { name: 'Default' } }).auth).toMatchObject({
      scope: { domain: { name: 'Default' } },
    });
    expect(buildAuthBody(creds, { kind: 'system', system: 'all' }).auth).toMatchObject({
      scope: { system: { all: true } },
    });
    expect(buildAuthBody(creds, { kind: 'project', id: 'p1' }).auth).toMatchObject({
      scope: { project: { id: 'p1' } },
    });
    expect(buildAuthBody(creds, { kind: 'unscoped' }).auth).not.toHaveProperty('scope');
  });

  it('application credential by id, by name + user; never with a scope', () => {
    const byId = buildAuthBody(
      { method: 'application_credential', id: 'ac1', secret: 's' },
      { kind: 'project', id: 'p1' },
    );
    expect(byId).toEqual({
      auth: { identity: { methods: ['application_credential'], application_credential: { id: 'ac1', secret: 's' } } },
    });
    const byName = buildAuthBody(
      { method: 'application_credential', name: 'ci', user: { name: 'bob', domain: { id: 'default' } }, secret: 's' },
      { kind: 'unscoped' },
    );
    expect(byName.auth).toEqual({
      identity: {
        methods: ['application_credential'],
        application_credential: { name: 'ci', user: { name: 'bob', domain: { id: 'default' } }, secret: 's' },
      },
    });
  });

  it('token auth with a scope', () => {
    expect(buildAuthBody({ method: 'token', token: 't' }, { kind: 'project', id: 'p' })).toEqual({
      auth: { identity: { methods: ['token'], token: { id: 't' } }, scope: { project: { id: 'p' } } },
    });
  });
});

describe('parseTokenBody', () => {
  it('reads user, project scope, roles, catalog, app credential', () => {
    const t = parseTokenBody('tok', {
      token: {
        expires_at: '2030-01-01T00:00:00.000000Z',
        issued_at: '2029-12-31T23:00:00.000000Z',
        user: { id: 'u', name: 'alice', domain: { id: 'default', name: 'Default' } },
        project: { id: 'p', name: 'alpha', domain: { id: 'default', name: 'Default' } },
        roles: [
          { id: 'r1', name: 'member' },
          { id: 'r2', name: 'reader' },
        ],
        catalog: [{ type: 'network', endpoints: [{ interface: 'public', url: 'http://n' }] }],
        application_credential: { id: 'ac', name: 'ci', restricted: true },
      },
    });
    expect(t.value).toBe('tok');
    expect(t.expiresAt.toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(t.scope).toEqual({ kind: 'project', id: 'p', name: 'alpha', domain: { id: 'default', name: 'Default' } });
    expect(t.roles.map((r) => r.name)).toEqual(['member', 'reader']);
    expect(t.catalog[0].type).toBe('network');
    expect(t.applicationCredential).toEqual({ id: 'ac', name: 'ci' });
  });

  it.each([
    [{ domain: { id: 'd', name: 'Dom' } }, { kind: 'domain', id: 'd', name: 'Dom' }],
    [{ system: { all: true } }, { kind: 'system', name: 'all' }],
    [{}, { kind: 'unscoped' }],
  ])('scope %j', (extra, scope) => {
    const t = parseTokenBody('x', {
      token: { expires_at: '2030-01-01T00:00:00Z', user: { id: 'u', name: 'n' }, ...extra },
    });
    expect(t.scope).toEqual(scope);
    expect(t.catalog).toEqual([]);
  });

  it('rejects a body that is not a token', () => {
    expect(() => parseTokenBody('x', { hello: 1 })).toThrow(AppError);
    expect(() => parseTokenBody('x', { token: { user: { id: 'u' }, expires_at: 'soon' } })).toThrow(
      /valid Keystone v3 token/,
    );
  });
});

describe('discoverKeystoneV3 against local servers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startHttpServer((req, res) => {
      const base = `http://${req.headers.host}`;
      res.setHeader('content-type', 'application/json');
      switch (req.url) {
        case '/':
        case '/identity':
          res.statusCode = 300;
          return void res.end(
            JSON.stringify({
              versions: {
                values: [
                  {
                    id: 'v3.14',
                    status: 'stable',
                    links: [{ rel: 'self', href: `${base}${req.url === '/' ? '' : req.url}/v3/` }],
                  },
                ],
              },
            }),
          );
        case '/v3':
          return void res.end(
            JSON.stringify({
              version: { id: 'v3.14', links: [{ rel: 'self', href: 'http://internal-name:5000/v3/' }] },
            }),
          );
        case '/neutron':
          return void res.end(JSON.stringify({ versions: [{ id: 'v2.0', status: 'CURRENT', links: [] }] }));
        case '/old/v3':
          res.statusCode = 404;
          return void res.end('{}');
        default:
          res.setHeader('content-type', 'text/html');
          res.statusCode = 200;
          return void res.end('<!DOCTYPE html><html><title>Welcome</title></html>');
      }
    });
  });
  afterAll(async () => {
    await server.close();
    await closeHttpAgents();
  });

  it('follows the v3 self link of a version list', async () => {
    expect(await discoverKeystoneV3(`${server.url}/`)).toBe(`${server.url}/v3`);
    expect(await discoverKeystoneV3(`${server.url}/identity`)).toBe(`${server.url}/identity/v3`);
  });

  it('keeps an auth_url that already names v3 (not the advertised internal host)', async () => {
    expect(await discoverKeystoneV3(`${server.url}/v3/`)).toBe(`${server.url}/v3`);
  });

  it('falls back to a /v3 path when discovery gives nothing, like keystoneauth', async () => {
    expect(await discoverKeystoneV3(`${server.url}/old/v3`)).toBe(`${server.url}/old/v3`);
  });

  it.each([
    ['/neutron', /lists API versions v2\.0 but no v3/],
    ['/portal', /HTML page/],
  ])('%s is NOT_KEYSTONE_V3', async (path, message) => {
    const err = await discoverKeystoneV3(`${server.url}${path}`).catch((e: AppError) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('NOT_KEYSTONE_V3');
    expect((err as AppError).message).toMatch(message);
    expect((err as AppError).hint).toContain('/v3');
  });
});

describe('issueToken status mapping against a local server', () => {
  let server: TestServer;
  let answer: { status: number; type: string; body: string; headers?: Record<string, string> } = {
    status: 500,
    type: 'text/plain',
    body: '',
  };
  beforeAll(async () => {
    server = await startHttpServer((_req, res) => {
      res.statusCode = answer.status;
      res.setHeader('content-type', answer.type);
      for (const [k, v] of Object.entries(answer.headers ?? {})) res.setHeader(k, v);
      res.end(answer.body);
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const pw = { method: 'password', user: { name: 'alice', domain: { id: 'default' } }, password: 'pw' } as const;
  it.each<[string, typeof answer, 'password' | 'token', string, RegExp]>([
    [
      'keystone 404 for a token',
      {
        status: 404,
        type: 'application/json',
        body: '{"error":{"code":404,"message":"Could not recognize Fernet token","title":"Not Found"}}',
      },
      'token',
      'TOKEN_EXPIRED',
      /Could not recognize Fernet token/,
    ],
    [
      'keystone 404 for a password',
      {
        status: 404,
        type: 'application/json',
        body: '{"error":{"code":404,"message":"Could not find domain: nope.","title":"Not Found"}}',
      },
      'password',
      'AUTH_FAILED',
      /Could not find domain: nope/,
    ],
    [
      'HTML 404',
      { status: 404, type: 'text/html', body: '<html><title>404</title></html>' },
      'password',
      'NOT_KEYSTONE_V3',
      /not a Keystone v3 token endpoint/,
    ],
    [
      '400',
      {
        status: 400,
        type: 'application/json',
        body: '{"error":{"code":400,"message":"Expecting to find domain in project."}}',
      },
      'password',
      'CONFIG_INVALID',
      /Expecting to find domain in project/,
    ],
    [
      '403',
      {
        status: 403,
        type: 'application/json',
        body: '{"error":{"code":403,"message":"The account is disabled for user: u1."}}',
      },
      'password',
      'FORBIDDEN',
      /disabled/,
    ],
    [
      'MFA receipt',
      { status: 401, type: 'application/json', body: '{"receipt":{}}', headers: { 'openstack-auth-receipt': 'r' } },
      'password',
      'AUTH_FAILED',
      /multi-factor/,
    ],
    [
      '201 without a token header',
      { status: 201, type: 'application/json', body: '{"token":{}}' },
      'password',
      'NOT_KEYSTONE_V3',
      /not with a Keystone token/,
    ],
    [
      '503',
      { status: 503, type: 'text/plain', body: 'Service Unavailable' },
      'password',
      'SERVICE_ERROR',
      /answered 503: Service Unavailable/,
    ],
    [
      '405 from a web server',
      { status: 405, type: 'text/html', body: '<html><title>405 Not Allowed</title></html>' },
      'password',
      'NOT_KEYSTONE_V3',
      /405 \(not JSON\)/,
    ],
    [
      '500 JSON',
      { status: 500, type: 'application/json', body: '{"error":{"code":500,"message":"boom"}}' },
      'password',
      'SERVICE_ERROR',
      /answered 500: boom/,
    ],
  ])('%s', async (_n, a, method, code, message) => {
    answer = a;
    const creds = method === 'token' ? ({ method: 'token', token: 't' } as const) : pw;
    const err = await issueToken(`${server.url}/v3`, creds, { kind: 'project', id: 'p' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe(code);
    expect((err as AppError).message).toMatch(message);
    expect(JSON.stringify(err)).not.toContain('"pw"');
  });
});
