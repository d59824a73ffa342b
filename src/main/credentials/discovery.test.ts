import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { deepMerge, envCloud, parseCloudsText } from './clouds-yaml';
import { candidateFiles, discoverClouds, loadCloudsFromPath, type DiscoveryEnv } from './discovery';

function sandbox(): {
  root: string;
  cwd: string;
  home: string;
  etc: string;
  env: (e?: Record<string, string>) => DiscoveryEnv;
} {
  const root = mkdtempSync(join(tmpdir(), 'sl-disc-'));
  const cwd = join(root, 'work');
  const home = join(root, 'home');
  const etc = join(root, 'etc');
  for (const d of [cwd, home, etc]) mkdirSync(d, { recursive: true });
  return {
    root,
    cwd,
    home,
    etc,
    // XDG_CONFIG_DIRS points the site dir into the sandbox; /etc/openstack itself is last and absent here.
    env: (e = {}) => ({ env: { XDG_CONFIG_DIRS: etc, ...e }, cwd, homeDir: home, platform: 'linux' }),
  };
}

function write(path: string, text: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

const CLOUDS = `clouds:
  lab:
    auth:
      auth_url: http://127.0.0.1:5000/v3
      username: alice
      project_name: alpha
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
  appcred:
    auth_type: v3applicationcredential
    auth:
      auth_url: http://127.0.0.1:5000/v3
      application_credential_id: ac1
`;

const SECURE = `clouds:
  lab:
    auth:
      password: userpass
  appcred:
    auth:
      application_credential_secret: acsecret
`;

describe('parseCloudsText', () => {
  it.each<[string, string, RegExp, number | undefined]>([
    ['bad indentation', 'clouds:\n  lab:\n    auth:\n   auth_url: x\n  - broken', /clouds.yaml line \d+/, undefined],
    ['unclosed quote', 'clouds:\n  lab:\n    auth:\n      auth_url: "http://x\n', /line \d+/, undefined],
    ['duplicate key', 'clouds:\n  lab: {}\n  lab: {}\n', /line 3/, 3],
    ['clouds is a list', 'clouds:\n  - lab\n', /line 1: `clouds:` must be a mapping/, 1],
    ['top level is a list', '- a\n- b\n', /not a mapping with a `clouds:` key/, undefined],
  ])('%s -> CONFIG_INVALID with the line', (_n, text, message, line) => {
    try {
      parseCloudsText(text, '/p/clouds.yaml');
      throw new Error('expected failure');
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('CONFIG_INVALID');
      expect((err as AppError).message).toMatch(message);
      expect((err as AppError).details?.file).toBe('/p/clouds.yaml');
      if (line !== undefined) expect((err as AppError).details?.line).toBe(line);
    }
  });

  it('reads JSON and an empty file', () => {
    expect(parseCloudsText('{"clouds": {"a": {"auth": {}}}}', 'c.json').clouds).toEqual({ a: { auth: {} } });
    expect(parseCloudsText('', 'c.yaml').clouds).toEqual({});
  });

  it('deep-merges nested mappings key by key', () => {
    expect(deepMerge({ a: { auth: { u: 1, p: 1 } }, b: 1 }, { a: { auth: { p: 2 } }, c: 3 })).toEqual({
      a: { auth: { u: 1, p: 2 } },
      b: 1,
      c: 3,
    });
  });
});

describe('envCloud', () => {
  it('maps OS_* to keys, excluding OS_TEST/OS_STD/OS_LOG', () => {
    const c = envCloud({
      OS_AUTH_URL: 'http://k/v3',
      OS_USERNAME: 'a',
      OS_TEST_X: '1',
      OS_STDOUT_CAPTURE: '1',
      OS_LOG_CAPTURE: '1',
      HOME: '/h',
    });
    expect(c?.name).toBe('envvars');
    expect(c?.raw).toEqual({ auth_url: 'http://k/v3', username: 'a' });
  });
  it('makes no cloud from selector variables only', () => {
    expect(
      envCloud({ OS_CLOUD: 'lab', OS_REGION_NAME: 'R', OS_CLIENT_CONFIG_FILE: '/x', OS_CLOUD_NAME: 'n' }),
    ).toBeUndefined();
  });
  it('keeps OS_REGION_NAME and honours OS_CLOUD_NAME', () => {
    const c = envCloud({ OS_AUTH_URL: 'u', OS_REGION_NAME: 'R2', OS_CLOUD_NAME: 'mine' });
    expect(c?.name).toBe('mine');
    expect(c?.raw).toEqual({ auth_url: 'u', region_name: 'R2' });
  });
});

describe('discoverClouds', () => {
  it('search order: override, cwd, user config, ~/.config, site, /etc', () => {
    const s = sandbox();
    const files = candidateFiles(
      'clouds',
      s.env({ OS_CLIENT_CONFIG_FILE: '/o/c.yaml', XDG_CONFIG_HOME: join(s.home, 'xdg') }),
    );
    expect(files.slice(0, 5).map((f) => f.path)).toEqual([
      '/o/c.yaml',
      join(s.cwd, 'clouds.yaml'),
      join(s.cwd, 'clouds.yml'),
      join(s.cwd, 'clouds.json'),
      join(s.home, 'xdg/openstack/clouds.yaml'),
    ]);
    expect(files.map((f) => f.via)).toContain('~/.config/openstack');
    expect(files.at(-1)?.path).toBe('/etc/openstack/clouds.json');
  });

  it('first file wins; secure.yaml is merged over it', async () => {
    const s = sandbox();
    write(join(s.home, '.config/openstack/clouds.yaml'), CLOUDS);
    write(join(s.etc, 'openstack/clouds.yaml'), 'clouds:\n  ignored: {auth: {auth_url: "http://x/v3", username: u}}\n');
    write(join(s.etc, 'openstack/secure.yml'), SECURE);
    const { report, configs } = await discoverClouds(s.env());
    expect(report.files).toEqual([
      { kind: 'clouds', path: join(s.home, '.config/openstack/clouds.yaml'), via: 'user config dir' },
      { kind: 'secure', path: join(s.etc, 'openstack/secure.yml'), via: 'site config dir' },
    ]);
    expect(configs.map((c) => c.name)).toEqual(['lab', 'appcred']);
    expect(configs[0]).toMatchObject({ username: 'alice', secret: 'userpass', regionName: 'RegionOne' });
    expect(configs[1]).toMatchObject({ authType: 'v3applicationcredential', secret: 'acsecret' });
    expect(report.clouds.map((c) => c.hasSecret)).toEqual([true, true]);
  });

  it('OS_CLIENT_CONFIG_FILE beats the cwd; a missing override is reported', async () => {
    const s = sandbox();
    write(join(s.cwd, 'clouds.yaml'), 'clouds:\n  cwd: {auth: {auth_url: "http://x/v3", username: u}}\n');
    const over = write(join(s.root, 'elsewhere/my.yaml'), CLOUDS);
    expect((await discoverClouds(s.env({ OS_CLIENT_CONFIG_FILE: over }))).configs.map((c) => c.name)).toEqual([
      'lab',
      'appcred',
    ]);
    const r = await discoverClouds(s.env({ OS_CLIENT_CONFIG_FILE: join(s.root, 'nope.yaml') }));
    expect(r.configs.map((c) => c.name)).toEqual(['cwd']);
    expect(r.report.errors[0].message).toMatch(/OS_CLIENT_CONFIG_FILE names .*nope.yaml/);
  });

  it('a FIFO or a directory at a search path is reported once and skipped; the next file wins', async () => {
    const s = sandbox();
    const fifo = join(s.cwd, 'clouds.yaml');
    execFileSync('mkfifo', [fifo]);
    mkdirSync(join(s.cwd, 'secure.yaml'));
    write(join(s.home, '.config/openstack/clouds.yaml'), CLOUDS);
    const { report, configs } = await discoverClouds(s.env({ OS_CLIENT_CONFIG_FILE: fifo }));
    expect(report.errors.map((e) => e.message)).toEqual([
      `The clouds file ${fifo} is a FIFO (named pipe), not a regular file: skipped.`,
      `The secure file ${join(s.cwd, 'secure.yaml')} is a directory, not a regular file: skipped.`,
    ]);
    expect(report.files.map((f) => f.path)).toEqual([join(s.home, '.config/openstack/clouds.yaml')]);
    expect(configs.map((c) => c.name)).toEqual(['lab', 'appcred']);
  });

  it('reports a malformed file with its line and keeps going with env', async () => {
    const s = sandbox();
    write(join(s.cwd, 'clouds.yaml'), 'clouds:\n  lab:\n    auth: {auth_url: x\n');
    const { report, configs } = await discoverClouds(
      s.env({ OS_AUTH_URL: 'http://k:5000/v3', OS_USERNAME: 'admin', OS_PASSWORD: 'pw' }),
    );
    expect(report.errors[0]).toMatchObject({ path: join(s.cwd, 'clouds.yaml') });
    expect(report.errors[0].line).toBeGreaterThan(0);
    expect(configs.map((c) => c.name)).toEqual(['envvars']);
    expect(report.envVars).toEqual(['OS_AUTH_URL', 'OS_PASSWORD', 'OS_USERNAME']);
  });

  it('a broken cloud is reported, the others load', async () => {
    const s = sandbox();
    write(
      join(s.cwd, 'clouds.yaml'),
      `${CLOUDS}  oidc:\n    auth_type: v3oidcpassword\n    auth: {auth_url: "http://x/v3"}\n`,
    );
    const { report, configs } = await discoverClouds(s.env());
    expect(configs.map((c) => c.name)).toEqual(['lab', 'appcred']);
    expect(report.clouds.find((c) => c.name === 'oidc')?.error).toMatch(/v3oidcpassword/);
  });

  it('envvars named like a file cloud is an error; OS_CLOUD pointing nowhere is reported', async () => {
    const s = sandbox();
    write(join(s.cwd, 'clouds.yaml'), CLOUDS);
    const r = await discoverClouds(
      s.env({ OS_AUTH_URL: 'http://k/v3', OS_USERNAME: 'u', OS_CLOUD_NAME: 'lab', OS_CLOUD: 'nope' }),
    );
    expect(r.report.errors.map((e) => e.message).join('\n')).toMatch(/"lab" is in the file and in OS_\* variables/);
    expect(r.report.errors.map((e) => e.message).join('\n')).toMatch(/OS_CLOUD is "nope"/);
    expect(r.report.osCloud).toBe('nope');
  });

  it('no files, selector-only env: nothing found, nothing invented', async () => {
    const s = sandbox();
    const r = await discoverClouds(s.env({ OS_CLOUD: 'lab' }));
    expect(r.configs).toEqual([]);
    expect(r.report.files).toEqual([]);
  });
});

describe('loadCloudsFromPath', () => {
  it('merges secure.yaml beside the chosen file', async () => {
    const s = sandbox();
    const path = write(join(s.root, 'lab/clouds.yaml'), CLOUDS);
    write(join(s.root, 'lab/secure.yaml'), SECURE);
    const { configs, report } = await loadCloudsFromPath(path);
    expect(configs.find((c) => c.name === 'lab')?.secret).toBe('userpass');
    expect(report.files.map((f) => f.kind)).toEqual(['clouds', 'secure']);
  });

  it('a missing path is CONFIG_INVALID naming it', async () => {
    await expect(loadCloudsFromPath('/nonexistent/clouds.yaml')).rejects.toThrow(
      /\/nonexistent\/clouds.yaml does not exist/,
    );
  });
});
