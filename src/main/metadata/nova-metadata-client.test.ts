import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { closeHttpAgents } from '../openstack/http';
import {
  closedPort,
  makeSelfSignedCert,
  startHttpServer,
  startHttpsServer,
  type TestServer,
} from '../openstack/test-servers';
import { forwardToNova, novaRequestUrl, type ForwardRequest } from './nova-metadata-client';
import { signInstanceId } from './signer';

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  rawNames: string[];
  body: Buffer;
}

const payload = randomBytes(4096);
const gzipped = gzipSync(Buffer.from('#cloud-config\nhostname: x\n'));
let seen: Seen[] = [];
let server: TestServer;
let tls: TestServer;
const cert = makeSelfSignedCert();

function record(req: IncomingMessage): Promise<Seen> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers as Record<string, string>,
        rawNames: req.rawHeaders.filter((_, i) => i % 2 === 0),
        body: Buffer.concat(chunks),
      };
      seen.push(s);
      resolve(s);
    });
  });
}

beforeAll(async () => {
  server = await startHttpServer(async (req, res) => {
    const s = await record(req);
    if (s.url.startsWith('/binary')) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return res.end(payload);
    }
    if (s.url.startsWith('/gzip')) {
      // Nova never does this, but a proxy in between might: the bytes must come back as they are.
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
      return res.end(gzipped);
    }
    if (s.url.startsWith('/slow')) return; // never answers
    res.writeHead(s.method === 'POST' ? 409 : 200, { 'content-type': 'text/plain; charset=UTF-8' });
    res.end(`echo ${s.method} ${s.url}`);
  });
  tls = await startHttpsServer(cert, async (req, res) => {
    await record(req);
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('tls ok');
  });
});
afterAll(async () => {
  await server.close();
  await tls.close();
  await closeHttpAgents();
});

const request = (over: Partial<ForwardRequest> = {}): ForwardRequest => ({
  method: 'GET',
  pathAndQuery: '/openstack/latest/meta_data.json',
  forwardedFor: '::ffff:10.0.0.11',
  instanceId: '11111111-1111-4111-8111-111111111102',
  projectId: 'proj-alpha',
  ...over,
});

describe('forwardToNova', () => {
  it('sends exactly the four agent headers (plus transport headers) and keeps X-Forwarded-For as given', async () => {
    seen = [];
    const answer = await forwardToNova(
      { url: server.url, secret: 's3cret' },
      request({ pathAndQuery: '/openstack/latest/meta_data.json?a=1&b=%20' }),
    );
    expect(answer.status).toBe(200);
    const s = seen[0];
    expect(s.url).toBe('/openstack/latest/meta_data.json?a=1&b=%20');
    expect(s.headers['x-forwarded-for']).toBe('::ffff:10.0.0.11');
    expect(s.headers['x-instance-id']).toBe('11111111-1111-4111-8111-111111111102');
    expect(s.headers['x-tenant-id']).toBe('proj-alpha');
    expect(s.headers['x-instance-id-signature']).toBe(signInstanceId('s3cret', '11111111-1111-4111-8111-111111111102'));
    const names = s.rawNames.map((n) => n.toLowerCase()).sort();
    expect(names.filter((n) => n.startsWith('x-'))).toEqual([
      'x-forwarded-for',
      'x-instance-id',
      'x-instance-id-signature',
      'x-tenant-id',
    ]);
    expect(names.filter((n) => !n.startsWith('x-') && !['host', 'connection'].includes(n))).toEqual([]);
  });

  it('passes method and body through and returns any status as an answer', async () => {
    seen = [];
    const answer = await forwardToNova(
      { url: server.url, secret: 's' },
      request({ method: 'POST', pathAndQuery: '/openstack/latest/password', body: Buffer.from('pw-bytes') }),
    );
    expect(answer.status).toBe(409);
    expect(seen[0].method).toBe('POST');
    expect(seen[0].body.toString()).toBe('pw-bytes');
    expect(answer.body.toString()).toBe('echo POST /openstack/latest/password');
  });

  it('returns binary and gzip bodies byte-exact, with their headers, never decoded', async () => {
    const bin = await forwardToNova({ url: server.url, secret: 's' }, request({ pathAndQuery: '/binary' }));
    expect(bin.body.equals(payload)).toBe(true);
    expect(bin.headers['content-type']).toBe('application/octet-stream');
    const gz = await forwardToNova({ url: server.url, secret: 's' }, request({ pathAndQuery: '/gzip' }));
    expect(gz.body.equals(gzipped)).toBe(true);
    expect(gz.headers['content-encoding']).toBe('gzip');
  });

  it('keeps a path prefix of the base URL', () => {
    expect(novaRequestUrl('https://nova.example:8775/metadata/', '/openstack')).toBe(
      'https://nova.example:8775/metadata/openstack',
    );
    expect(() => novaRequestUrl('ftp://x', '/openstack')).toThrow(/http/);
    expect(() => novaRequestUrl('http://x', 'openstack')).toThrow(AppError);
    expect(() => novaRequestUrl('http://x', '/a\r\nX-Evil: 1')).toThrow(AppError);
  });

  it('unreachable nova: UNREACHABLE naming the URL and the option, never the secret', async () => {
    const port = await closedPort();
    const err = await forwardToNova({ url: `http://127.0.0.1:${port}`, secret: 'do-not-leak' }, request()).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('UNREACHABLE');
    expect(err.message).toContain(`127.0.0.1:${port}`);
    expect(err.hint).toMatch(/nova_metadata_host/);
    expect(JSON.stringify({ m: err.message, h: err.hint, d: err.details })).not.toContain('do-not-leak');
  });

  it('times out with UNREACHABLE', async () => {
    const err = await forwardToNova(
      { url: server.url, secret: 's', timeoutMs: 150 },
      request({ pathAndQuery: '/slow' }),
    ).catch((e) => e);
    expect(err.code).toBe('UNREACHABLE');
    expect(err.message).toMatch(/within/);
  });

  it('TLS: an unknown CA is TLS_ERROR naming the option; cacert or verify=false work', async () => {
    const err = await forwardToNova({ url: tls.url, secret: 's', tls: { verify: true } }, request()).catch((e) => e);
    expect(err.code).toBe('TLS_ERROR');
    expect(err.hint).toMatch(/auth_ca_cert/);
    const withCa = await forwardToNova(
      { url: tls.url, secret: 's', tls: { verify: true, cacert: cert.certPath } },
      request(),
    );
    expect(withCa.body.toString()).toBe('tls ok');
    const insecure = await forwardToNova({ url: tls.url, secret: 's', tls: { verify: false } }, request());
    expect(insecure.status).toBe(200);
  });
});
