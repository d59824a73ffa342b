/**
 * Region switching, through the IPC dispatcher as the renderer calls it: a loopback Keystone whose
 * catalog has two regions, each with its own Neutron. The switch re-points the session's clients
 * (a call lands on the other Neutron), is remembered for the next connect, and takes a region
 * name only: a URL or an unknown name is refused without a request going anywhere new.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '@shared/errors';
import type { CloudSummary, SessionInfo } from '@shared/models/cloud';
import { createDispatcher, sameOrigin, type RouteTable } from '../ipc/handle';
import { cloudsRoutes } from '../ipc/routes/clouds';
import type { Services } from '../services';
import { closeHttpAgents } from '../openstack/http';
import { startHttpServer, type TestServer } from '../openstack/test-servers';
import { createTestServices } from '../testing/test-services';

const APP = 'http://localhost:5173/';
const password = 'region-test-password';
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await closeHttpAgents();
});

/** A Neutron that names itself in its network list and counts the calls it gets. */
async function fakeNeutron(name: string) {
  const paths: string[] = [];
  const server = await startHttpServer((req, res) => {
    paths.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ networks: [{ id: `${name}-id`, name: `${name}-net` }] }));
  });
  servers.push(server);
  return { url: server.url, paths };
}

type Endpoints = Record<string, { network?: string; compute?: string }>;

/** A Keystone v3 issuing tokens whose catalog is `regions` of the project scoped to (each token a new value). */
async function fakeKeystone(regions: (projectId: string) => Endpoints) {
  let issued = 0;
  const answer = (req: IncomingMessage, res: ServerResponse, url: string, body: string) => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(
        JSON.stringify({ version: { id: 'v3.14', status: 'stable', links: [{ rel: 'self', href: `${url}/v3/` }] } }),
      );
    }
    if (req.method === 'DELETE') return res.writeHead(204).end();
    const asked = (JSON.parse(body) as { auth: { scope?: { project?: { id?: string } } } }).auth.scope?.project?.id;
    const projectId = asked ?? 'p1';
    const catalog = ['network', 'compute'].map((type) => ({
      type,
      endpoints: Object.entries(regions(projectId)).flatMap(([region, eps]) => {
        const u = eps[type as 'network' | 'compute'];
        return u ? [{ interface: 'public', region_id: region, url: u }] : [];
      }),
    }));
    res.writeHead(201, { 'content-type': 'application/json', 'x-subject-token': `tok-${++issued}-secret` });
    res.end(
      JSON.stringify({
        token: {
          expires_at: new Date(Date.now() + 3600_000).toISOString(),
          user: { id: 'u1', name: 'admin', domain: { id: 'default', name: 'Default' } },
          project: {
            id: projectId,
            name: projectId === 'p1' ? 'admin' : projectId,
            domain: { id: 'default', name: 'Default' },
          },
          roles: [{ id: 'r1', name: 'admin' }],
          catalog,
        },
      }),
    );
  };
  const server: TestServer = await startHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => answer(req, res, server.url, Buffer.concat(chunks).toString('utf8') || '{"auth":{}}'));
  });
  servers.push(server);
  return `${server.url}/v3`;
}

async function setup(regions: (projectId: string) => Endpoints, dataDir?: string) {
  const authUrl = await fakeKeystone(regions);
  const test = createTestServices({ dialogs: { confirm: async () => true }, ...(dataDir ? { dataDir } : {}) });
  const dispatch = createDispatcher(cloudsRoutes as unknown as RouteTable<Services>, test.services, {
    isTrustedSender: (u) => sameOrigin(u, APP),
  });
  const raw = (channel: string, req?: unknown) =>
    dispatch(channel, req, { senderUrl: APP }) as Promise<Result<unknown>>;
  const call = async <T>(channel: string, req?: unknown): Promise<T> => {
    const r = await raw(channel, req);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.data as T;
  };
  return { ...test, authUrl, raw, call };
}

type Setup = Awaited<ReturnType<typeof setup>>;

async function addCloud(ctx: Setup, regionName = 'RegionOne'): Promise<string> {
  const saved = await ctx.call<CloudSummary>('clouds:save', {
    name: 'two-regions',
    authType: 'password',
    authUrl: ctx.authUrl,
    username: 'admin',
    projectName: 'admin',
    regionName,
    secret: password,
  });
  return saved.id;
}

