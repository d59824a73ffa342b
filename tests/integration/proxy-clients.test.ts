/**
 * Real clients against the proxy with the real nova-api-metadata behind it: cloud-init's OpenStack
 * datasource (its own MetadataReader crawling an instance-mode listener), curl, and spoofed
 * X-Neutron-* headers that must never change a namespace listener's answer.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect } from 'vitest';
import type { KeystoneSession } from '../../src/main/openstack/keystone-session';
import { describeLab, labIt, requireLab } from './lab';
import { captured, clearCaptured, labIds, labSession, seededUserData } from './metadata-lab';
import { ask, startLabListener, type LabListener } from './proxy-lab';

const run = promisify(execFile);

/**
 * cloud-init's own reader, as its datasource runs it (no boot needed). Its EC2 crawl ignores the
 * base URL and goes to the hard-coded 169.254.169.254; tests stay on loopback, so that one method
 * is pointed at the listener too (which also crawls the EC2 tree through the proxy).
 */
const cloudInitScript = `
import json, sys
from cloudinit.sources.helpers import openstack as o, ec2
def ec2_via_listener(self):
    return ec2.get_instance_metadata(metadata_address=self.base_path, ssl_details=self.ssl_details, timeout=self.timeout, retries=self.retries)
o.MetadataReader._read_ec2_metadata = ec2_via_listener
r = o.MetadataReader(sys.argv[1], timeout=2, retries=0).read_v2()
ud = r.get('userdata')
print(json.dumps({
  'keys': sorted(r.keys()),
  'version': r.get('version'),
  'uuid': r['metadata'].get('uuid'),
  'hostname': r['metadata'].get('hostname'),
  'name': r['metadata'].get('name'),
  'userdata': ud.decode() if isinstance(ud, bytes) else ud,
  'network_config': bool(r.get('networkdata')),
  'ec2_hostname': r.get('ec2-metadata', {}).get('hostname'),
  'ec2_keys': len(r.get('ec2-metadata', {})),
}))
`;

