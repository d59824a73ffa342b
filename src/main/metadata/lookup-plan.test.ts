import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../openstack/test-servers';
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
});
