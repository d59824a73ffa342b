import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, startHttpServer } from '../openstack/test-servers';
import { createServiceClient } from '../openstack/service-client';
import { planInstanceLookup } from './lookup-plan';
import { startFakeNeutron, type FakeNeutron } from './testing/fake-neutron';

let neutron: FakeNeutron;
let computeUrl: string;
beforeAll(async () => {
  neutron = await startFakeNeutron([]);
  computeUrl = `http://127.0.0.1:${await closedPort()}/v2.1`;
});
afterAll(() => neutron.close());

describe('planInstanceLookup', () => {
  it('keeps going on Neutron when the compute API is down, and says what that costs', async () => {
    const client = createServiceClient({
      tokens: { token: async () => 't', renew: async () => 't' },
      endpoints: { endpointUrl: (s) => (s === 'compute' ? computeUrl : `${neutron.url}/`), has: () => true },
    });
    const plan = await planInstanceLookup(client, 'cloud', 'inst-x', 'cloud');
    expect(plan.instance).toEqual({ id: 'inst-x' });
    expect(plan.notes.join(' ')).toMatch(
      /compute API did not answer .*refused the connection.*name and config drive are unknown/,
    );
    expect(plan.notes.join(' ')).toMatch(/No port has device_id inst-x/);
    expect(neutron.queries.at(-1)?.searchParams.get('device_id')).toBe('inst-x');
    expect(plan.paths).toEqual([]);
  });

  it('without a compute endpoint, says so', async () => {
    const client = createServiceClient({
      tokens: { token: async () => 't', renew: async () => 't' },
      endpoints: { endpointUrl: () => `${neutron.url}/`, has: (s) => s !== 'compute' },
    });
    const plan = await planInstanceLookup(client, 'cloud', 'inst-y', 'project');
    expect(plan.notes.join(' ')).toMatch(/no compute endpoint/);
    expect(plan.notes.join(' ')).toMatch(/project-scoped session/);
  });

  it("names the instance's project when Keystone shows it, and keeps the id alone when it refuses", async () => {
    const asked: string[] = [];
    const api = await startHttpServer((req, res) => {
      asked.push(req.url ?? '');
      const server = /^\/v2\.1\/servers\/(inst-\w+)$/.exec(req.url ?? '');
      const json = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (server)
        return json(200, { server: { id: server[1], name: `${server[1]}-vm`, project_id: `p-${server[1]}` } });
      if (req.url === '/v3/projects/p-inst-alpha') return json(200, { project: { id: 'p-inst-alpha', name: 'alpha' } });
      return json(403, { error: { code: 403, message: 'You are not authorized' } });
    });
    try {
      const client = createServiceClient({
        tokens: { token: async () => 't', renew: async () => 't' },
        endpoints: {
          endpointUrl: (s) => (s === 'network' ? `${neutron.url}/` : `${api.url}/${s === 'compute' ? 'v2.1' : 'v3'}`),
          has: () => true,
        },
      });
      const named = await planInstanceLookup(client, 'cloud', 'inst-alpha', 'cloud');
      expect(named.instance).toMatchObject({ id: 'inst-alpha', projectId: 'p-inst-alpha', projectName: 'alpha' });
      const refused = await planInstanceLookup(client, 'cloud', 'inst-beta', 'cloud');
      expect(refused.instance.projectId).toBe('p-inst-beta');
      expect(refused.instance).not.toHaveProperty('projectName');
      expect(refused.notes.join(' ')).not.toMatch(/403|authori[sz]ed/);
      expect(asked.filter((u) => u.startsWith('/v3/'))).toEqual([
        '/v3/projects/p-inst-alpha',
        '/v3/projects/p-inst-beta',
      ]);
    } finally {
      await api.close();
    }
  });
});