async function cloudInitRead(url: string): Promise<Record<string, unknown>> {
  const { stdout } = await run('/usr/bin/python3', ['-c', cloudInitScript, url], { timeout: 60_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as Record<string, unknown>;
}

describeLab('real clients through the proxy', () => {
  const lab = requireLab();
  const ids = labIds(lab);
  const userData = seededUserData();
  let session: KeystoneSession;
  const listeners: LabListener[] = [];

  beforeAll(async () => {
    session = await labSession(lab, 'admin');
  });
  afterAll(async () => {
    await Promise.all(listeners.map((l) => l.server.stop()));
    await session?.close();
  });

  const start = async (
    ...args: Parameters<typeof startLabListener> extends [unknown, unknown, ...infer R] ? R : never
  ) => {
    const listener = await startLabListener(lab, session, ...args);
    listeners.push(listener);
    return listener;
  };

  labIt(['nova'])('cloud-init crawls an instance-mode listener and gets the seeded instance', async () => {
    const vm = ids.instance('alpha-vm1');
    const listener = await start({
      mode: 'instance',
      instance: { kind: 'instance', instanceId: vm.id, projectId: vm.projectId },
    });
    await clearCaptured(lab);
    const result = await cloudInitRead(listener.url);
    expect(result.uuid).toBe(vm.id);
    expect(result.name).toBe('alpha-vm1');
    expect(result.version).toBe(2); // read_v2's format version; the API version shows in the paths below
    expect(result.userdata).toBe(userData['alpha-vm1']);
    expect(result.network_config).toBe(true);
    expect(result.ec2_hostname).toMatch(/^alpha-vm1/);
    expect(result.ec2_keys).toBeGreaterThan(5);
    // Every request cloud-init made went to nova signed as alpha-vm1, and all were answered.
    const sent = await captured(lab);
    expect(sent.length).toBeGreaterThanOrEqual(5);
    expect(new Set(sent.map((r) => r.instanceId))).toEqual(new Set([vm.id]));
    expect(sent.every((r) => r.signatureValid)).toBe(true);
    const paths = listener.entries.map((e) => `${e.status} ${e.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        '200 /openstack',
        '200 /openstack/2018-08-27/meta_data.json',
        '200 /openstack/2018-08-27/user_data',
      ]),
    );
  });

  labIt(['nova'])(
    'cloud-init reads an instance given by address and router (resolved by Neutron per request)',
    async () => {
      const listener = await start({
        mode: 'instance',
        instance: { kind: 'address', ip: '10.0.0.10', routerId: ids.router('beta-router') },
      });
      const result = await cloudInitRead(listener.url);
      expect(result.uuid).toBe(ids.instance('beta-vm1').id);
      expect(result.userdata).toBe(userData['beta-vm1']);
      expect(listener.entries.every((e) => e.hasTrace && e.trace?.path === 'router')).toBe(true);
    },
  );

  labIt(['nova'])('curl gets meta_data.json over TCP and through an agent-mode unix socket', async () => {
    const vm = ids.instance('beta-vm2');
    const listener = await start({
      mode: 'instance',
      instance: { kind: 'instance', instanceId: vm.id, projectId: vm.projectId },
    });
    const { stdout } = await run('curl', [
      '-sS',
      '--max-time',
      '20',
      '-w',
      '\\n%{http_code}',
      `${listener.url}/openstack/latest/meta_data.json`,
    ]);
    const [body, code] = stdout.split('\n');
    expect(code).toBe('200');
    expect(JSON.parse(body).uuid).toBe(vm.id);

    const { mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const socketPath = join(mkdtempSync(join(tmpdir(), 'sl-curl-')), 'metadata_proxy');
    await start({ mode: 'agent', socketPath });
    const viaSocket = await run('curl', [
      '-sS',
      '--max-time',
      '20',
      '--unix-socket',
      socketPath,
      '-H',
      'X-Forwarded-For: 192.168.10.10',
      '-H',
      `X-Neutron-Router-ID: ${ids.router('beta-router')}`,
      '-w',
      '\\n%{http_code}',
      'http://169.254.169.254/openstack/latest/meta_data.json',
    ]);
    const [body2, code2] = viaSocket.stdout.split('\n');
    expect(code2).toBe('200');
    expect(JSON.parse(body2).uuid).toBe(vm.id);
    const missing = await run('curl', [
      '-sS',
      '--max-time',
      '20',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      `${listener.url}/openstack/latest/no_such_file`,
    ]);
    expect(missing.stdout).toBe('404');
  });

  labIt(['metadata'])(
    "spoofed X-Neutron-Router-ID / X-Neutron-Network-ID never change a namespace listener's answer",
    async () => {
      // The lab's instances live on 10.0.0.x: the test stands in for the namespace's haproxy, a
      // trusted upstream on 127.0.0.1 passing the instance address in X-Forwarded-For.
      const alpha = await start({
        mode: 'namespace',
        routerId: ids.router('alpha-router'),
        trustedProxies: ['127.0.0.1'],
      });
      const isolated = await start({
        mode: 'namespace',
        networkId: ids.network('beta-isolated'),
        trustedProxies: ['127.0.0.1'],
      });
      const spoofs: Array<Record<string, string>> = [
        {},
        { 'X-Neutron-Router-ID': ids.router('beta-router') },
        { 'X-Neutron-Network-ID': ids.network('beta-net') },
        { 'X-Neutron-Router-ID': ids.router('beta-router'), 'X-Neutron-Network-ID': ids.network('beta-net') },
        { 'X-Neutron-Router-ID': 'not-a-uuid' },
      ];
      for (const spoof of spoofs) {
        await clearCaptured(lab);
        const a = await ask({ port: alpha.port }, { 'X-Forwarded-For': '10.0.0.10', ...spoof });
        const b = await ask({ port: isolated.port }, { 'X-Forwarded-For': '172.16.0.10', ...spoof });
        expect(a.status).toBe(200);
        expect(b.status).toBe(200);
        expect(JSON.parse(a.body.toString()).uuid).toBe(ids.instance('alpha-vm1').id);
        expect(JSON.parse(b.body.toString()).uuid).toBe(ids.instance('beta-vm4').id);
        expect((await captured(lab)).map((r) => r.instanceId)).toEqual([
          ids.instance('alpha-vm1').id,
          ids.instance('beta-vm4').id,
        ]);
      }
      // Every lookup used the listener's own scope.
      expect(
        alpha.entries.every(
          (e) => e.trace?.request.routerId === ids.router('alpha-router') && !e.trace?.request.networkId,
        ),
      ).toBe(true);
      expect(
        isolated.entries.every(
          (e) => e.trace?.request.networkId === ids.network('beta-isolated') && !e.trace?.request.routerId,
        ),
      ).toBe(true);

      // Without trust the peer (127.0.0.1) is the instance address: no lab port has it, whatever the headers say.
      const untrusted = await start({ mode: 'namespace', routerId: ids.router('alpha-router') });
      const res = await ask(
        { port: untrusted.port },
        { 'X-Forwarded-For': '10.0.0.10', 'X-Neutron-Router-ID': ids.router('beta-router') },
      );
      expect(res.status).toBe(404);
      expect(untrusted.entries[0]).toMatchObject({ source: '127.0.0.1', error: 'not-found' });
    },
  );
});
