import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closedPort } from '@main/openstack/test-servers';
import { runCli, type CliIo } from './main';
import { EXIT, exitForError, exitForNovaStatus, exitForOutcome } from './exit-codes';
import { readMetadataSecret, refuseSecretArgument } from './secret';

function io(env: Record<string, string | undefined> = {}, cwd = mkdtempSync(join(tmpdir(), 'sl-cli-'))) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    stdout: (c) => out.push(c.toString()),
    stderr: (t) => err.push(t),
    env,
    cwd,
    homeDir: cwd,
  };
  return { io: value, out, err, dir: cwd };
}

describe('runCli', () => {
  it('prints help with every command and the exit code table', async () => {
    const t = io();
    expect(await runCli(['--help'], t.io)).toBe(0);
    const text = t.out.join('');
    expect(text).toMatch(/resolve\s+Resolve/);
    expect(text).toMatch(/metadata\s+Show/);
    expect(text).toMatch(/3\s+refused/);
    expect(text).toContain('STACKLENS_METADATA_SECRET');
  });

  it('no command is a usage error; an unknown one too', async () => {
    expect(await runCli([], io().io)).toBe(EXIT.USAGE);
    const t = io();
    expect(await runCli(['frobnicate'], t.io)).toBe(EXIT.USAGE);
    expect(t.err.join('')).toContain('unknown command "frobnicate"');
  });

  it('rejects unknown options and missing ones with the usage text', async () => {
    const t = io();
    expect(await runCli(['resolve', '--cloud', 'x', '--ip', '10.0.0.1', '--bogus'], t.io)).toBe(EXIT.USAGE);
    expect(t.err.join('')).toMatch(/stacklens resolve \[--cloud NAME\] --ip IP/);
    expect(await runCli(['resolve', '--cloud', 'x', '--ip', '10.0.0.1'], io().io)).toBe(EXIT.USAGE);
  });

  it('doctor takes -f/-c per finding or per instance, and not with --json', async () => {
    const both = io();
    expect(await runCli(['doctor', '--cloud', 'x', '--all', '--json', '-f', 'value'], both.io)).toBe(EXIT.USAGE);
    expect(both.err.join('')).toMatch(/--json or -f\/-c, not both/);
    // The columns follow what is printed: findings of one instance, or one row per instance.
    const fleet = io();
    expect(await runCli(['doctor', '--cloud', 'x', '--all', '-c', 'severity'], fleet.io)).toBe(EXIT.USAGE);
    expect(fleet.err.join('')).toMatch(/No column "severity"; columns: verdict, name, id, project/);
    const one = io();
    expect(await runCli(['doctor', '--cloud', 'x', '--instance', 'vm', '-c', 'verdict'], one.io)).toBe(EXIT.USAGE);
    expect(one.err.join('')).toMatch(/No column "verdict"; columns: severity, check, title/);
  });

  it('refuses the secret as an argument before doing anything else', async () => {
    const t = io();
    expect(await runCli(['metadata', '--cloud', 'x', '--instance', 'i', '--secret=hunter2'], t.io)).toBe(EXIT.USAGE);
    expect(t.err.join('')).toMatch(/never taken as a command-line argument/);
    expect(t.err.join('')).not.toContain('hunter2');
  });

  it('an unknown cloud is a configuration error (4) naming the file it read', async () => {
    const t = io();
    writeFileSync(
      join(t.dir, 'clouds.yaml'),
      'clouds:\n  lab:\n    auth:\n      auth_url: http://127.0.0.1:1/v3\n      username: u\n      password: p\n      project_name: p\n',
    );
    expect(await runCli(['resolve', '--cloud', 'nope', '--ip', '10.0.0.1', '--network', 'n'], t.io)).toBe(
      EXIT.AUTH_CONFIG,
    );
    expect(t.err.join('')).toMatch(/No cloud named "nope".*clouds\.yaml.*clouds: lab/s);
  });

  it('a clouds.yaml that is a FIFO or too big is named with the reason the cloud is missing', async () => {
    const t = io({ OS_CLIENT_SECURE_FILE: '/dev/zero' });
    execFileSync('mkfifo', [join(t.dir, 'clouds.yaml')]);
    const args = ['resolve', '--cloud', 'lab', '--ip', '10.0.0.1', '--network', 'n'];
    expect(await runCli(args, t.io)).toBe(EXIT.AUTH_CONFIG);
    const err = t.err.join('');
    expect(err).toMatch(/No cloud named "lab"/);
    expect(err).toContain(`The clouds file ${join(t.dir, 'clouds.yaml')} is a FIFO (named pipe), not a regular file`);
    expect(err).toContain('The secure file /dev/zero is a device, not a regular file');
    const big = io();
    writeFileSync(join(big.dir, 'clouds.yml'), `clouds: {}\n${'#'.repeat(2 * 1024 * 1024)}\n`);
    expect(await runCli(args, big.io)).toBe(EXIT.AUTH_CONFIG);
    expect(big.err.join('')).toMatch(/clouds\.yml is 2 MiB, more than the 1 MiB allowed/);
  });

  it('--cloud defaults to $OS_CLOUD; neither is a usage error naming both', async () => {
    const t = io({ OS_CLOUD: 'nope' });
    writeFileSync(
      join(t.dir, 'clouds.yaml'),
      'clouds:\n  lab:\n    auth:\n      auth_url: http://127.0.0.1:1/v3\n      username: u\n      password: p\n      project_name: p\n',
    );
    expect(await runCli(['resolve', '--ip', '10.0.0.1', '--network', 'n'], t.io)).toBe(EXIT.AUTH_CONFIG);
    expect(t.err.join('')).toMatch(/No cloud named "nope"/);
    const none = io();
    expect(await runCli(['find', '10.0.0.1'], none.io)).toBe(EXIT.USAGE);
    expect(none.err.join('')).toMatch(/needs --cloud NAME, or OS_CLOUD set/);
  });

  it('an unreachable Keystone exits 5', async () => {
    const port = await closedPort();
    const t = io();
    writeFileSync(
      join(t.dir, 'clouds.yaml'),
      `clouds:\n  lab:\n    auth:\n      auth_url: http://127.0.0.1:${port}/v3\n      username: u\n      password: p\n      project_name: p\n      user_domain_name: Default\n      project_domain_name: Default\n`,
    );
    expect(await runCli(['resolve', '--cloud', 'lab', '--ip', '10.0.0.1', '--network', 'n'], t.io)).toBe(
      EXIT.UNREACHABLE,
    );
    expect(t.err.join('')).toContain(`127.0.0.1:${port}`);
  });
});

