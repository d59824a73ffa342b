import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAppError } from '../testing/expect-app-error';
import { join } from 'node:path';
import { closeHttpAgents, httpRequest, redactUrl } from './http';
import {
  closedPort,
  makeSelfSignedCert,
  startHttpServer,
  startHttpsServer,
  type SelfSignedCert,
  type TestServer,
} from './test-servers';

const failure = expectAppError;

describe('httpRequest', () => {
  let plain: TestServer;
  let tlsServer: TestServer;
  let cert: SelfSignedCert;

  beforeAll(async () => {
    plain = await startHttpServer((req, res) => {
      if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2_000);
      res.setHeader('X-Echo-Method', req.method ?? '');
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.statusCode = req.url?.startsWith('/missing') ? 404 : 200;
      res.end(JSON.stringify({ path: req.url, auth: req.headers['x-auth-token'] ?? null }));
    });
    cert = makeSelfSignedCert();
    tlsServer = await startHttpsServer(cert, (_req, res) => res.end('tls ok'));
  });
  afterAll(async () => {
    await plain.close();
    await tlsServer.close();
    await closeHttpAgents();
  });

  it('returns status, lower-cased headers and the body for any status', async () => {
    const res = await httpRequest({
      url: `${plain.url}/missing?x=1`,
      method: 'delete',
      headers: { 'X-Auth-Token': 'tok' },
    });
    expect(res.status).toBe(404);
    expect(res.headers['x-echo-method']).toBe('DELETE');
    expect(res.headers['set-cookie']).toBe('a=1, b=2');
    expect(JSON.parse(res.body.toString())).toEqual({ path: '/missing?x=1', auth: 'tok' });
  });

  it('maps a refused connection to UNREACHABLE naming the URL without the query', async () => {
    const port = await closedPort();
    const err = await failure(
      httpRequest({ url: `http://127.0.0.1:${port}/v3?token=secret`, headers: { 'X-Auth-Token': 'tok-secret' } }),
    );
    expect(err.code).toBe('UNREACHABLE');
    expect(err.message).toContain(`127.0.0.1:${port}`);
    expect(err.message).toContain('refused');
    expect(JSON.stringify(err)).not.toContain('secret');
    expect(err.hint).toMatch(/host and port/);
  });

  it('maps a timeout to UNREACHABLE', async () => {
    const err = await failure(httpRequest({ url: `${plain.url}/slow`, timeoutMs: 200 }));
    expect(err.code).toBe('UNREACHABLE');
    expect(err.message).toMatch(/No answer .* within/);
  });

  it("rethrows the caller's abort reason untouched", async () => {
    const ctl = new AbortController();
    const p = httpRequest({ url: `${plain.url}/slow`, signal: ctl.signal });
    const reason = new Error('user cancelled');
    ctl.abort(reason);
    await expect(p).rejects.toBe(reason);
  });

  it('maps an untrusted self-signed certificate to TLS_ERROR with a hint naming cacert and verify', async () => {
    const err = await failure(httpRequest({ url: `${tlsServer.url}/`, tls: { verify: true } }));
    expect(err.code).toBe('TLS_ERROR');
    expect(err.details?.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(err.hint).toContain('cacert');
    expect(err.hint).toContain('verify: false');
  });

  it('trusts the certificate given as cacert, and anything with verify: false', async () => {
    const viaCa = await httpRequest({ url: `${tlsServer.url}/`, tls: { verify: true, cacert: cert.certPath } });
    expect(viaCa.body.toString()).toBe('tls ok');
    const insecure = await httpRequest({ url: `${tlsServer.url}/`, tls: { verify: false } });
    expect(insecure.status).toBe(200);
  });

  it('maps http spoken to an https port, and https to an http port', async () => {
    const err = await failure(httpRequest({ url: plain.url.replace('http:', 'https:'), tls: { verify: true } }));
    expect(err.code).toBe('TLS_ERROR');
    expect(err.hint).toMatch(/scheme and port/);
  });

  it('names the missing cacert file as CONFIG_INVALID', async () => {
    const missing = join(cert.dir, 'nope.pem');
    const err = await failure(httpRequest({ url: `${tlsServer.url}/`, tls: { verify: true, cacert: missing } }));
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message).toContain(missing);
    expect(err.details).toMatchObject({ option: 'cacert' });
  });

  it('rejects non-http URLs as CONFIG_INVALID', async () => {
    expect((await failure(httpRequest({ url: 'ftp://127.0.0.1/' }))).code).toBe('CONFIG_INVALID');
    expect((await failure(httpRequest({ url: 'not a url' }))).code).toBe('CONFIG_INVALID');
  });

  it('redacts credentials, query and fragment from URLs', () => {
    expect(redactUrl('https://u:p@h:5000/v3/auth?token=x#f')).toBe('https://h:5000/v3/auth');
  });
});
