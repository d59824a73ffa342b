import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAppError } from '../testing/expect-app-error';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../errors';
import { closeHttpAgents } from './http';
import {
  apiRoot,
  buildUrl,
  createServiceClient,
  serviceErrorMessage,
  type ServiceType,
  type TokenSource,
} from './service-client';
import { readBody, startHttpServer, type TestServer } from './test-servers';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const failure = expectAppError;

describe('buildUrl / apiRoot', () => {
  it('repeats keys for array values, skips undefined, keeps an existing query', () => {
    const url = buildUrl('http://h:9696/v2.0', '/ports?fields=id', {
      device_owner: ['network:router_interface', 'network:ha_router_replicated_interface'],
      limit: 50,
      admin_state_up: true,
      name: undefined,
      'tag-any': 'a b&c',
    });
    expect(url.pathname).toBe('/v2.0/ports');
    expect(url.searchParams.getAll('device_owner')).toEqual([
      'network:router_interface',
      'network:ha_router_replicated_interface',
    ]);
    expect(url.searchParams.getAll('fields')).toEqual(['id']);
    expect(url.searchParams.has('name')).toBe(false);
    expect(url.search).toContain('admin_state_up=true');
    expect(url.search).toContain('tag-any=a+b%26c');
  });

  it('takes absolute next links as they are', () => {
    expect(buildUrl('http://h:9696/v2.0', 'http://h:9696/v2.0/ports?marker=x').toString()).toBe(
      'http://h:9696/v2.0/ports?marker=x',
    );
  });

  it.each<[ServiceType, string, string]>([
    ['identity', 'http://h:5000', 'http://h:5000/v3'],
    ['identity', 'http://h:5000/v3/', 'http://h:5000/v3'],
    ['identity', 'https://h/identity', 'https://h/identity/v3'],
    ['network', 'http://h:9696', 'http://h:9696/v2.0'],
    ['network', 'http://h:9696/v2.0/', 'http://h:9696/v2.0'],
    ['compute', 'http://h:8774/v2.1', 'http://h:8774/v2.1'],
    ['compute', 'http://h:8774/v2/abc/', 'http://h:8774/v2/abc'],
  ])('apiRoot(%s, %s) = %s', (service, url, root) => {
    expect(apiRoot(service, url)).toBe(root);
  });
});

