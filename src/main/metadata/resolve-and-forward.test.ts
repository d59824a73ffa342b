import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type TestServer } from '../openstack/test-servers';
import { createResolver } from './resolver';
import { resolveAndForward } from './resolve-and-forward';
import { startFakeNeutron, type FakeNeutron } from './testing/fake-neutron';
import type { NeutronPortRow } from './neutron-ports';

// A nova stand-in that knows only inst-new: like nova after the port moved to a new instance.
let nova: TestServer;
let novaSaw: string[] = [];
let neutron: FakeNeutron;
const vmPort = (device: string): NeutronPortRow => ({
  id: 'p1',
  device_id: device,
  device_owner: 'compute:nova',
  tenant_id: 'proj',
  project_id: 'proj',
  network_id: 'n1',
  fixed_ips: [{ ip_address: '10.0.0.10' }],
});

beforeAll(async () => {
  neutron = await startFakeNeutron([vmPort('inst-old')]);
  nova = await startHttpServer((req, res) => {
    const id = String(req.headers['x-instance-id']);
    novaSaw.push(id);
    res.writeHead(id === 'inst-new' ? 200 : 404, { 'content-type': 'text/plain' });
    res.end(id === 'inst-new' ? 'meta' : 'not found');
  });
});
afterAll(async () => {
  await nova.close();
  await neutron.close();
});

const request = { forwardedFor: '10.0.0.10', networkId: 'n1', method: 'GET', pathAndQuery: '/openstack' };

describe('resolveAndForward', () => {
  it('with the cache on, a 404 re-resolves once bypassing the cache and forwards again (LP #1868867)', async () => {
    novaSaw = [];
    neutron.ports = [vmPort('inst-old')];
    const resolver = createResolver({ client: neutron.client, cache: { ttlMs: 60_000, max: 10 } });
    await resolver.resolve({ ip: '10.0.0.10', networkId: 'n1' }); // warm the cache with inst-old
    neutron.ports = [vmPort('inst-new')];
    const out = await resolveAndForward(resolver, { url: nova.url, secret: 's' }, request);
    expect(out.trace.cached).toBe(true);
    expect(out.retryTrace?.cached).toBe(false);
    expect(novaSaw).toEqual(['inst-old', 'inst-new']);
    expect(out.answer?.status).toBe(200);
    expect(out.forwardedAs).toEqual({ instanceId: 'inst-new', projectId: 'proj' });
  });

  it('with the cache off (the default), a 404 is relayed as it is', async () => {
    novaSaw = [];
    neutron.ports = [vmPort('inst-old')];
    const out = await resolveAndForward(
      createResolver({ client: neutron.client }),
      { url: nova.url, secret: 's' },
      request,
    );
    expect(out.answer?.status).toBe(404);
    expect(out.retryTrace).toBeUndefined();
    expect(novaSaw).toEqual(['inst-old']);
  });

  it('forwards nothing when the resolution does not land', async () => {
    novaSaw = [];
    neutron.ports = [];
    const out = await resolveAndForward(
      createResolver({ client: neutron.client }),
      { url: nova.url, secret: 's' },
      request,
    );
    expect(out.trace.outcome.kind).toBe('not-found');
    expect(out.answer).toBeUndefined();
    expect(novaSaw).toEqual([]);
  });
});
