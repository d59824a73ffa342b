/**
 * Regions against the lab's real Keystone: the regions a session offers are those Keystone's own
 * endpoint list gives a public network endpoint (read independently through /v3/endpoints), and
 * switching to the OVN lab's region RegionOVN (its neutron-server on :9700, registered in the same
 * Keystone) re-points the session at that Neutron: the networks listed are the OVN lab's. A project
 * whose catalog Keystone filters to RegionOVN (OS-EP-FILTER, made and removed by the test) makes the
 * session fall back to RegionOVN and say so, and switching back returns to the chosen region.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Result } from '../../src/shared/errors';
import type { SessionInfo } from '../../src/shared/models/cloud';
import { createDispatcher } from '../../src/main/ipc/handle';
import { cloudsRoutes } from '../../src/main/ipc/routes/clouds';
import { closeHttpAgents } from '../../src/main/openstack/http';
import { createTestServices } from '../../src/main/testing/test-services';
import { OVN_LAB_DIR } from '../lab-gate';
import { projectCataloguedIn } from '../keystone-projects';
import { describeLab, labIt, requireLab } from './lab';

const APP = 'http://app.test/';
const OVN_REGION = 'RegionOVN';

interface Endpoint {
  service_id: string;
  interface: string;
  region_id: string | null;
  url: string;
}

describeLab('regions of the lab catalog', () => {
  const lab = requireLab();
  const { services } = createTestServices({
    dialogs: { confirm: async () => true },
    env: { OS_CLIENT_CONFIG_FILE: lab.files['clouds.yaml'], OS_CLIENT_SECURE_FILE: lab.files['secure.yaml'] },
  });
  const dispatch = createDispatcher(cloudsRoutes, services, { isTrustedSender: (u) => u.startsWith(APP) });
  async function call<T>(channel: string, req?: unknown): Promise<T> {
    const r = (await dispatch(channel, req, { senderUrl: APP })) as Result<T>;
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.data;
  }
  let cloudId = '';
  let session: SessionInfo;
  /** Region -> public URL per service type, from Keystone's endpoint list (admin API), not the token. */
  const registered = new Map<string, Record<string, string>>();

  beforeAll(async () => {
    cloudId = (await services.clouds.importDiscovered(['lab-admin'])).imported[0].id;
    session = await call<SessionInfo>('session:connect', { cloudId });
    const client = services.sessions.client(cloudId);
    const types = new Map(
      (
        await client.request<{ services: Array<{ id: string; type: string }> }>('identity', 'services')
      ).data.services.map((s) => [s.id, s.type]),
    );
    const eps = (
      await client.request<{ endpoints: Endpoint[] }>('identity', 'endpoints', { query: { interface: 'public' } })
    ).data.endpoints;
    for (const e of eps) {
      if (!e.region_id) continue;
      const byType = registered.get(e.region_id) ?? {};
      byType[types.get(e.service_id) ?? '?'] = e.url;
      registered.set(e.region_id, byType);
    }
  });
  afterAll(async () => {
    await services.sessions.closeAll();
    await closeHttpAgents();
  });

  it("offers exactly Keystone's regions with a public network endpoint, with their compute", () => {
    const expected = [...registered]
      .filter(([, byType]) => byType.network)
      .map(([name, byType]) => ({ name, services: byType.compute ? ['network', 'compute'] : ['network'] }))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(session.regions).toEqual(expected);
    expect(session.regions.map((r) => r.name)).toContain(lab.region);
    expect(session.region).toBe(lab.region);
  });

  it('switches to every region offered: the network endpoint is that region’s, and back', async () => {
    for (const { name } of session.regions) {
      const switched = await call<SessionInfo>('session:switchRegion', { cloudId, region: name });
      expect(switched.region).toBe(name);
      expect(switched.services.find((s) => s.type === 'network')?.url).toBe(registered.get(name)?.network);
      expect(services.sessions.client(cloudId).endpoint('network')).toBe(
        `${registered.get(name)?.network?.replace(/\/+$/, '')}/v2.0`,
      );
    }
    expect((await call<SessionInfo>('session:switchRegion', { cloudId, region: lab.region })).region).toBe(lab.region);
  });

  labIt(['ovn'])("RegionOVN lists the OVN lab's networks, RegionOne the ML2 lab's", async () => {
    const ovn = JSON.parse(readFileSync(join(OVN_LAB_DIR, 'topology.json'), 'utf8')) as {
      region: string;
      networks: Record<string, { id: string }>;
    };
    expect(ovn.region).toBe(OVN_REGION);
    const ids = async () =>
      (
        await services.sessions.client(cloudId).request<{ networks: Array<{ id: string }> }>('network', 'networks')
      ).data.networks.map((n) => n.id);
    const ml2Ids = await ids();
    expect(ml2Ids).toEqual(expect.arrayContaining(Object.values(lab.networks).map((n) => (n as { id: string }).id)));
    await call('session:switchRegion', { cloudId, region: OVN_REGION });
    const ovnIds = await ids();
    expect(ovnIds).toEqual(expect.arrayContaining(Object.values(ovn.networks).map((n) => n.id)));
    expect(ovnIds.filter((id) => ml2Ids.includes(id))).toEqual([]);
    await call('session:switchRegion', { cloudId, region: lab.region });
    expect(await ids()).toEqual(ml2Ids);
  });

  labIt(['ovn'])(
    'a project whose catalog offers only RegionOVN: the session falls back to it, says so, and returns',
    async () => {
      const admin = services.sessions.client(cloudId);
      const home = session.scope.kind === 'project' ? session.scope.id : '';
      const project = await projectCataloguedIn(admin, OVN_REGION, session.user.id);
      try {
        const there = await call<SessionInfo>('session:switchProject', { cloudId, projectId: project });
        expect(there.regions.map((r) => r.name)).toEqual([OVN_REGION]);
        expect(there.region).toBe(OVN_REGION);
        expect(there.regionFallback).toEqual({ wanted: lab.region, region: OVN_REGION });
        expect(services.sessions.client(cloudId).endpoint('network')).toBe(
          `${registered.get(OVN_REGION)?.network?.replace(/\/+$/, '')}/v2.0`,
        );
        const back = await call<SessionInfo>('session:switchProject', { cloudId, projectId: home });
        expect(back.region).toBe(lab.region);
        expect(back.regionFallback).toBeUndefined();
      } finally {
        await services.sessions.client(cloudId).request('identity', `projects/${project}`, { method: 'DELETE' });
      }
    },
  );
});