describe('serviceErrorMessage', () => {
  it.each([
    [
      'neutron',
      '{"NeutronError": {"type": "PortNotFound", "message": "Port x could not be found.", "detail": ""}}',
      'Port x could not be found.',
    ],
    [
      'nova',
      '{"itemNotFound": {"code": 404, "message": "Instance y could not be found."}}',
      'Instance y could not be found.',
    ],
    [
      'keystone',
      '{"error": {"code": 401, "message": "The request you have made requires authentication.", "title": "Unauthorized"}}',
      'The request you have made requires authentication.',
    ],
    ['webob flat', '{"message": "Forbidden", "code": 403}', 'Forbidden'],
    ['html', '<html><head><title>502 Bad Gateway</title></head></html>', '502 Bad Gateway'],
    [
      'text',
      '401 Unauthorized\n\nThis server could not verify that you are authorized.\n',
      '401 Unauthorized This server could not verify that you are authorized.',
    ],
  ])('%s', (_name, body, expected) => {
    expect(serviceErrorMessage(Buffer.from(body))).toBe(expected);
  });
  it('returns undefined for an empty body', () => {
    expect(serviceErrorMessage(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('createServiceClient against a local server', () => {
  let server: TestServer;
  const seen: Seen[] = [];
  let validToken = 'tok-1';
  let route: (req: IncomingMessage, res: ServerResponse, body: string) => void = () => undefined;

  beforeAll(async () => {
    server = await startHttpServer(async (req, res) => {
      const body = await readBody(req);
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (req.headers['x-auth-token'] !== validToken) {
        res.statusCode = 401;
        res.setHeader('content-type', 'application/json');
        return void res.end(
          '{"error": {"code": 401, "message": "The request you have made requires authentication."}}',
        );
      }
      route(req, res, body);
    });
  });
  afterAll(async () => {
    await server.close();
    await closeHttpAgents();
  });

  function client(tokens?: Partial<TokenSource>, has: ServiceType[] = ['network', 'compute']) {
    let current = 'tok-1';
    const renewals: string[] = [];
    const c = createServiceClient({
      tokens: {
        token: async () => current,
        renew: async (refused) => {
          renewals.push(refused);
          current = `${refused}-renewed`;
          return current;
        },
        ...tokens,
      },
      endpoints: {
        endpointUrl: (service) => {
          if (!has.includes(service)) throw new AppError('NO_ENDPOINT', `no ${service}`);
          return service === 'network' ? server.url : `${server.url}/v2.1`;
        },
        has: (service) => has.includes(service),
      },
    });
    return { c, renewals };
  }

  it('sends the token, JSON body, microversion and repeated query keys; parses JSON', async () => {
    validToken = 'tok-1';
    route = (_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{"ports": [{"id": "p1"}]}');
    };
    seen.length = 0;
    const { c } = client();
    const res = await c.request<{ ports: Array<{ id: string }> }>('network', 'ports', {
      query: { device_owner: ['a', 'b'] },
    });
    expect(res.data.ports[0].id).toBe('p1');
    expect(seen[0].url).toBe('/v2.0/ports?device_owner=a&device_owner=b');
    expect(seen[0].headers['x-auth-token']).toBe('tok-1');
    await c.request('compute', 'servers', { method: 'POST', body: { server: { name: 'x' } }, microversion: '2.79' });
    expect(seen[1]).toMatchObject({ method: 'POST', url: '/v2.1/servers', body: '{"server":{"name":"x"}}' });
    expect(seen[1].headers['openstack-api-version']).toBe('compute 2.79');
    expect(seen[1].headers['x-openstack-nova-api-version']).toBe('2.79');
    expect(seen[1].headers['content-type']).toBe('application/json');
    expect(c.stats.calls).toBe(2);
  });

  it('re-authenticates once on 401 and retries with the new token', async () => {
    validToken = 'tok-1-renewed';
    route = (_req, res) => res.end('{"ok": true}');
    seen.length = 0;
    const { c, renewals } = client();
    const res = await c.request<{ ok: boolean }>('network', 'networks');
    expect(res.data.ok).toBe(true);
    expect(renewals).toEqual(['tok-1']);
    expect(seen.map((s) => s.headers['x-auth-token'])).toEqual(['tok-1', 'tok-1-renewed']);
    expect(c.stats.calls).toBe(2);
  });

  it('gives up after one retry with AUTH_FAILED and no token in the error', async () => {
    validToken = 'never';
    const { c, renewals } = client();
    const err = await failure(c.request('network', 'networks', { query: { password: 'hunter2' } }));
    expect(err.code).toBe('AUTH_FAILED');
    expect(renewals).toHaveLength(1);
    expect(err.details).toMatchObject({ status: 401, url: `${server.url}/v2.0/networks` });
    expect(JSON.stringify({ ...err, message: err.message })).not.toMatch(/tok-1|hunter2/);
  });

  it.each([
    [403, '{"NeutronError": {"message": "Access denied"}}', 'FORBIDDEN', 'Access denied'],
    [
      404,
      '{"itemNotFound": {"code": 404, "message": "Instance x could not be found."}}',
      'NOT_FOUND',
      'Instance x could not be found.',
    ],
    [409, '{"NeutronError": {"message": "In use"}}', 'SERVICE_ERROR', 'In use'],
    [500, 'Internal Server Error', 'SERVICE_ERROR', 'Internal Server Error'],
  ])('maps %i to %s with the service message and request id', async (status, body, code, said) => {
    validToken = 'tok-1';
    route = (_req, res) => {
      res.statusCode = status;
      res.setHeader('x-openstack-request-id', 'req-abc');
      res.end(body);
    };
    const { c } = client();
    const err = await failure(c.request('network', 'ports/x'));
    expect(err.code).toBe(code);
    expect(err.message).toContain(said);
    expect(err.message).toContain(`GET ${server.url}/v2.0/ports/x`);
    expect(err.details).toMatchObject({ status, service: 'network', requestId: 'req-abc' });
  });

  it('refuses next links to another origin and non-JSON bodies', async () => {
    validToken = 'tok-1';
    route = (_req, res) => res.end('<html>hi</html>');
    const { c } = client();
    expect((await failure(c.request('network', 'http://10.9.9.9:9696/v2.0/ports?marker=1'))).code).toBe(
      'SERVICE_ERROR',
    );
    const err = await failure(c.request('network', 'ports'));
    expect(err.code).toBe('SERVICE_ERROR');
    expect(err.message).toContain('not JSON');
  });

  it('returns undefined data for 204 and reports missing services', async () => {
    validToken = 'tok-1';
    route = (_req, res) => {
      res.statusCode = 204;
      res.end();
    };
    const { c } = client(undefined, ['network']);
    const res = await c.request('network', 'ports/x', { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(res.data).toBeUndefined();
    expect(c.hasService('compute')).toBe(false);
    expect(() => c.endpoint('compute')).toThrow(AppError);
  });
});
