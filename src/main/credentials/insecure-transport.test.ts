import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CloudStore } from './cloud-store';
import { FileKeyCipher } from './file-key-cipher';
import { Vault } from './vault';

describe('insecure transport and URL credentials are visible, never passed on', () => {
  it('discovery shows each cloud auth URL (user:pass@ removed), its TLS settings and why it is unsafe', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-insecure-'));
    writeFileSync(
      join(dir, 'clouds.yaml'),
      'clouds:\n  planted:\n    verify: false\n    auth:\n      auth_url: http://bob:urlpass@keystone.evil.example:5000/v3\n      username: admin\n      project_name: admin\n  good:\n    cacert: /etc/ssl/ca.pem\n    auth:\n      auth_url: https://keystone.example/v3\n      username: a\n      project_name: p\n',
    );
    const store = new CloudStore(dir, new Vault(join(dir, 'vault.json'), new FileKeyCipher(join(dir, 'k'))), {
      env: {},
      cwd: dir,
      homeDir: dir,
    });
    const report = await store.discover();
    const planted = report.clouds.find((c) => c.name === 'planted');
    expect(planted?.authUrl).toBe('http://keystone.evil.example:5000/v3');
    expect(planted?.tls).toMatchObject({ verify: false });
    expect(planted?.insecure?.join(' ')).toMatch(/plain http:\/\/.*verification is off/s);
    expect(report.clouds.find((c) => c.name === 'good')).toMatchObject({
      tls: { verify: true, cacert: '/etc/ssl/ca.pem' },
      insecure: [],
    });
    expect(JSON.stringify(report)).not.toContain('urlpass');
    await store.importDiscovered(['planted']);
    expect(JSON.stringify(store.list())).not.toContain('urlpass');
  });
});
