import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { FileKeyCipher } from '../credentials/file-key-cipher';
import { Vault } from '../credentials/vault';
import { MetadataConfigStore, secretKey, validateNovaUrl } from './metadata-config';

let dir: string;
let vault: Vault;
let store: MetadataConfigStore;
const SECRET = 'stacklens-unit-secret-value';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sl-mdcfg-'));
  vault = new Vault(join(dir, 'vault.json'), new FileKeyCipher(join(dir, 'key')));
  store = new MetadataConfigStore(dir, vault);
});

describe('MetadataConfigStore', () => {
  it('starts empty with the agent defaults and the suggested URL', () => {
    expect(store.view('c1', 'http://ctrl:8775')).toEqual({
      cloudId: 'c1',
      novaMetadataUrl: null,
      suggestedUrl: 'http://ctrl:8775',
      tls: { verify: true },
      timeoutMs: 60_000,
      hasSecret: false,
      cacheTtlMs: 0,
      backend: 'auto',
    });
  });

  it('keeps the networking backend override per cloud and refuses an unknown one', () => {
    store.save({ cloudId: 'c1', novaMetadataUrl: 'http://127.0.0.1:8775', backend: 'ovn' });
    expect(store.view('c1').backend).toBe('ovn');
    expect(store.backend('c1')).toBe('ovn');
    store.save({ cloudId: 'c1', novaMetadataUrl: 'http://127.0.0.1:8775' });
    expect(store.backend('c1')).toBe('ovn');
    expect(() =>
      store.save({ cloudId: 'c1', novaMetadataUrl: 'http://127.0.0.1:8775', backend: 'nsx' as never }),
    ).toThrow(/backend/);
    expect(store.backend('c2')).toBe('auto');
  });

  it('saves settings in a file and the secret in the vault only (encrypted)', () => {
    store.save({ cloudId: 'c1', novaMetadataUrl: ' http://127.0.0.1:8775/ ', secret: SECRET, timeoutMs: 5000 });
    const view = store.view('c1');
    expect(view).toMatchObject({ novaMetadataUrl: 'http://127.0.0.1:8775', hasSecret: true, timeoutMs: 5000 });
    expect(JSON.stringify(view)).not.toContain(SECRET);
    expect(readFileSync(join(dir, 'metadata-settings.json'), 'utf8')).not.toContain(SECRET);
    expect(readFileSync(join(dir, 'vault.json'), 'utf8')).not.toContain(SECRET);
    expect(vault.get(secretKey('c1'))).toBe(SECRET);
    expect(store.target('c1')).toEqual({
      url: 'http://127.0.0.1:8775',
      secret: SECRET,
      tls: { verify: true },
      timeoutMs: 5000,
    });
  });

  it('keeps the stored secret when none is given for the same nova, clears it on request', () => {
    store.save({ cloudId: 'c1', novaMetadataUrl: 'http://b:8775', secret: SECRET });
    store.save({ cloudId: 'c1', novaMetadataUrl: 'http://b:8775', timeoutMs: 30_000 });
    expect(store.target('c1')).toMatchObject({ url: 'http://b:8775', secret: SECRET });
    store.save({ cloudId: 'c1', novaMetadataUrl: 'http://b:8775', clearSecret: true });
    expect(store.view('c1').hasSecret).toBe(false);
    expect(() => store.target('c1')).toThrow(expect.objectContaining({ code: 'SECRET_MISSING' }));
  });

  it('says what is missing: no URL, then no secret', () => {
    expect(() => store.target('c2', 'lab')).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('"lab"') }),
    );
    store.save({ cloudId: 'c2', novaMetadataUrl: 'http://x:8775' });
    expect(() => store.target('c2')).toThrow(
      expect.objectContaining({
        code: 'SECRET_MISSING',
        hint: expect.stringContaining('metadata_proxy_shared_secret'),
      }),
    );
  });

  it('validates TLS files, cert/key pairs, timeout and cache TTL, and loses nothing on a bad save', () => {
    store.save({ cloudId: 'c1', novaMetadataUrl: 'https://n:8775', secret: SECRET });
    const ca = join(dir, 'ca.pem');
    writeFileSync(ca, 'pem');
    const bad = [{ tls: { cert: ca } }, { timeoutMs: 10 }, { cacheTtlMs: -1 }, { cacheTtlMs: 3_600_000 }];
    for (const extra of bad) {
      expect(() => store.save({ cloudId: 'c1', novaMetadataUrl: 'https://other:8775', ...extra })).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      );
    }
    expect(store.view('c1').novaMetadataUrl).toBe('https://n:8775');
    store.save({
      cloudId: 'c1',
      novaMetadataUrl: 'https://n:8775',
      tls: { verify: true, cacert: ca },
      cacheTtlMs: 10_000,
      secret: SECRET,
    });
    expect(store.view('c1')).toMatchObject({ tls: { verify: true, cacert: ca }, cacheTtlMs: 10_000, hasSecret: true });
    // A stored path (also one saved before files were picked) is kept when the form leaves it alone,
    // with the secret; null removes it.
    store.save({ cloudId: 'c1', novaMetadataUrl: 'https://n:8775', tls: { verify: true } });
    expect(store.target('c1')).toMatchObject({ secret: SECRET, tls: { cacert: ca } });
    store.save({ cloudId: 'c1', novaMetadataUrl: 'https://n:8775', tls: { verify: true, cacert: null } });
    expect(store.view('c1').tls).toEqual({ verify: true });
  });

  it('remove() forgets settings and secret', () => {
    store.save({ cloudId: 'c1', novaMetadataUrl: 'http://n:8775', secret: SECRET });
    store.remove('c1');
    expect(store.view('c1')).toMatchObject({ novaMetadataUrl: null, hasSecret: false });
  });
});

describe('validateNovaUrl', () => {
  it('accepts http(s) with host and optional prefix, strips the trailing slash', () => {
    expect(validateNovaUrl('http://[fd00::1]:8775/')).toBe('http://[fd00::1]:8775');
    expect(validateNovaUrl('https://api.example/metadata/')).toBe('https://api.example/metadata');
  });

  it.each(['controller:8775', 'ftp://x', 'http://user:pw@x:8775', 'http://x:8775/?a=1', 'nonsense'])(
    'rejects %s',
    (url) => {
      expect(() => validateNovaUrl(url)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    },
  );
});
