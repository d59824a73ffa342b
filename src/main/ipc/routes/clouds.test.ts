import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Result } from '@shared/errors';
import type { CloudSummary } from '@shared/models/cloud';
import { createDispatcher, sameOrigin } from '../handle';
import { createTestServices } from '../../testing/test-services';
import { cloudsRoutes } from './clouds';

const APP = 'http://localhost:5173/';

function setup(openAnswer: string | null = null) {
  // The insecure-transport warning (these clouds are http://) is answered "Connect anyway".
  const { services, events, logs } = createTestServices({
    dialogs: { openFile: async () => openAnswer, confirm: async () => true },
  });
  const dispatch = createDispatcher(cloudsRoutes, services, {
    isTrustedSender: (u) => sameOrigin(u, APP),
    log: (l) => logs.push(l),
  });
  const call = (channel: string, req?: unknown, senderUrl = `${APP}index.html`) =>
    dispatch(channel, req, { senderUrl });
  return { call, events, logs, services };
}

function failed(r: Result<unknown>) {
  expect(r.ok).toBe(false);
  return (r as Extract<Result<unknown>, { ok: false }>).error;
}

const cloud = {
  name: 'lab',
  authType: 'password',
  authUrl: 'http://127.0.0.1:5000/v3',
  username: 'alice',
  projectName: 'alpha',
  secret: 'userpass',
};

