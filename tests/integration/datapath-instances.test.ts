/**
 * The real metadata path, from inside instance namespaces: haproxy in qrouter-/qdhcp-, the real
 * neutron-metadata-agent, the recorder and nova-api-metadata. Nothing here talks to a socket
 * directly: every request leaves an instance's eth0 for 169.254.169.254.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cloudInitRead, inInstance, instanceCurl, requireDatapath } from './datapath-lab';
import { describeLab } from './lab';

interface LabInstance {
  id: string;
  ip: string;
}

describeLab(
  'data path: instances ask 169.254.169.254',
  () => {
    const { lab, dp } = requireDatapath();
    const instance = (name: string) => lab.instances[name] as LabInstance;

    it('every instance namespace gets its own meta_data.json', async () => {
      for (const name of Object.keys(dp.instances)) {
        const res = await instanceCurl(name);
        expect(res, name).toMatchObject({ exit: 0, status: 200 });
        const meta = JSON.parse(res.body) as { uuid: string; name: string };
        expect(meta.uuid, name).toBe(instance(name).id);
        expect(meta.name, name).toBe(name);
      }
    });

    it('the overlapping pair: same 10.0.0.10 in two namespaces, two different instances', async () => {
      const seen: string[] = [];
      for (const name of ['alpha-vm1', 'beta-vm1']) {
        const addr = await inInstance(name, ['ip', '-4', '-o', 'addr', 'show', 'dev', 'eth0']);
        expect(addr.stdout, name).toContain('inet 10.0.0.10/24');
        const res = await instanceCurl(name, '/latest/meta-data/instance-id');
        expect(res.status, name).toBe(200);
        seen.push(res.body);
      }
      expect(seen[0]).toMatch(/^i-[0-9a-f]{8}$/);
      expect(seen[1]).toMatch(/^i-[0-9a-f]{8}$/);
      expect(seen[0]).not.toBe(seen[1]);
    });

    it('behind a second router interface (beta-net2) the router path answers too', async () => {
      const route = await inInstance('beta-vm2', ['ip', '-4', 'route', 'get', '169.254.169.254']);
      expect(route.stdout).toContain('via 192.168.10.1');
      const res = await instanceCurl('beta-vm2');
      expect(JSON.parse(res.body).uuid).toBe(instance('beta-vm2').id);
    });

    it('the isolated network: DHCP (option 121) routes 169.254.169.254 to qdhcp-, which answers', async () => {
      const vm = dp.instances['beta-vm4'];
      expect(vm.addressing).toBe('dhcp');
      const lease = JSON.parse(readFileSync(join(lab.labDir, 'run', 'inst-beta-vm4.lease.json'), 'utf8')) as {
        ip: string;
        classlessRoutes: string[];
      };
      expect(lease.ip).toBe('172.16.0.10');
      expect(lease.classlessRoutes).toContain('169.254.169.254/32 via 172.16.0.2');
      const route = await inInstance('beta-vm4', ['ip', '-4', 'route', 'get', '169.254.169.254']);
      expect(route.stdout).toContain('via 172.16.0.2');
      const res = await instanceCurl('beta-vm4');
      expect(JSON.parse(res.body).uuid).toBe(instance('beta-vm4').id);
    });

    it('IPv6 link-local fe80::a9fe:a9fe: served on the isolated network, not by the router (Zed)', async () => {
      const base = 'http://[fe80::a9fe:a9fe%eth0]';
      const iso = await instanceCurl('beta-vm4', '/openstack/latest/meta_data.json', { base });
      expect(iso).toMatchObject({ exit: 0, status: 200 });
      expect(JSON.parse(iso.body).uuid).toBe(instance('beta-vm4').id);
      const routed = await instanceCurl('alpha-vm1', '/openstack/latest/meta_data.json', { base, maxTime: 5 });
      expect(routed.status).toBe(0);
      expect([7, 28]).toContain(routed.exit);
    });

    it('user_data reaches the instance it belongs to, as nova stored it', async () => {
      const a = await instanceCurl('alpha-vm1', '/openstack/latest/user_data');
      expect(a.status).toBe(200);
      expect(a.body.startsWith('#cloud-config\nhostname: alpha-vm1\n')).toBe(true);
      const b = await instanceCurl('beta-vm1', '/openstack/latest/user_data');
      expect(b.body.startsWith('#!/bin/sh\n')).toBe(true);
      const none = await instanceCurl('beta-vm3', '/openstack/latest/user_data');
      expect(none.status).toBe(404);
    });

    it("cloud-init's own reader inside alpha-vm1 reads that instance's metadata and user_data", async () => {
      const data = await cloudInitRead('alpha-vm1');
      const meta = data.metadata as { uuid: string; name: string };
      expect(meta.uuid).toBe(instance('alpha-vm1').id);
      expect(meta.name).toBe('alpha-vm1');
      expect(String(data.userdata)).toContain('hostname: alpha-vm1');
      const ec2 = data['ec2-metadata'] as Record<string, unknown>;
      expect(ec2['local-ipv4']).toBe('10.0.0.10');
      expect(ec2['public-ipv4']).toBe('203.0.113.110');
    });
  },
  ['datapath'],
);
