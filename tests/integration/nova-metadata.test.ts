/**
 * StackLens's nova metadata client and fetcher against the REAL nova-api-metadata of the lab
 * (:8776 directly, and through the recorder :8775): every document of seeded instances, the
 * explanations for a wrong secret (403) and a wrong project (404), user_data byte-exact against
 * the seed and against what the real agent relays.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { fetchMetadataTrees } from '../../src/main/metadata/metadata-fetcher';
import { forwardToNova, type NovaMetadataTarget } from '../../src/main/metadata/nova-metadata-client';
import { fetchInstanceDocuments, fetchOneDocument } from '../../src/main/metadata/metadata-lookup';
import { createResolver } from '../../src/main/metadata/resolver';
import { closeHttpAgents } from '../../src/main/openstack/http';
import type { KeystoneSession } from '../../src/main/openstack/keystone-session';
import { describeLab, labGate, labIt, requireLab } from './lab';
import { askAgent, labIds, labSession, seededUserData } from './metadata-lab';

describeLab('nova-api-metadata (real) through StackLens', () => {
  const lab = requireLab();
  const ids = labIds(lab);
  const nova = (): NovaMetadataTarget => ({
    url: lab.novaMetadataUrl as string,
    secret: lab.metadataSecret,
    timeoutMs: 30_000,
  });
  const seeded = seededUserData();
  const vm1 = ids.instance('alpha-vm1');
  const bvm1 = ids.instance('beta-vm1');
  const as = (i: { id: string; projectId: string; ip: string }) => ({
    instanceId: i.id,
    projectId: i.projectId,
    forwardedFor: i.ip,
  });
  let session: KeystoneSession;
  beforeAll(async () => {
    if (labGate(['nova']).run) session = await labSession(lab, 'admin');
  });
  afterAll(async () => {
    await session?.close();
    await closeHttpAgents();
  });

  labIt(['nova'])('serves every OpenStack document and the EC2 tree of alpha-vm1', async () => {
    const get = (p: string) => forwardToNova(nova(), { method: 'GET', pathAndQuery: p, ...as(vm1) });
    const result = await fetchMetadataTrees(get, {
      url: lab.novaMetadataUrl as string,
      instanceId: vm1.id,
      projectId: vm1.projectId,
    });
    expect(result.versions).toContain('2018-08-27');
    expect(result.versions).toContain('latest');
    const doc = (p: string) => result.documents.find((d) => d.path === p);
    const meta = JSON.parse(doc('/openstack/latest/meta_data.json')?.text ?? '{}');
    expect(meta.uuid).toBe(vm1.id);
    expect(meta.project_id).toBe(vm1.projectId);
    expect(meta.meta).toMatchObject({ 'lab-role': 'alpha-vm1' });
    expect(Object.keys(meta.public_keys)).toEqual(['alpha-key']);
    for (const p of ['network_data.json', 'vendor_data.json', 'vendor_data2.json']) {
      const d = doc(`/openstack/latest/${p}`);
      expect(d?.status, p).toBe(200);
      expect(() => JSON.parse(d?.text ?? '')).not.toThrow();
    }
    const net = JSON.parse(doc('/openstack/latest/network_data.json')?.text ?? '{}');
    expect(net.links?.[0]?.ethernet_mac_address).toBe(vm1.mac);
    expect(doc('/openstack/latest/password')?.status).toBe(200);
    expect(doc('/latest/meta-data/')?.status).toBe(200);
    expect(doc('/latest/meta-data/local-ipv4')?.text).toBe(vm1.ip);
    expect(doc('/latest/meta-data/public-keys/0/openssh-key')?.text).toMatch(/^ssh-ed25519 /);
    expect(doc('/latest/meta-data/placement/availability-zone')?.status).toBe(200);
    expect(result.documents.filter((d) => d.tree === 'ec2').length).toBeGreaterThan(10);
  });

  labIt(['nova'])(
    'user_data is byte-exact against the seed (alpha-vm1 cloud-config, beta-vm1 shell script)',
    async () => {
      for (const [name, inst] of [
        ['alpha-vm1', vm1],
        ['beta-vm1', bvm1],
      ] as const) {
        const ans = await forwardToNova(nova(), {
          method: 'GET',
          pathAndQuery: '/openstack/latest/user_data',
          ...as(inst),
        });
        expect(ans.status).toBe(200);
        expect(ans.body.equals(Buffer.from(seeded[name] as string, 'utf8'))).toBe(true);
        const ec2 = await forwardToNova(nova(), { method: 'GET', pathAndQuery: '/latest/user-data', ...as(inst) });
        expect(ec2.body.equals(ans.body)).toBe(true);
      }
      const none = await forwardToNova(nova(), {
        method: 'GET',
        pathAndQuery: '/openstack/latest/user_data',
        ...as(ids.instance('alpha-vm2')),
      });
      expect(none.status).toBe(404);
    },
  );

  labIt(['metadata'])('user_data through StackLens equals what the real agent relays, byte for byte', async () => {
    const resolver = createResolver({ client: session.client(), visibility: 'cloud' });
    const via = { ip: bvm1.ip, routerId: ids.router('beta-router') };
    const ours = await fetchOneDocument(
      resolver,
      { ...nova(), url: lab.recorderUrl as string },
      via,
      '/openstack/latest/user_data',
    );
    const agent = await askAgent(
      lab,
      { 'X-Forwarded-For': via.ip, 'X-Neutron-Router-ID': via.routerId },
      '/openstack/latest/user_data',
    );
    expect(agent.status).toBe(200);
    expect(Buffer.from(ours.base64, 'base64').equals(agent.body)).toBe(true);
    expect(ours.instanceId).toBe(bvm1.id);
  });

  labIt(['nova'])('a wrong secret: 403, explained as a shared-secret mismatch', async () => {
    const get = (p: string) =>
      forwardToNova({ ...nova(), secret: 'not-the-secret' }, { method: 'GET', pathAndQuery: p, ...as(vm1) });
    const err = await fetchMetadataTrees(get, {
      url: lab.novaMetadataUrl as string,
      instanceId: vm1.id,
      projectId: vm1.projectId,
    }).catch((e) => e);
    expect(err.code).toBe('FORBIDDEN');
    expect(err.details.status).toBe(403);
    expect(err.message).toMatch(/shared secret stored for this cloud differs/);
    expect(err.hint).toMatch(/metadata_proxy_shared_secret/);
    expect(JSON.stringify({ m: err.message, h: err.hint, d: err.details })).not.toContain(lab.metadataSecret);
  });

  labIt(['nova'])('a wrong project: 404, explained as an instance/project mismatch', async () => {
    const get = (p: string) =>
      forwardToNova(nova(), { method: 'GET', pathAndQuery: p, ...as(vm1), projectId: bvm1.projectId });
    const err = await fetchMetadataTrees(get, {
      url: lab.novaMetadataUrl as string,
      instanceId: vm1.id,
      projectId: bvm1.projectId,
    }).catch((e) => e);
    expect(err.code).toBe('NOT_FOUND');
    expect(err.details.status).toBe(404);
    expect(err.message).toMatch(/another project|in project/);
  });

  labIt(['metadata'])(
    'fetchInstanceDocuments resolves, signs and fetches as the agent would (through the recorder)',
    async () => {
      const resolver = createResolver({ client: session.client(), visibility: 'cloud' });
      const r = await fetchInstanceDocuments(
        resolver,
        { ...nova(), url: lab.recorderUrl as string },
        { ip: '10.0.0.10', routerId: ids.router('beta-router') },
        { ec2: false },
      );
      expect(r.instanceId).toBe(bvm1.id);
      expect(r.projectId).toBe(bvm1.projectId);
      expect(r.documents.map((d) => d.path)).toEqual([
        '/openstack',
        '/openstack/latest/meta_data.json',
        '/openstack/latest/network_data.json',
        '/openstack/latest/vendor_data.json',
        '/openstack/latest/vendor_data2.json',
        '/openstack/latest/user_data',
        '/openstack/latest/password',
      ]);
      expect(r.documents.find((d) => d.path.endsWith('user_data'))?.text).toBe(seeded['beta-vm1']);
    },
  );
});
