import { afterEach, describe, expect, it } from 'vitest';
import type { Server as NetServer } from 'node:net';
import { MetadataProxyServer } from './metadata-proxy-server';
import { normaliseListener } from './listener-config';
import { listenInNamespace } from './netns-socket';
import { createFakeBackend } from './testing/fake-backend';
import { send } from './testing/http-client';

const router = 'aaaaaaaa-0000-4000-8000-000000000001';
const vm = '11111111-1111-1111-1111-111111111111';
const ports = [{ ip: '127.0.0.1', routerId: router, networkId: 'n', instanceId: vm, projectId: 'alpha' }];

const open: Array<{ close: () => unknown }> = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

// Without a namespace the child runs in this one: the handover over the IPC channel is the same
// as through `ip netns exec` (that path is tested in the lab: tests/integration/datapath-proxy).
describe('listenInNamespace', () => {
  it("hands over a listening socket that a namespace-mode listener serves, answering as its router's instance", async () => {
    const handle = await listenInNamespace({ host: '127.0.0.1', port: 0 });
    const port = (handle.address() as { port: number }).port;
    expect(port).toBeGreaterThan(0);
    const config = normaliseListener({ name: 'ns', cloudId: 'lab', port: null, mode: 'namespace', routerId: router });
    const backend = createFakeBackend({ ports });
    const server = new MetadataProxyServer(config, backend);
    open.push({ close: () => server.stop() });
    const status = await server.start({ handle });
    expect(status.state).toBe('running');
    expect(status.port).toBe(port);
    // A client claiming another router changes nothing: the scope is the listener's own.
    const res = await send({ port }, { headers: { 'X-Neutron-Router-ID': 'bbbbbbbb-0000-4000-8000-000000000002' } });
    expect(res.status).toBe(200);
    expect(backend.resolves.map((r) => r.request)).toEqual([{ ip: '127.0.0.1', routerId: router }]);
  });

  it('says so when the port is taken', async () => {
    const first: NetServer = await listenInNamespace({ host: '127.0.0.1', port: 0 });
    open.push({ close: () => new Promise((r) => first.close(r)) });
    const port = (first.address() as { port: number }).port;
    await expect(listenInNamespace({ host: '127.0.0.1', port })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('names the namespace when ip netns exec cannot enter it', async () => {
    await expect(
      listenInNamespace({ namespace: 'stacklens-no-such-netns', host: '127.0.0.1', port: 0, timeoutMs: 5000 }),
    ).rejects.toThrow(/namespace stacklens-no-such-netns/);
  });
});