describe('clouds routes through the dispatcher', () => {
  it('refuses unknown senders before touching anything', async () => {
    const { call, services } = setup();
    const err = failed(await call('clouds:save', cloud, 'http://localhost:5173.evil.com/'));
    expect(err.code).toBe('FORBIDDEN_SENDER');
    expect(services.clouds.list()).toEqual([]);
  });

  it.each<[string, unknown, RegExp]>([
    ['clouds:save', { ...cloud, authType: 'saml' }, /authType/],
    ['clouds:save', { ...cloud, name: '' }, /name/],
    ['clouds:save', { ...cloud, pasword: 'typo' }, /pasword|Unrecognized/i],
    ['clouds:save', { ...cloud, name: '   ' }, /name/],
    ['clouds:save', { ...cloud, name: 'n'.repeat(129) }, /name/],
    ['clouds:save', { ...cloud, projectName: 'p'.repeat(513) }, /projectName/],
    ['clouds:save', { ...cloud, authUrl: `https://k/${'a'.repeat(2048)}` }, /authUrl/],
    ['clouds:save', { ...cloud, cacert: '' }, /cacert/],
    // TLS files are picks from main's dialog: a path named by the renderer is refused.
    ['clouds:save', { ...cloud, cacert: '/etc/ssl/certs/ca.pem' }, /cacert/],
    ['clouds:save', { ...cloud, key: { path: '/home/admin/.ssh/id_rsa' } }, /key/],
    ['clouds:chooseTlsFile', { kind: 'cacert', path: '/etc/passwd' }, /path|Unrecognized/i],
    ['clouds:chooseTlsFile', { kind: 'ssh' }, /kind/],
    ['clouds:save', { ...cloud, authUrl: '' }, /authUrl/],
    ['clouds:save', { ...cloud, secret: 's'.repeat(8193) }, /secret/],
    ['clouds:save', { ...cloud, regions: ['R1'] }, /regions|Unrecognized/i],
    // The form's names are the stored ones (userDomainName); the old short name is a typo now.
    ['clouds:save', { ...cloud, userDomain: 'Default' }, /userDomain|Unrecognized/i],
    ['clouds:remove', { cloudId: 42 }, /cloudId/],
    ['clouds:remove', undefined, /\(request\)/],
    ['session:connect', { cloudId: 'x', remember: 'yes' }, /remember/],
    ['session:switchProject', { cloudId: 'x' }, /projectId/],
    // A region is a name main maps to endpoints: never a URL field, never control characters.
    ['session:switchRegion', { cloudId: 'x' }, /region/],
    ['session:switchRegion', { cloudId: 'x', region: 'R1', url: 'http://evil:9696' }, /url|Unrecognized/i],
    ['session:switchRegion', { cloudId: 'x', region: 'R\u0000' }, /region/],
    ['session:switchRegion', { cloudId: 'x', region: 'r'.repeat(256) }, /region/],
    ['clouds:importFile', { path: '', kind: 'clouds' }, /path/],
    ['clouds:importFile', { path: '/x', kind: 'ini' }, /kind/],
    ['clouds:importDiscovered', { names: 'lab' }, /names/],
  ])('%s rejects bad arguments %j', async (channel, req, issue) => {
    const { call } = setup();
    const err = failed(await call(channel, req));
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.message).toContain(`Invalid request for ${channel}`);
    expect(err.message).toMatch(issue);
  });

  it('takes the longest value of each bounded field', async () => {
    const { call } = setup();
    const long = { ...cloud, projectName: 'p'.repeat(512), secret: 's'.repeat(8192) };
    expect((await call('clouds:save', long)).ok).toBe(true);
  });

  it('unknown channels are NOT_FOUND', async () => {
    const { call } = setup();
    expect(failed(await call('clouds:dropTables', undefined)).code).toBe('NOT_FOUND');
    expect(failed(await call('__proto__', undefined)).code).toBe('NOT_FOUND');
  });

  it('saves, lists and removes a cloud; the secret never comes back', async () => {
    const { call } = setup();
    const saved = await call('clouds:save', cloud);
    expect(saved.ok).toBe(true);
    const summary = (saved as { data: CloudSummary }).data;
    expect(summary).toMatchObject({ name: 'lab', hasSecret: true, secretLabel: 'Password' });
    const list = await call('clouds:list', null);
    expect(list).toEqual({ ok: true, data: [summary] });
    expect(JSON.stringify(list)).not.toContain('userpass');
    expect(await call('clouds:remove', { cloudId: summary.id })).toEqual({ ok: true, data: null });
    expect(await call('clouds:list')).toEqual({ ok: true, data: [] });
  });

  it('wraps service errors in the envelope with their code, hint and details', async () => {
    const { call } = setup();
    const notFound = failed(await call('clouds:remove', { cloudId: 'nope' }));
    expect(notFound).toMatchObject({ code: 'NOT_FOUND', details: { cloudId: 'nope' } });
    const saved = (await call('clouds:save', { ...cloud, secret: undefined })) as { data: CloudSummary };
    const needPw = failed(await call('session:connect', { cloudId: saved.data.id }));
    expect(needPw.code).toBe('PASSWORD_REQUIRED');
    expect(needPw.hint).toMatch(/password/i);
    expect(failed(await call('session:projects', { cloudId: saved.data.id })).code).toBe('NOT_CONNECTED');
    const invalid = failed(await call('clouds:save', { ...cloud, name: 'other', authUrl: 'not-a-url' }));
    expect(invalid.code).toBe('CONFIG_INVALID');
    expect(invalid.hint).toBeTruthy();
    const missing = setup('/nonexistent/clouds.yaml');
    expect(failed(await missing.call('clouds:importFile', {})).code).toBe('CONFIG_INVALID');
  });

  it('a network failure on connect comes back as UNREACHABLE, not INTERNAL', async () => {
    const { call, logs } = setup();
    const saved = (await call('clouds:save', { ...cloud, authUrl: 'http://127.0.0.1:1/v3' })) as { data: CloudSummary };
    const err = failed(await call('session:connect', { cloudId: saved.data.id }));
    expect(err.code).toBe('UNREACHABLE');
    expect(err.message).toContain('127.0.0.1:1');
    expect(JSON.stringify(err)).not.toContain('userpass');
    expect(logs.filter((l) => l.includes('INTERNAL'))).toEqual([]);
    expect(await call('session:list')).toEqual({ ok: true, data: [] });
  });
});

describe('removing a cloud', () => {
  it('also forgets its metadata settings and shared secret', async () => {
    const { call, services } = setup();
    const saved = await call('clouds:save', cloud);
    const cloudId = (saved as { ok: true; data: CloudSummary }).data.id;
    services.metadataConfig.save({ cloudId, novaMetadataUrl: 'http://127.0.0.1:8775', secret: 'shh' });
    expect(services.metadataConfig.hasSecret(cloudId)).toBe(true);
    expect((await call('clouds:remove', { cloudId })).ok).toBe(true);
    expect(services.metadataConfig.hasSecret(cloudId)).toBe(false);
    expect(services.clouds.list()).toEqual([]);
  });
});

