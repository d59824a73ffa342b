/**
 * A hostile server on loopback answering 128 MiB: main reads at most the cap, stops the transfer,
 * and says why. Every Keystone, Neutron, Nova and nova-metadata call goes through httpRequest.
 */
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { forwardToNova } from '../metadata/nova-metadata-client';
import { closeHttpAgents, DEFAULT_MAX_BODY_BYTES, httpRequest } from './http';
import { startHttpServer, type TestServer } from './test-servers';

const MiB = 1024 * 1024;
const hostileSize = 128 * MiB;
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await closeHttpAgents();
});

/** Streams `total` bytes as fast as the client takes them; counts what actually left. */
function stream(res: ServerResponse, total: number, sent: { bytes: number; done: boolean }): void {
  const chunk = Buffer.alloc(256 * 1024, 0x7b);
  const pump = () => {
    while (sent.bytes < total && !res.destroyed) {
      sent.bytes += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
    sent.done = true;
  };
  res.on('close', () => (sent.done = true));
  pump();
}

async function hostile(declare: boolean) {
  const sent = { bytes: 0, done: false };
  const server = await startHttpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', ...(declare ? { 'content-length': hostileSize } : {}) });
    stream(res, hostileSize, sent);
  });
  servers.push(server);
  return { server, sent };
}

describe('bounded response bodies', () => {
  it('a 128 MiB streamed body (no Content-Length) stops at the 16 MiB cap with a clear error', async () => {
    const { server, sent } = await hostile(false);
    const before = process.memoryUsage().arrayBuffers;
    const error = await httpRequest({ url: `${server.url}/v2.0/ports?token=x` }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SERVICE_ERROR' });
    expect((error as Error).message).toMatch(/sent more than the 16 MiB limit/);
    expect((error as Error).message).not.toContain('token=x');
    await new Promise((r) => setTimeout(r, 200));
    // The transfer was cut: far less than 128 MiB left the server (socket buffers aside).
    expect(sent.bytes).toBeLessThan(DEFAULT_MAX_BODY_BYTES + 16 * MiB);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(48 * MiB);
  });

  it('a declared 128 MiB Content-Length is refused before the body is read', async () => {
    const { server, sent } = await hostile(true);
    const error = await httpRequest({ url: `${server.url}/v3/auth/tokens` }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SERVICE_ERROR' });
    expect((error as Error).message).toMatch(/announced a 128 MiB body, over the 16 MiB limit/);
    await new Promise((r) => setTimeout(r, 200));
    expect(sent.bytes).toBeLessThan(16 * MiB);
  });

  it('a body under the cap is read whole; a caller may lower the cap', async () => {
    const server = await startHttpServer((_req, res) => res.end(Buffer.alloc(2 * MiB, 0x61)));
    servers.push(server);
    expect((await httpRequest({ url: server.url })).body.length).toBe(2 * MiB);
    await expect(httpRequest({ url: server.url, maxBodyBytes: MiB })).rejects.toMatchObject({ code: 'SERVICE_ERROR' });
  });

  it('nova-api-metadata documents have their own configurable cap', async () => {
    const server = await startHttpServer((_req, res) => res.end(Buffer.alloc(2 * MiB, 0x61)));
    servers.push(server);
    const forward = {
      method: 'GET',
      pathAndQuery: '/openstack/latest/user_data',
      forwardedFor: '10.0.0.10',
      instanceId: 'i',
      projectId: 'p',
    };
    const target = { url: server.url, secret: 's3cret' };
    expect((await forwardToNova(target, forward)).body.length).toBe(2 * MiB);
    const error = await forwardToNova({ ...target, maxBodyBytes: MiB }, forward).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SERVICE_ERROR' });
    expect(JSON.stringify(error)).not.toContain('s3cret');
  });
});
