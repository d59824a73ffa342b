/**
 * The re-point attack: a compromised renderer (or a planted clouds.yaml) changes where a cloud or
 * its nova metadata points, without knowing the secret, and asks main to connect. A fake Keystone
 * on loopback must never receive the stored password.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '@shared/errors';
import type { CloudSummary } from '@shared/models/cloud';
import { createDispatcher, sameOrigin, type RouteTable } from '../ipc/handle';
import { cloudsRoutes } from '../ipc/routes/clouds';
import type { Services } from '../services';
import { closeHttpAgents } from '../openstack/http';
import { startHttpServer, type TestServer } from '../openstack/test-servers';
import { createTestServices } from '../testing/test-services';

const APP = 'http://localhost:5173/';
const password = 'hunter2-do-not-leak';
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await closeHttpAgents();
});

/** A Keystone that records every body it is sent and refuses everything. */
async function fakeKeystone() {
  const bodies: string[] = [];
  const server = await startHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(`${req.method} ${req.url} ${Buffer.concat(chunks).toString()}`);
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"error":{"code":401}}');
    });
  });
  servers.push(server);
  return { url: `${server.url}/v3`, bodies };
}

function setup() {
  const { services, dataDir } = createTestServices();
  const dispatch = createDispatcher(cloudsRoutes as unknown as RouteTable<Services>, services, {
    isTrustedSender: (u) => sameOrigin(u, APP),
  });
  const call = async <T>(channel: string, req?: unknown) =>
    (await dispatch(channel, req, { senderUrl: APP })) as Result<T>;
  return { call, services, dataDir };
}

const base = { name: 'prod', authType: 'password', username: 'admin', projectName: 'admin' };

describe('secrets are bound to the endpoint they were stored for', () => {
  it('a new auth URL without the password drops it: the new Keystone receives no password', async () => {
    const evil = await fakeKeystone();
    const { call } = setup();
    const saved = await call<CloudSummary>('clouds:save', {
      ...base,
      authUrl: 'https://keystone.prod.example:5000/v3',
      secret: password,
    });
    expect(saved.ok && saved.data.hasSecret).toBe(true);
    const id = saved.ok ? saved.data.id : '';
    const repointed = await call<CloudSummary>('clouds:save', { ...base, id, authUrl: evil.url });
    expect(repointed.ok && repointed.data.hasSecret).toBe(false);
    const connect = await call('session:connect', { cloudId: id });
    expect(connect).toMatchObject({ ok: false, error: { code: 'PASSWORD_REQUIRED' } });
    expect(evil.bodies.join('\n')).not.toContain(password);
  });

  it('TLS changes (verify, CA, client cert) drop it too; other edits keep it', async () => {
    const { call } = setup();
    const first = await call<CloudSummary>('clouds:save', {
      ...base,
      authUrl: 'https://k.example/v3',
      secret: password,
    });
    const id = first.ok ? first.data.id : '';
    const renamed = await call<CloudSummary>('clouds:save', {
      ...base,
      id,
      name: 'prod2',
      authUrl: 'https://k.example/v3',
    });
    expect(renamed.ok && renamed.data.hasSecret).toBe(true);
    const insecure = await call<CloudSummary>('clouds:save', {
      ...base,
      id,
      authUrl: 'https://k.example/v3',
      verify: false,
    });
    expect(insecure.ok && insecure.data.hasSecret).toBe(false);
  });

  it('re-importing a clouds.yaml whose cloud now points elsewhere keeps nothing of the old secret', async () => {
    const evil = await fakeKeystone();
    const { call, dataDir } = setup();
    const yaml = (url: string, pw?: string) =>
      `clouds:\n  prod:\n    auth:\n      auth_url: ${url}\n      username: admin\n      project_name: admin\n${pw ? `      password: ${pw}\n` : ''}`;
    writeFileSync(join(dataDir, 'clouds.yaml'), yaml('https://keystone.prod.example/v3', password));
    const first = await call<{ imported: CloudSummary[] }>('clouds:importDiscovered', {});
    expect(first.ok && first.data.imported[0].hasSecret).toBe(true);
    writeFileSync(join(dataDir, 'clouds.yaml'), yaml(evil.url));
    const again = await call<{ imported: CloudSummary[] }>('clouds:importDiscovered', {});
    const cloud = again.ok ? again.data.imported[0] : undefined;
    expect(cloud?.hasSecret).toBe(false);
    await call('session:connect', { cloudId: cloud?.id });
    expect(evil.bodies.join('\n')).not.toContain(password);
  });

  it("a metadata config's new nova URL or TLS drops the shared secret", async () => {
    const { services, call } = setup();
    const saved = await call<CloudSummary>('clouds:save', { ...base, authUrl: 'https://k.example/v3' });
    const cloudId = saved.ok ? saved.data.id : '';
    services.metadataConfig.save({ cloudId, novaMetadataUrl: 'http://nova.prod.example:8775', secret: 'meta-s3cret' });
    expect(services.metadataConfig.target(cloudId, 'prod').secret).toBe('meta-s3cret');
    services.metadataConfig.save({ cloudId, novaMetadataUrl: 'http://nova.prod.example:8775', timeoutMs: 30_000 });
    expect(services.metadataConfig.target(cloudId, 'prod').secret).toBe('meta-s3cret');
    services.metadataConfig.save({ cloudId, novaMetadataUrl: 'http://127.0.0.1:9/evil' });
    expect(() => services.metadataConfig.target(cloudId, 'prod')).toThrow(/No metadata shared secret/);
    services.metadataConfig.save({ cloudId, novaMetadataUrl: 'http://127.0.0.1:9/evil', secret: 'meta-s3cret' });
    services.metadataConfig.save({ cloudId, novaMetadataUrl: 'http://127.0.0.1:9/evil', tls: { verify: false } });
    expect(() => services.metadataConfig.target(cloudId, 'prod')).toThrow(/No metadata shared secret/);
  });
});
