/**
 * Local loopback servers for tests (unit and integration): a plain http server with a handler,
 * and an https server with a throwaway self-signed certificate made by `openssl`.
 * Test support only; never imported by app code.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

async function listen(server: Server, scheme: 'http' | 'https'): Promise<TestServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** An http server on 127.0.0.1 with a random port. */
export function startHttpServer(handler: RequestListener): Promise<TestServer> {
  return listen(createHttpServer(handler), 'http');
}

export interface SelfSignedCert {
  dir: string;
  certPath: string;
  keyPath: string;
}

/** A self-signed certificate for CN/SAN 127.0.0.1, written by openssl into a fresh temp dir. */
export function makeSelfSignedCert(): SelfSignedCert {
  const dir = mkdtempSync(join(tmpdir(), 'sl-tls-'));
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ],
    { stdio: 'ignore' },
  );
  return { dir, certPath, keyPath };
}

/** An https server on 127.0.0.1 using a self-signed certificate. */
export function startHttpsServer(cert: SelfSignedCert, handler: RequestListener): Promise<TestServer> {
  const server = createHttpsServer({ cert: readFileSync(cert.certPath), key: readFileSync(cert.keyPath) }, handler);
  return listen(server as unknown as Server, 'https');
}

/** Reads a request body as text. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = await startHttpServer(() => undefined);
  const port = Number(new URL(s.url).port);
  await s.close();
  return port;
}
