import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CloudStore } from './cloud-store';
import { FileKeyCipher } from './file-key-cipher';
import { Vault } from './vault';

function setup(env: Record<string, string> = {}) {
  const root = mkdtempSync(join(tmpdir(), 'sl-store-'));
  const dataDir = join(root, 'data');
  const cwd = join(root, 'cwd');
  mkdirSync(cwd, { recursive: true });
  const vault = new Vault(join(dataDir, 'vault.json'), new FileKeyCipher(join(dataDir, 'vault.key')));
  const discoveryEnv = {
    env: { XDG_CONFIG_DIRS: join(root, 'etc'), ...env },
    cwd,
    homeDir: join(root, 'home'),
    platform: 'linux' as const,
  };
  return { root, dataDir, cwd, vault, store: new CloudStore(dataDir, vault, discoveryEnv) };
}

const input = {
  name: 'lab',
  authType: 'password' as const,
  authUrl: 'http://127.0.0.1:5000/v3',
  username: 'alice',
  userDomainName: 'Default',
  projectName: 'alpha',
  projectDomainName: 'Default',
  secret: 'userpass',
};

describe('CloudStore', () => {
  it('reads a clouds.json written before the cloud model was shared, and keeps its defaults in main', () => {
    const { store, dataDir } = setup();
    mkdirSync(dataDir, { recursive: true });
    const stored = {
      id: 'c1',
      name: 'old',
      source: '/etc/openstack/clouds.yaml',
      authType: 'password',
      authUrl: 'https://user:pw@keystone.example:5000/v3',
      username: 'alice',
      userDomainName: 'Corp',
      projectName: 'alpha',
      projectDomainName: 'Corp',
      defaultDomainName: 'Corp',
      regions: ['R1', 'R2'],
      interface: 'internal',
      verify: false,
      cacert: '/ca.pem',
    };
    writeFileSync(join(dataDir, 'clouds.json'), JSON.stringify({ version: 1, clouds: [stored] }));
    const [summary] = store.list();
    const { defaultDomainName: _d, authUrl: _u, ...fields } = stored;
    expect(summary).toEqual({
      ...fields,
      authUrl: 'https://keystone.example:5000/v3',
      hasSecret: false,
      secretLabel: 'Password',
    });
    expect(store.get('c1').defaultDomainName).toBe('Corp');
  });

  it('adds a cloud: settings secret-free on disk, secret in the vault, summary out', () => {
    const { store, dataDir } = setup();
    const s = store.save(input);
    expect(s).toMatchObject({
      name: 'lab',
      authType: 'password',
      username: 'alice',
      projectName: 'alpha',
      hasSecret: true,
      secretLabel: 'Password',
      source: 'manual',
      interface: 'public',
      verify: true,
    });
    expect(JSON.stringify(s)).not.toContain('userpass');
    expect(readFileSync(join(dataDir, 'clouds.json'), 'utf8')).not.toContain('userpass');
    expect(readFileSync(join(dataDir, 'vault.json'), 'utf8')).not.toContain('userpass');
    expect(store.secret(s.id)).toBe('userpass');
    expect(store.list()).toEqual([s]);
  });

  it('edits keep the secret unless a new one (or "" to clear) is given', () => {
    const { store } = setup();
    const s = store.save(input);
    const edited = store.save({ ...input, id: s.id, secret: undefined, regionName: 'RegionOne' });
    expect(edited.id).toBe(s.id);
    expect(edited.regionName).toBe('RegionOne');
    expect(store.secret(s.id)).toBe('userpass');
    store.save({ ...input, id: s.id, secret: 'new' });
    expect(store.secret(s.id)).toBe('new');
    expect(store.save({ ...input, id: s.id, secret: '' }).hasSecret).toBe(false);
  });

  it('rejects a duplicate name, an unknown id, and invalid settings with the normaliser message', () => {
    const { store } = setup();
    store.save(input);
    expect(() => store.save(input)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(() => store.save({ ...input, id: 'nope' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => store.save({ ...input, name: 'x', authUrl: 'keystone' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
    expect(() => store.save({ ...input, name: 'y', username: undefined })).toThrow(/username or user_id is missing/);
  });

  it('removes a cloud and its secret', () => {
    const { store, vault } = setup();
    const s = store.save(input);
    store.remove(s.id);
    expect(store.list()).toEqual([]);
    expect(vault.has(s.id)).toBe(false);
  });

  it('imports a clouds.yaml with secure.yaml beside it; re-import refreshes, other sources are skipped', async () => {
    const { store, root } = setup();
    const dir = join(root, 'lab');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'clouds.yaml'),
      'clouds:\n  alpha:\n    auth:\n      auth_url: http://127.0.0.1:5000/v3\n      username: alice\n      project_name: alpha\n  bad:\n    auth_type: saml\n    auth: {auth_url: "http://x/v3"}\n',
    );
    writeFileSync(join(dir, 'secure.yaml'), 'clouds:\n  alpha:\n    auth:\n      password: userpass\n');
    const r = await store.importFile(join(dir, 'clouds.yaml'));
    expect(r.imported.map((c) => [c.name, c.hasSecret])).toEqual([['alpha', true]]);
    expect(r.skipped).toEqual([{ name: 'bad', reason: expect.stringMatching(/auth_type "saml"/) }]);
    const again = await store.importFile(join(dir, 'clouds.yaml'));
    expect(again.imported[0].id).toBe(r.imported[0].id);
    store.save({ ...input, name: 'manual-one' });
    writeFileSync(
      join(root, 'manual-one-openrc.sh'),
      'export OS_AUTH_URL=http://127.0.0.1:5000/v3\nexport OS_USERNAME=bob\nexport OS_CLOUD_NAME=manual-one\n',
    );
    const clash = await store.importFile(join(root, 'manual-one-openrc.sh'));
    expect(clash.imported).toEqual([]);
    expect(clash.skipped[0].reason).toMatch(/already exists/);
  });

  it('imports an openrc told apart by content', async () => {
    const { store, root } = setup();
    const p = join(root, 'beta-rc');
    writeFileSync(
      p,
      'export OS_AUTH_URL=http://127.0.0.1:5000/v3\nexport OS_USERNAME=bob\nexport OS_PASSWORD=userpass\nexport OS_PROJECT_NAME=beta\n',
    );
    const r = await store.importFile(p);
    expect(r.imported).toHaveLength(1);
    expect(r.imported[0]).toMatchObject({
      name: 'beta-rc',
      username: 'bob',
      projectName: 'beta',
      hasSecret: true,
      source: p,
    });
  });

  it('discovers and imports selected clouds, including envvars', async () => {
    const { store, cwd } = setup({
      OS_AUTH_URL: 'http://127.0.0.1:5000/v3',
      OS_USERNAME: 'admin',
      OS_PASSWORD: 'adminpass',
      OS_PROJECT_NAME: 'admin',
    });
    writeFileSync(
      join(cwd, 'clouds.yaml'),
      'clouds:\n  one: {auth: {auth_url: "http://a/v3", username: u}}\n  two: {auth: {auth_url: "http://b/v3", username: u}}\n',
    );
    const report = await store.discover();
    expect(report.clouds.map((c) => c.name)).toEqual(['one', 'two', 'envvars']);
    const r = await store.importDiscovered(['two', 'envvars', 'ghost']);
    expect(r.imported.map((c) => c.name)).toEqual(['two', 'envvars']);
    expect(r.imported[1].hasSecret).toBe(true);
    expect(r.skipped).toEqual([{ name: 'ghost', reason: 'Not found by discovery.' }]);
  });
});
