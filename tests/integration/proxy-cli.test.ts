/**
 * `stacklens proxy` (bin/stacklens.mjs, plain Node) against the lab: an instance-mode listener on a
 * free port, curl-like requests from the test, one JSON line per request on stdout, a clean exit
 * after --max-requests, and SIGTERM stopping it gracefully.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, expect } from 'vitest';
import { describeLab, labIt, requireLab } from './lab';
import { labIds } from './metadata-lab';
import { ask } from './proxy-lab';

const bin = join(__dirname, '../../bin/stacklens.mjs');

describeLab('stacklens proxy (CLI) against the lab', () => {
  const lab = requireLab();
  const ids = labIds(lab);
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: lab.labDir,
    OS_CLIENT_CONFIG_FILE: lab.files['clouds.yaml'],
    STACKLENS_METADATA_SECRET: lab.metadataSecret,
  };

  beforeAll(() => {
    // The first run may build the bundle (vite); do it once, outside the timed cases.
    spawnSync(process.execPath, [bin, '--help'], { env, timeout: 120_000 });
  }, 120_000);

  /** Starts the CLI; resolves with the process and its listening URL (from stderr). */
  function startCli(
    args: string[],
  ): Promise<{ child: ChildProcess; url: string; out: string[]; err: string[]; exit: Promise<number | null> }> {
    const child = spawn(process.execPath, [bin, 'proxy', ...args], { env, cwd: lab.labDir });
    const out: string[] = [];
    const err: string[] = [];
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "listening" line within 60 s: ${err.join('')}`)), 60_000);
      child.stdout.on('data', (d: Buffer) => out.push(d.toString()));
      child.stderr.on('data', (d: Buffer) => {
        err.push(d.toString());
        const m = /listening on (\S+),/.exec(err.join(''));
        if (m) {
          clearTimeout(timer);
          resolve({ child, url: m[1], out, err, exit });
        }
      });
      void exit.then((code) => reject(new Error(`exited ${code}: ${err.join('')}`)));
    });
  }

  labIt(['nova'])('instance mode: one JSON line per request, exits 0 after --max-requests', async () => {
    const vm = ids.instance('alpha-vm1');
    const cli = await startCli([
      '--cloud',
      'lab-admin',
      '--mode',
      'instance',
      '--instance',
      vm.id,
      '--nova-url',
      lab.novaMetadataUrl as string,
      '--max-requests',
      '3',
    ]);
    // The printed URL carries the listener's token as its path: clients append nova's paths.
    expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/slt-[\w-]{32}$/);
    const port = Number(new URL(cli.url).port);
    const token = new URL(cli.url).pathname.slice(1);
    const meta = await ask({ port, token });
    const user = await ask({ port, token }, {}, '/openstack/latest/user_data');
    const missing = await ask({ port, token }, {}, '/openstack/latest/nope');
    expect(JSON.parse(meta.body.toString()).uuid).toBe(vm.id);
    expect(user.body.toString()).toMatch(/^#cloud-config/);
    expect(missing.status).toBe(404);
    expect(await cli.exit).toBe(0);
    const lines = cli.out
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.status, l.path, l.instanceId])).toEqual([
      [200, '/openstack/latest/meta_data.json', vm.id],
      [200, '/openstack/latest/user_data', vm.id],
      [404, '/openstack/latest/nope', vm.id],
    ]);
    expect(lines[2].error).toBe('nova-not-found');
    expect(cli.err.join('')).toMatch(/stopped after 3 requests \(2 2xx, 1 4xx/);
    expect(cli.out.join('') + cli.err.join('')).not.toContain(lab.metadataSecret);
  });

  labIt(['metadata'])('agent mode with --trace, stopped gracefully by SIGTERM', async () => {
    const cli = await startCli([
      '--cloud',
      'lab-admin',
      '--mode',
      'agent',
      '--nova-url',
      lab.recorderUrl as string,
      '--trace',
    ]);
    const port = Number(new URL(cli.url).port);
    const res = await ask(
      { port, token: new URL(cli.url).pathname.slice(1) },
      { 'X-Forwarded-For': '192.168.10.10', 'X-Neutron-Router-ID': ids.router('beta-router') },
    );
    expect(JSON.parse(res.body.toString()).uuid).toBe(ids.instance('beta-vm2').id);
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
    const [line] = cli.out
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { trace: { outcome: { kind: string }; steps: unknown[] } });
    expect(line.trace.outcome.kind).toBe('resolved');
    expect(line.trace.steps.length).toBeGreaterThanOrEqual(3);
  });
});
