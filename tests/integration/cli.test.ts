/**
 * The headless CLI (bin/stacklens.mjs, plain Node) against the lab: clouds.yaml + secure.yaml
 * like the app, traces, JSON output, exit codes per outcome, the secret only from the
 * environment, user_data byte-exact on stdout.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, expect } from 'vitest';
import { describeLab, labIt, labSession, requireLab } from './lab';
import { labIds, seededUserData } from './metadata-lab';

const bin = join(__dirname, '../../bin/stacklens.mjs');

describeLab('stacklens CLI against the lab', () => {
  const lab = requireLab();
  const ids = labIds(lab);
  const run = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [bin, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: lab.labDir, OS_CLIENT_CONFIG_FILE: lab.files['clouds.yaml'], ...env },
      cwd: lab.labDir,
      timeout: 120_000,
    });
    return { code: r.status, out: r.stdout, err: r.stderr.toString('utf8') };
  };

  beforeAll(() => {
    // The first run may build the bundle (vite); do it once, outside the timed cases.
    run(['--help']);
  }, 120_000);

  labIt(['neutron'])('resolve: trace and exit 0, JSON with --json', () => {
    const text = run(['resolve', '--cloud', 'lab-admin', '--ip', '10.0.0.10', '--router', ids.router('beta-router')]);
    expect(text.code).toBe(0);
    expect(text.out.toString()).toMatch(/RESOLVED\s+instance 22222222-2222-4222-8222-222222222201/);
    expect(text.out.toString()).toMatch(/GET \/v2\.0\/ports\?device_id=/);
    const json = run([
      'resolve',
      '--cloud',
      'lab-admin',
      '--ip',
      '::ffff:10.0.0.11',
      '--router',
      ids.router('alpha-router'),
      '--json',
    ]);
    expect(json.code).toBe(0);
    const trace = JSON.parse(json.out.toString());
    expect(trace.outcome).toMatchObject({ kind: 'resolved', instanceId: ids.instance('alpha-vm2').id });
    expect(trace.address).toEqual({ kind: 'ipv4-mapped', lookupIp: '10.0.0.11' });
  });

  labIt(['neutron'])('resolve: not found exits 2, refusals exit 3, a bad cloud exits 4', () => {
    expect(
      run(['resolve', '--cloud', 'lab-admin', '--ip', '10.0.0.99', '--router', ids.router('alpha-router')]).code,
    ).toBe(2);
    const both = run([
      'resolve',
      '--cloud',
      'lab-admin',
      '--ip',
      '10.0.0.10',
      '--router',
      ids.router('alpha-router'),
      '--network',
      ids.network('alpha-net'),
    ]);
    expect(both.code).toBe(3);
    expect(both.out.toString()).toMatch(/REFUSED \(BOTH_IDS\)/);
    const unsafe = run([
      'resolve',
      '--cloud',
      'lab-admin',
      '--ip',
      '192.168.10.10',
      '--router',
      '00000000-0000-4000-8000-00000000dead',
    ]);
    expect(unsafe.code).toBe(3);
    expect(unsafe.out.toString()).toMatch(/UNSAFE_REFUSED[\s\S]*the real agent/);
    expect(run(['resolve', '--cloud', 'no-such-cloud', '--ip', '10.0.0.10', '--network', 'x']).code).toBe(4);
  });

  labIt(['metadata'])('metadata PATH: user_data byte-exact on stdout with the secret from the environment', () => {
    const vm = ids.instance('alpha-vm1');
    const r = run(
      [
        'metadata',
        '--cloud',
        'lab-admin',
        '--instance',
        vm.id,
        '--nova-url',
        lab.recorderUrl as string,
        '/openstack/latest/user_data',
      ],
      { STACKLENS_METADATA_SECRET: lab.metadataSecret },
    );
    expect(r.code).toBe(0);
    expect(r.out.equals(Buffer.from(seededUserData()['alpha-vm1'] as string, 'utf8'))).toBe(true);
    expect(r.err).toMatch(/path 1: 10\.0\.0\.10 via router alpha-router: OK/);
    expect(r.err).not.toContain(lab.metadataSecret);
  });

  labIt(['metadata'])('metadata: every document (JSON), 404 exits 2, wrong secret exits 4 with the explanation', () => {
    const vm = ids.instance('beta-vm2');
    const env = {
      STACKLENS_METADATA_SECRET: lab.metadataSecret,
      STACKLENS_NOVA_METADATA_URL: lab.recorderUrl as string,
    };
    const all = run(['metadata', '--cloud', 'lab-admin', '--instance', vm.id, '--json', '--no-ec2'], env);
    expect(all.code).toBe(0);
    const parsed = JSON.parse(all.out.toString());
    expect(parsed.documents.instanceId).toBe(vm.id);
    expect(parsed.lookup.plan.instance.configDrive).toBe(true);
    expect(
      run(['metadata', '--cloud', 'lab-admin', '--instance', vm.id, '/openstack/latest/user_data'], env).code,
    ).toBe(2);
    const wrong = run(['metadata', '--cloud', 'lab-admin', '--instance', vm.id, '/openstack/latest/meta_data.json'], {
      ...env,
      STACKLENS_METADATA_SECRET: 'wrong',
    });
    expect(wrong.code).toBe(4);
    expect(wrong.err).toMatch(/403[\s\S]*shared secret/);
  });

  labIt(['compute'])('metadata without a secret: says what is missing, shows the compute API view, exits 4', () => {
    const r = run(['metadata', '--cloud', 'lab-admin', '--instance', ids.instance('beta-vm1').id]);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/No metadata shared secret: set STACKLENS_METADATA_SECRET/);
    expect(r.err).toMatch(/echo 'hello from beta-vm1'/);
  });
  labIt(['neutron'])('names instead of ids, OS_CLOUD, -f value -c', () => {
    const r = run(
      ['resolve', '--ip', '10.0.0.10', '--router', 'beta-router', '-f', 'value', '-c', 'instance_id', '-c', 'outcome'],
      { OS_CLOUD: 'lab-admin' },
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.toString()).toBe(`${ids.instance('beta-vm1').id}\nresolved\n`);
    const table = run([
      'resolve',
      '--cloud',
      'lab-admin',
      '--ip',
      '10.0.0.11',
      '--network',
      'alpha-net',
      '-f',
      'table',
    ]);
    expect(table.out.toString()).toMatch(new RegExp(`\\| network_id +\\| ${ids.network('alpha-net')} +\\|`));
    // Piped, never coloured.
    expect(table.out.toString()).not.toContain('\u001b[');
    const missing = run(['resolve', '--cloud', 'lab-admin', '--ip', '10.0.0.10', '--router', 'no-such-router']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/No router named "no-such-router"/);
    expect(run(['resolve', '--ip', '10.0.0.10', '--router', 'beta-router']).code).toBe(64);
  });

  labIt(['neutron'])('an ambiguous name is an error listing every candidate', async () => {
    const session = await labSession(lab);
    const client = session.client();
    const name = `stacklens-cli-dup-${process.pid}`;
    const made: string[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const res = await client.request<{ network: { id: string } }>('network', 'networks', {
          method: 'POST',
          body: { network: { name } },
        });
        made.push(res.data.network.id);
      }
      const r = run(['resolve', '--cloud', 'lab-admin', '--ip', '10.0.0.10', '--network', name]);
      expect(r.code).toBe(64);
      expect(r.err).toContain(`2 networks are named "${name}"`);
      for (const id of made) expect(r.err).toContain(id);
      expect(r.err).toMatch(/Pass the id/);
    } finally {
      for (const id of made) await client.request('network', `networks/${id}`, { method: 'DELETE' });
      await session.close();
    }
  });

  labIt(['compute'])('find: an IP on two networks, a MAC, names by kind, JSON', () => {
    const env = { OS_CLOUD: 'lab-admin' };
    const ip = JSON.parse(run(['find', '10.0.0.10', '-f', 'json'], env).out.toString()) as Array<
      Record<string, string>
    >;
    const ports = ip.filter((h) => h.kind === 'port');
    expect(ports.map((h) => h.id).sort()).toEqual(
      [ids.instance('alpha-vm1').portId, ids.instance('beta-vm1').portId].sort(),
    );
    expect(ports.map((h) => h.context).join('\n')).toMatch(
      /network alpha-net[\s\S]*network beta-net|network beta-net[\s\S]*network alpha-net/,
    );
    const mac = ids.instance('beta-vm2').mac;
    expect(run(['find', mac, '-f', 'value', '-c', 'id'], env).out.toString()).toBe(
      `${ids.instance('beta-vm2').portId}\n`,
    );
    const names = run(['find', 'alpha-vm', '--kind', 'instance', '-f', 'value', '-c', 'name', '-c', 'project'], env);
    expect(names.out.toString()).toBe('alpha-vm1 alpha\nalpha-vm2 alpha\n');
    const none = run(['find', '198.51.100.77'], env);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/No match/);
    // A member sees its own project only.
    const alice = run(['find', '10.0.0.10', '--cloud', 'lab-alice', '-f', 'value', '-c', 'id', '--kind', 'port']);
    expect(alice.out.toString()).toBe(`${ids.instance('alpha-vm1').portId}\n`);
  });

  labIt(['compute'])('find --project and doctor --instance / --project take names', () => {
    const env = { OS_CLOUD: 'lab-admin' };
    // The admin narrows find to beta by name: only beta's ports hold 10.0.0.10 there.
    const beta = run(['find', '10.0.0.10', '--project', 'beta', '--kind', 'port', '-f', 'value', '-c', 'id'], env);
    expect(beta.err).toBe('');
    expect(beta.out.toString()).toBe(`${ids.instance('beta-vm1').portId}\n`);
    const nobody = run(['find', '10.0.0.10', '--project', 'no-such-project'], env);
    expect(nobody.code).toBe(2);
    expect(nobody.err).toMatch(/No project named "no-such-project"/);
    // The doctor by instance name: the diagnosis is of that instance's id.
    const one = run(['doctor', '--instance', 'alpha-vm1', '--json'], env);
    expect(one.err).not.toMatch(/No instance named/);
    expect((JSON.parse(one.out.toString()) as { instance: { id: string } }).instance.id).toBe(
      ids.instance('alpha-vm1').id,
    );
    // Its fleet by project name: alpha's instances, none of beta's.
    const fleet = JSON.parse(run(['doctor', '--project', 'alpha', '--json'], env).out.toString()) as {
      rows: Array<{ instanceId: string }>;
    };
    const fleetIds = fleet.rows.map((r) => r.instanceId);
    expect(fleetIds).toEqual(expect.arrayContaining([ids.instance('alpha-vm1').id, ids.instance('alpha-vm2').id]));
    expect(fleetIds).not.toContain(ids.instance('beta-vm1').id);
    // -f/-c like openstackclient: the same fleet as bare values, the project by name.
    const values = run(['doctor', '--project', 'alpha', '-f', 'value', '-c', 'id', '-c', 'project'], env);
    expect(values.out.toString().trim().split('\n').sort()).toEqual(fleetIds.map((id) => `${id} alpha`).sort());
    const findings = JSON.parse(
      run(
        ['doctor', '--instance', 'alpha-vm1', '--verbose', '-f', 'json', '-c', 'severity', '-c', 'check'],
        env,
      ).out.toString(),
    ) as Array<Record<string, string>>;
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(Object.keys(f)).toEqual(['severity', 'check']);
    expect(findings.map((f) => f.check)).toEqual(
      (JSON.parse(one.out.toString()) as { findings: Array<{ check: string }> }).findings.map((f) => f.check),
    );
  });

  labIt(['neutron'])('colour on a real terminal only: a pty gets ANSI, NO_COLOR and pipes do not', () => {
    // util-linux `script` runs the CLI on a pseudo-terminal, so process.stdout.isTTY is true there.
    const onPty = (extra: string) => {
      const cmd = [process.execPath, bin, 'resolve', '--cloud', 'lab-admin', '--ip', '10.0.0.10']
        .concat(['--router', 'beta-router'])
        .map((a) => `'${a}'`)
        .join(' ');
      const r = spawnSync('script', ['-qec', `${extra} ${cmd}`, '/dev/null'], {
        env: { PATH: process.env.PATH ?? '', HOME: lab.labDir, OS_CLIENT_CONFIG_FILE: lab.files['clouds.yaml'] },
        cwd: lab.labDir,
        timeout: 120_000,
      });
      expect(r.status).toBe(0);
      return r.stdout.toString();
    };
    expect(onPty('env')).toContain('\u001b[32mRESOLVED');
    expect(onPty('env NO_COLOR=1')).not.toContain('\u001b[');
    const piped = run(['resolve', '--cloud', 'lab-admin', '--ip', '10.0.0.10', '--router', 'beta-router']);
    expect(piped.out.toString()).toMatch(/RESOLVED/);
    expect(piped.out.toString()).not.toContain('\u001b[');
  });

  labIt(['metadata'])('metadata --instance takes the instance name', () => {
    const r = run(
      ['metadata', '--instance', 'alpha-vm1', '--nova-url', lab.recorderUrl as string, '/openstack/latest/user_data'],
      { STACKLENS_METADATA_SECRET: lab.metadataSecret, OS_CLOUD: 'lab-admin' },
    );
    expect(r.code).toBe(0);
    expect(r.out.equals(Buffer.from(seededUserData()['alpha-vm1'] as string, 'utf8'))).toBe(true);
  });
});
