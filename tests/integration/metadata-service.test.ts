/**
 * The metadata feature as the app runs it (MetadataService + MetadataConfigStore + vault) against
 * the lab: lookup plans and their resolutions, the admin vs project view, the compute-API view
 * without a secret, and documents once the config is saved.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { FileKeyCipher } from '../../src/main/credentials/file-key-cipher';
import { Vault } from '../../src/main/credentials/vault';
import { MetadataConfigStore } from '../../src/main/metadata/metadata-config';
import { MetadataService, type SessionSource } from '../../src/main/metadata/metadata-service';
import { linkLocalFromMac } from '../../src/main/metadata/address';
import type { KeystoneSession } from '../../src/main/openstack/keystone-session';
import { describeLab, labGate, labIt, requireLab } from './lab';
import { labIds, labSession, seededUserData } from './metadata-lab';

describeLab('MetadataService against the lab', () => {
  const lab = requireLab();
  const ids = labIds(lab);
  const sessions = new Map<string, KeystoneSession>();
  let service: MetadataService;
  let config: MetadataConfigStore;

  beforeAll(async () => {
    if (!labGate(['compute']).run) return; // its tests skip, saying why
    sessions.set('admin', await labSession(lab, 'admin'));
    sessions.set('alice', await labSession(lab, 'alice'));
    const source: SessionSource = {
      client: (id) => (sessions.get(id) as KeystoneSession).client(),
      info: (id) => ({ isAdmin: id === 'admin', cloudName: `lab-${id}` }),
      isConnected: (id) => sessions.has(id),
    };
    const dir = mkdtempSync(join(tmpdir(), 'sl-mdsvc-'));
    config = new MetadataConfigStore(dir, new Vault(join(dir, 'vault.json'), new FileKeyCipher(join(dir, 'key'))));
    service = new MetadataService({ sessions: source, config });
  });
  afterAll(async () => {
    await Promise.all([...sessions.values()].map((s) => s.close()));
  });

  labIt(['compute'])(
    'alpha-vm1: router and DHCP paths over IPv4 and link-local, all landing; config drive noted',
    async () => {
      const vm = ids.instance('alpha-vm1');
      const r = await service.lookup('admin', vm.id);
      expect(r.plan.instance).toMatchObject({
        id: vm.id,
        name: 'alpha-vm1',
        configDrive: true,
        projectId: vm.projectId,
      });
      expect(r.plan.ports.map((p) => p.id)).toEqual([vm.portId]);
      expect(r.plan.ports[0].linkLocal).toBe(linkLocalFromMac(vm.mac));
      const summary = r.resolutions.map((x) => `${x.path.kind}:${x.path.ip}:${x.landsOnInstance}`).sort();
      expect(summary).toEqual(
        [
          `network:${linkLocalFromMac(vm.mac)}:true`,
          'network:10.0.0.10:true',
          `router:${linkLocalFromMac(vm.mac)}:true`,
          'router:10.0.0.10:true',
        ].sort(),
      );
      expect(r.plan.notes.join(' ')).toMatch(/config drive/);
      expect(r.canFetch).toBe(false);
      expect(r.missing).toMatch(/Neither the nova metadata URL nor the shared secret/);
    },
  );

  labIt(['compute'])(
    'beta-vm4 on an isolated network: only the DHCP path, with the isolated-metadata caveat',
    async () => {
      const r = await service.lookup('admin', ids.instance('beta-vm4').id);
      expect(r.resolutions.map((x) => x.path.kind)).toEqual(['network']);
      expect(r.resolutions[0].landsOnInstance).toBe(true);
      expect(r.resolutions[0].path.caveat).toMatch(/enable_isolated_metadata/);
    },
  );

  labIt(['compute'])(
    'a project session: resolutions carry the project-view warning; other projects are invisible',
    async () => {
      const own = await service.lookup('alice', ids.instance('alpha-vm2').id);
      expect(own.resolutions.every((x) => x.trace.visibility === 'project')).toBe(true);
      expect(own.resolutions[0].trace.warnings?.join(' ')).toMatch(/admin session/);
      const other = await service.lookup('alice', ids.instance('beta-vm1').id);
      expect(other.plan.ports).toEqual([]);
      expect(other.plan.notes.join(' ')).toMatch(/No port has device_id/);
    },
  );

  labIt(['compute'])(
    'without a secret: server metadata, and user_data for admins only (microversion 2.3)',
    async () => {
      const vm = ids.instance('alpha-vm1');
      const admin = await service.novaApi('admin', vm.id);
      expect(admin.serverMetadata).toMatchObject({ 'lab-role': 'alpha-vm1' });
      expect(Buffer.from(admin.userData?.base64 ?? '', 'base64').toString('utf8')).toBe(seededUserData()['alpha-vm1']);
      const alice = await service.novaApi('alice', vm.id);
      expect(alice.serverMetadata).toMatchObject({ 'lab-role': 'alpha-vm1' });
      expect(alice.userData).toBeNull();
      expect(alice.userDataNote).toMatch(/Only admins/);
    },
  );

  labIt(['metadata'])(
    'with the config saved: documents through the chosen path; a wrong secret is explained',
    async () => {
      const vm = ids.instance('beta-vm1');
      expect(service.getConfig('admin').suggestedUrl).toBe('http://127.0.0.1:8775');
      service.saveConfig({ cloudId: 'admin', novaMetadataUrl: lab.recorderUrl as string, secret: lab.metadataSecret });
      const view = service.getConfig('admin');
      expect(view.hasSecret).toBe(true);
      expect(JSON.stringify(view)).not.toContain(lab.metadataSecret);
      const r = await service.lookup('admin', vm.id);
      expect(r.canFetch).toBe(true);
      const via = r.resolutions.find((x) => x.landsOnInstance)?.trace.request;
      expect(via).toBeDefined();
      const docs = await service.fetch('admin', via as NonNullable<typeof via>, { ec2: false });
      expect(JSON.parse(docs.documents.find((d) => d.path.endsWith('meta_data.json'))?.text ?? '{}').uuid).toBe(vm.id);
      expect(JSON.stringify(docs)).not.toContain(lab.metadataSecret);

      service.saveConfig({ cloudId: 'admin', novaMetadataUrl: lab.recorderUrl as string, secret: 'wrong-secret' });
      const err = await service.fetch('admin', via as NonNullable<typeof via>).catch((e) => e);
      expect(err.code).toBe('FORBIDDEN');
      expect(err.message).toMatch(/shared secret/);
    },
  );
});