const networkNames = async (ctx: Setup, cloudId: string) =>
  (
    await ctx.services.sessions.client(cloudId).request<{ networks: Array<{ name: string }> }>('network', 'networks')
  ).data.networks.map((n) => n.name);

describe('session:switchRegion', () => {
  it("re-points the session's Neutron and says so in SessionInfo and session:changed", async () => {
    const one = await fakeNeutron('one');
    const two = await fakeNeutron('two');
    const ctx = await setup(() => ({
      RegionOne: { network: one.url, compute: 'http://127.0.0.1:1/v2.1' },
      RegionTwo: { network: two.url },
      ComputeOnly: { compute: 'http://127.0.0.1:1/v2.1' },
    }));
    const cloudId = await addCloud(ctx);
    const connected = await ctx.call<SessionInfo>('session:connect', { cloudId });
    expect(connected.region).toBe('RegionOne');
    expect(connected.regions).toEqual([
      { name: 'RegionOne', services: ['network', 'compute'] },
      { name: 'RegionTwo', services: ['network'] },
    ]);
    const before = ctx.services.sessions.client(cloudId);
    expect(await networkNames(ctx, cloudId)).toEqual(['one-net']);

    ctx.events.length = 0;
    const switched = await ctx.call<SessionInfo>('session:switchRegion', { cloudId, region: 'RegionTwo' });
    expect(switched.region).toBe('RegionTwo');
    expect(switched.services.find((s) => s.type === 'network')?.url).toBe(two.url);
    expect(switched.services.find((s) => s.type === 'compute')).toBeUndefined();
    expect(ctx.events).toEqual([{ event: 'session:changed', payload: { cloudId, session: switched } }]);
    expect(await networkNames(ctx, cloudId)).toEqual(['two-net']);
    expect(two.paths).toEqual(['/v2.0/networks']);
    // A client handed out before the switch stays in its region (a fetch in flight ends where it began).
    const old = await before.request<{ networks: Array<{ name: string }> }>('network', 'networks');
    expect(old.data.networks[0].name).toBe('one-net');
    expect(ctx.services.sessions.client(cloudId)).not.toBe(before);
    // Nothing the renderer got carries the token.
    expect(JSON.stringify([connected, switched, ctx.events])).not.toMatch(/tok-\d+-secret/);
    await ctx.services.sessions.closeAll();
  });

  it('takes a region name of the catalog only: a URL, an unknown name, a compute-only region are refused', async () => {
    const one = await fakeNeutron('one');
    const evil = await fakeNeutron('evil');
    const ctx = await setup(() => ({
      RegionOne: { network: one.url },
      ComputeOnly: { compute: 'http://127.0.0.1:1/v2.1' },
    }));
    const cloudId = await addCloud(ctx);
    await ctx.call('session:connect', { cloudId });
    for (const region of [evil.url, 'RegionNine', 'ComputeOnly']) {
      const r = await ctx.raw('session:switchRegion', { cloudId, region });
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', hint: 'Choose one of: RegionOne.' } });
    }
    // The contract is a name: extra fields and control characters do not pass validation.
    for (const req of [
      { cloudId, region: 'RegionOne', url: evil.url },
      { cloudId, region: 'Region\nOne' },
      { cloudId, region: '' },
    ]) {
      expect(await ctx.raw('session:switchRegion', req)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGUMENT' },
      });
    }
    expect(await networkNames(ctx, cloudId)).toEqual(['one-net']);
    expect(evil.paths).toEqual([]);
    expect(ctx.services.sessions.info(cloudId).region).toBe('RegionOne');
    // Not connected: named, not crashed.
    await ctx.services.sessions.disconnect(cloudId);
    expect(await ctx.raw('session:switchRegion', { cloudId, region: 'RegionOne' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_CONNECTED' },
    });
  });

  it('the chosen region is remembered per cloud across reconnects and restarts, until the region is edited', async () => {
    const one = await fakeNeutron('one');
    const two = await fakeNeutron('two');
    let regions: Endpoints = { RegionOne: { network: one.url }, RegionTwo: { network: two.url } };
    const ctx = await setup(() => regions);
    const cloudId = await addCloud(ctx);
    await ctx.call('session:connect', { cloudId });
    await ctx.call('session:switchRegion', { cloudId, region: 'RegionTwo' });
    await ctx.call('session:disconnect', { cloudId });
    expect((await ctx.call<SessionInfo>('session:connect', { cloudId })).region).toBe('RegionTwo');
    expect(await networkNames(ctx, cloudId)).toEqual(['two-net']);
    await ctx.services.sessions.closeAll();

    // A restart: new services over the same data dir.
    const again = createTestServices({ dataDir: ctx.dataDir, dialogs: { confirm: async () => true } });
    expect((await again.services.sessions.connect(cloudId)).region).toBe('RegionTwo');
    await again.services.sessions.closeAll();

    // The region gone from the catalog: the configured one, and the log says why.
    regions = { RegionOne: { network: one.url } };
    expect((await again.services.sessions.connect(cloudId)).region).toBe('RegionOne');
    expect(again.logs.join('\n')).toContain('region RegionTwo is not offered by this catalog; using RegionOne');
    regions = { RegionOne: { network: one.url }, RegionTwo: { network: two.url } };

    // Saving the form with the same region keeps the choice; another region (here: none) drops it.
    const form = {
      id: cloudId,
      name: 'two-regions',
      authType: 'password',
      authUrl: ctx.authUrl,
      username: 'admin',
      projectName: 'admin',
    };
    await ctx.call('clouds:save', { ...form, regionName: 'RegionOne' });
    expect((await ctx.call<SessionInfo>('session:connect', { cloudId })).region).toBe('RegionTwo');
    await ctx.call('clouds:save', form);
    expect((await ctx.call<SessionInfo>('session:connect', { cloudId })).region).toBe('RegionOne');
    // Removing the cloud forgets it too.
    await ctx.call('session:switchRegion', { cloudId, region: 'RegionTwo' });
    await ctx.call('clouds:remove', { cloudId });
    expect(readFileSync(join(ctx.dataDir, 'regions.json'), 'utf8')).not.toContain(cloudId);
    await ctx.services.sessions.closeAll();
  });

  it('a project whose catalog lacks the chosen region falls back, says so, and goes back with the project', async () => {
    const one = await fakeNeutron('one');
    const two = await fakeNeutron('two');
    const three = await fakeNeutron('three');
    const catalogs: Record<string, Endpoints> = {
      p1: { RegionOne: { network: one.url }, RegionTwo: { network: two.url } },
      // Neither the chosen RegionTwo (compute only here) nor the configured RegionOne has a Neutron.
      p2: { RegionTwo: { compute: 'http://127.0.0.1:1/v2.1' }, RegionThree: { network: three.url } },
    };
    const ctx = await setup((projectId) => catalogs[projectId]);
    const cloudId = await addCloud(ctx);
    await ctx.call('session:connect', { cloudId });
    await ctx.call('session:switchRegion', { cloudId, region: 'RegionTwo' });

    ctx.events.length = 0;
    const moved = await ctx.call<SessionInfo>('session:switchProject', { cloudId, projectId: 'p2' });
    expect(moved.scope).toMatchObject({ kind: 'project', id: 'p2' });
    expect(moved.region).toBe('RegionThree');
    expect(moved.regionFallback).toEqual({ wanted: 'RegionTwo', region: 'RegionThree' });
    expect(ctx.events.at(-1)).toEqual({ event: 'session:changed', payload: { cloudId, session: moved } });
    expect(await networkNames(ctx, cloudId)).toEqual(['three-net']);
    expect(ctx.logs.join('\n')).toContain('region RegionTwo is not offered by this catalog; using RegionThree');
    // The choice is kept: the next connect and the project that has it again go back to it.
    expect(readFileSync(join(ctx.dataDir, 'regions.json'), 'utf8')).toContain('"RegionTwo"');
    const back = await ctx.call<SessionInfo>('session:switchProject', { cloudId, projectId: 'p1' });
    expect(back.region).toBe('RegionTwo');
    expect(back.regionFallback).toBeUndefined();
    expect(await networkNames(ctx, cloudId)).toEqual(['two-net']);

    // Chosen while falling back, a region of the new catalog becomes the choice; the notice goes.
    await ctx.call('session:switchProject', { cloudId, projectId: 'p2' });
    const chosen = await ctx.call<SessionInfo>('session:switchRegion', { cloudId, region: 'RegionThree' });
    expect(chosen.regionFallback).toBeUndefined();
    expect(readFileSync(join(ctx.dataDir, 'regions.json'), 'utf8')).toContain('"RegionThree"');
    await ctx.services.sessions.closeAll();
  });
});