describe('clouds:importFile', () => {
  it('refuses a path named by the renderer and reads nothing', async () => {
    const { call, services } = setup();
    const r = await call('clouds:importFile', { path: '/etc/passwd', kind: 'clouds' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('INVALID_ARGUMENT');
    expect(services.clouds.list()).toEqual([]);
  });

  it('a cancelled dialog imports nothing', async () => {
    const { call } = setup();
    expect(await call('clouds:importFile', { kind: 'clouds' })).toEqual({ ok: true, data: null });
  });

  it("imports the file chosen in main's dialog", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sl-pick-')), 'clouds.yaml');
    writeFileSync(
      file,
      'clouds:\n  picked:\n    auth:\n      auth_url: https://keystone.example:5000/v3\n      username: u\n      project_name: p\n',
    );
    const { call, services } = setup(file);
    const r = await call('clouds:importFile', {});
    expect(r).toMatchObject({ ok: true, data: { imported: [{ name: 'picked', source: file }] } });
    expect(services.clouds.list().map((c) => c.name)).toEqual(['picked']);
  });
});

describe('clouds:chooseTlsFile', () => {
  const pem = (label: string) => `-----BEGIN ${label}-----\nMIIB\n-----END ${label}-----\n`;
  function files() {
    const dir = mkdtempSync(join(tmpdir(), 'sl-tls-'));
    const ca = join(dir, 'ca.pem');
    const key = join(dir, 'client.key');
    writeFileSync(ca, pem('CERTIFICATE'));
    writeFileSync(key, pem('PRIVATE KEY'));
    return { ca, key };
  }

  it("stores the CA bundle chosen in main's dialog; the form names only the pick", async () => {
    const { ca } = files();
    const { call, services } = setup(ca);
    const chosen = await call('clouds:chooseTlsFile', { kind: 'cacert' });
    expect(chosen).toMatchObject({ ok: true, data: { path: ca } });
    const pick = (chosen as { data: { pick: string } }).data.pick;
    const saved = await call('clouds:save', { ...cloud, cacert: { pick } });
    expect(saved).toMatchObject({ ok: true, data: { cacert: ca, hasSecret: true } });
    const id = (saved as { data: CloudSummary }).data.id;
    // Absent keeps the file (and the secret, the endpoint did not move); null removes it.
    expect(await call('clouds:save', { ...cloud, id, secret: undefined })).toMatchObject({
      ok: true,
      data: { cacert: ca, hasSecret: true },
    });
    const removed = await call('clouds:save', { ...cloud, id, secret: undefined, cacert: null });
    expect(removed).toMatchObject({ ok: true, data: { hasSecret: false } });
    expect(services.clouds.get(id).cacert).toBeUndefined();
  });

  it('refuses a pick main never made, or one made for another kind of file', async () => {
    const { key } = files();
    const { call, services } = setup(key);
    const invented = failed(await call('clouds:save', { ...cloud, cacert: { pick: 'f00d' } }));
    expect(invented).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/CA bundle/) });
    const chosen = (await call('clouds:chooseTlsFile', { kind: 'key' })) as { data: { pick: string } };
    expect(failed(await call('clouds:save', { ...cloud, cacert: chosen.data })).code).toBe('INVALID_ARGUMENT');
    expect(services.clouds.list()).toEqual([]);
    expect((await call('clouds:save', { ...cloud, key: { pick: chosen.data.pick } })).ok).toBe(true);
  });

  it('a file that is not PEM of the right kind is refused when chosen', async () => {
    const { key } = files();
    const notPem = join(mkdtempSync(join(tmpdir(), 'sl-tls-')), 'ca.pem');
    writeFileSync(notPem, 'clouds: {}\n');
    expect(failed(await setup(notPem).call('clouds:chooseTlsFile', { kind: 'cacert' }))).toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining('holds no PEM CA bundle'),
    });
    // A private key is no CA bundle.
    expect(failed(await setup(key).call('clouds:chooseTlsFile', { kind: 'cacert' })).code).toBe('CONFIG_INVALID');
  });

  it('a cancelled dialog picks nothing', async () => {
    expect(await setup(null).call('clouds:chooseTlsFile', { kind: 'cert' })).toEqual({ ok: true, data: null });
  });
});
