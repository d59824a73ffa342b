/**
 * session:connect over an unsafe transport: main asks in its own dialog before the secret leaves.
 * A fake Keystone on loopback records what it receives: when the admin declines, nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '@shared/errors';
import type { CloudSummary } from '@shared/models/cloud';
import { createDispatcher, sameOrigin, type RouteTable } from '../ipc/handle';
import { cloudsRoutes } from '../ipc/routes/clouds';
import type { Services } from '../services';
import { closeHttpAgents } from '../openstack/http';
import { makeSelfSignedCert, startHttpServer, startHttpsServer, type TestServer } from '../openstack/test-servers';
import { createTestServices } from '../testing/test-services';
import { INSECURE_TITLE } from './transport-warning';

const APP = 'http://localhost:5173/';
const password = 'plain-http-s3cret';
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await closeHttpAgents();
});

/** A Keystone that records every request body and refuses it (401): enough to see what was sent. */
async function recordingKeystone(start: (h: Parameters<typeof startHttpServer>[0]) => Promise<TestServer>) {
  const bodies: string[] = [];
  const server = await start((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString());
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"error":{"code":401,"message":"The request you have made requires authentication."}}');
    });
  });
  servers.push(server);
  return { url: `${server.url}/v3`, bodies };
}

function setup(answers: boolean[], openAnswers: string[] = []) {
  const asked: Array<{ title: string; message: string; detail: string }> = [];
  const { services } = createTestServices({
    dialogs: {
      confirm: async (o) => {
        asked.push(o);
        return answers.shift() ?? false;
      },
      openFile: async () => openAnswers.shift() ?? null,
    },
  });
  const dispatch = createDispatcher(cloudsRoutes as unknown as RouteTable<Services>, services, {
    isTrustedSender: (u) => sameOrigin(u, APP),
  });
  const call = async <T>(channel: string, req?: unknown) =>
    (await dispatch(channel, req, { senderUrl: APP })) as Result<T>;
  const save = async (fields: Record<string, unknown>) => {
    const saved = await call<CloudSummary>('clouds:save', {
      name: 'prod',
      authType: 'password',
      username: 'admin',
      projectName: 'admin',
      ...fields,
    });
    if (!saved.ok) throw new Error(saved.error.message);
    return saved.data.id;
  };
  return { call, save, asked, services };
}

describe('connecting over an insecure transport', () => {
  it('plain http://: main asks first; declined, Keystone receives nothing', async () => {
    const keystone = await recordingKeystone(startHttpServer);
    const { call, save, asked } = setup([false]);
    const cloudId = await save({ authUrl: keystone.url, secret: password });
    const r = await call('session:connect', { cloudId });
    expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(asked).toHaveLength(1);
    expect(asked[0].title).toBe(INSECURE_TITLE);
    expect(asked[0].message).toContain('"prod"');
    expect(asked[0].detail).toContain(keystone.url);
    expect(asked[0].detail).toMatch(/plain http:\/\//);
    expect(asked[0].detail).not.toContain(password);
    expect(keystone.bodies).toEqual([]);
  });

  it('a password typed in the prompt is not sent either when declined', async () => {
    const keystone = await recordingKeystone(startHttpServer);
    const { call, save } = setup([false]);
    const cloudId = await save({ authUrl: keystone.url });
    // No secret: the prompt comes first, the warning only once there is something to send.
    expect(await call('session:connect', { cloudId })).toMatchObject({ error: { code: 'PASSWORD_REQUIRED' } });
    const typed = await call('session:connect', { cloudId, password, remember: true });
    expect(typed).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(keystone.bodies).toEqual([]);
  });

  it('"Connect anyway" proceeds: the lab case', async () => {
    const keystone = await recordingKeystone(startHttpServer);
    const { call, save } = setup([true]);
    const cloudId = await save({ authUrl: keystone.url, secret: password });
    expect(await call('session:connect', { cloudId })).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    expect(keystone.bodies.filter((b) => b.includes(password))).toHaveLength(1);
  });

  it('https with verification on asks nothing; verify: false asks', async () => {
    const cert = makeSelfSignedCert();
    const keystone = await recordingKeystone((h) => startHttpsServer(cert, h));
    // The self-signed certificate is the CA bundle, chosen in main's dialog.
    const { call, save, asked } = setup([false], [cert.certPath]);
    const chosen = await call<{ pick: string }>('clouds:chooseTlsFile', { kind: 'cacert' });
    const pick = chosen.ok ? chosen.data.pick : '';
    const cloudId = await save({ authUrl: keystone.url, secret: password, cacert: { pick } });
    expect(await call('session:connect', { cloudId })).toMatchObject({ error: { code: 'AUTH_FAILED' } });
    expect(asked).toEqual([]);
    const sent = keystone.bodies.length;
    expect(keystone.bodies.filter((b) => b.includes(password))).toHaveLength(1);

    const lax = await save({ authUrl: keystone.url, secret: password, verify: false, name: 'lax' });
    expect(await call('session:connect', { cloudId: lax })).toMatchObject({ error: { code: 'CANCELLED' } });
    expect(asked.map((a) => a.detail)).toEqual([expect.stringMatching(/TLS verification is off/)]);
    expect(keystone.bodies).toHaveLength(sent);
  });
});