describe('exit codes', () => {
  it('map outcomes, errors and nova statuses', () => {
    expect(
      exitForOutcome({
        kind: 'resolved',
        instanceId: 'i',
        projectId: 'p',
        portId: 'x',
        deviceOwner: 'compute:nova',
        networkId: 'n',
      }),
    ).toBe(0);
    expect(exitForOutcome({ kind: 'not-found', reason: '', portCount: 0, portIds: [] })).toBe(2);
    expect(exitForOutcome({ kind: 'refused', reason: '', code: 'UNSAFE_REFUSED' })).toBe(3);
    expect(exitForOutcome({ kind: 'error', code: 'UNREACHABLE', message: '' })).toBe(5);
    expect(exitForError('AUTH_FAILED')).toBe(4);
    expect(exitForError('TLS_ERROR')).toBe(5);
    expect(exitForError('SOMETHING_NEW')).toBe(1);
    expect([200, 404, 403, 400, 500, 409].map(exitForNovaStatus)).toEqual([0, 2, 4, 4, 6, 6]);
  });
});

describe('metadata secret', () => {
  it('comes from the env var or a file (trailing newline dropped), warns on a group/world-readable file', () => {
    expect(readMetadataSecret({ STACKLENS_METADATA_SECRET: 's1' })).toMatchObject({
      secret: 's1',
      source: 'STACKLENS_METADATA_SECRET',
    });
    const dir = mkdtempSync(join(tmpdir(), 'sl-sec-'));
    const file = join(dir, 'secret');
    writeFileSync(file, 'from-file\n');
    chmodSync(file, 0o600);
    expect(readMetadataSecret({ STACKLENS_METADATA_SECRET: 'env' }, file)).toEqual({
      secret: 'from-file',
      source: `file ${file}`,
    });
    chmodSync(file, 0o644);
    expect(readMetadataSecret({}, file).warning).toMatch(/chmod 600/);
    expect(readMetadataSecret({})).toEqual({});
    expect(() => readMetadataSecret({}, join(dir, 'missing'))).toThrow(/does not exist/);
  });

  it('is never accepted as an argument', () => {
    expect(() => refuseSecretArgument(['--secret', 'x'])).toThrow(/ps/);
    expect(() => refuseSecretArgument(['--secret-file', 'x'])).not.toThrow();
  });
});
