/**
 * The clouds/session feature end to end against the lab: import the lab's clouds.yaml + secure.yaml
 * (and its lab.env as an openrc), connect every cloud through the IPC dispatcher, list and switch
 * projects, events, and the refusals (app credential switch, missing password).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Result } from '../../src/shared/errors';
import type { CloudSummary, ImportResult, ProjectRef, SessionInfo } from '../../src/shared/models/cloud';
import { createDispatcher } from '../../src/main/ipc/handle';
import { cloudsRoutes } from '../../src/main/ipc/routes/clouds';
import { closeHttpAgents } from '../../src/main/openstack/http';
import { createTestServices } from '../../src/main/testing/test-services';
import { describeLab, requireLab } from './lab';

const APP = 'http://app.test/';

function setup(env: Record<string, string> = {}) {
  /** Answers of main's native open dialog: the renderer never sends a path. */
  const picks: string[] = [];
  const events: Array<{ cloudId: string; session: SessionInfo | null }> = [];
  const { services } = createTestServices({
    // The lab's Keystone is plain http: the admin accepts main's warning, as a lab admin would.
    dialogs: { openFile: async () => picks.shift() ?? null, confirm: async () => true },
    emit: (event, payload) => {
      if (event === 'session:changed') events.push(payload as { cloudId: string; session: SessionInfo | null });
    },
    env,
  });
  const dispatch = createDispatcher(cloudsRoutes, services, {
    isTrustedSender: (u) => u.startsWith(APP),
  });
  async function call<T>(channel: string, req?: unknown): Promise<T> {
    const r = (await dispatch(channel, req, { senderUrl: APP })) as Result<T>;
    if (!r.ok) throw Object.assign(new Error(`${r.error.code}: ${r.error.message}`), { ipc: r.error });
    return r.data;
  }
  async function fail(channel: string, req?: unknown) {
    const r = await dispatch(channel, req, { senderUrl: APP });
    expect(r.ok).toBe(false);
    return (r as Extract<Result<unknown>, { ok: false }>).error;
  }
  return { services, call, fail, events, picks };
}

describeLab('clouds and sessions against the lab', () => {
  let ctx: ReturnType<typeof setup>;
  let byName: Record<string, CloudSummary>;

  beforeAll(async () => {
    const lab = requireLab();
    ctx = setup();
    ctx.picks.push(lab.files['clouds.yaml']);
    const result = await ctx.call<ImportResult>('clouds:importFile', {});
    expect(result.skipped).toEqual([]);
    byName = Object.fromEntries(result.imported.map((c) => [c.name, c]));
  });
  afterAll(async () => {
    await ctx?.services.sessions.closeAll();
    await closeHttpAgents();
  });

  it("imports every cloud of the lab's clouds.yaml, with secrets from secure.yaml", () => {
    const lab = requireLab();
    expect(Object.keys(byName).sort()).toEqual([...lab.clouds].sort());
    for (const c of Object.values(byName)) expect(c.hasSecret).toBe(true);
    expect(byName['lab-alice']).toMatchObject({
      username: 'alice',
      projectName: 'alpha',
      regionName: lab.region,
      authType: 'password',
    });
    expect(byName['lab-alice-appcred']).toMatchObject({
      authType: 'v3applicationcredential',
      secretLabel: 'Application credential secret',
    });
  });

  it('connects every lab cloud; SessionInfo carries no secret', async () => {
    const lab = requireLab();
    for (const name of lab.clouds) {
      const info = await ctx.call<SessionInfo>('session:connect', { cloudId: byName[name].id });
      expect(info.cloudName).toBe(name);
      expect(Date.parse(info.expiresAt)).toBeGreaterThan(Date.now());
      const text = JSON.stringify(info);
      for (const u of Object.values(lab.users)) expect(text).not.toContain(u.password);
      for (const ac of Object.values(lab.appCredentials)) expect(text).not.toContain(ac.secret);
    }
    const admin = ctx.services.sessions.info(byName['lab-admin'].id);
    expect(admin).toMatchObject({
      isAdmin: true,
      region: lab.region,
      interface: 'public',
      scope: { kind: 'project', name: 'admin' },
    });
    expect(admin.services.map((s) => s.type)).toEqual(expect.arrayContaining(['identity', 'network']));
    expect(admin.services.find((s) => s.type === 'network')?.host).toBe(new URL(lab.networkUrl).host);
    expect(ctx.services.sessions.info(byName['lab-alice'].id).isAdmin).toBe(false);
    expect(ctx.services.sessions.info(byName['lab-admin-domain'].id).scope).toMatchObject({
      kind: 'domain',
      name: 'Default',
    });
    expect((await ctx.call<SessionInfo[]>('session:list')).length).toBe(lab.clouds.length);
    expect(ctx.events.filter((e) => e.session).length).toBeGreaterThanOrEqual(lab.clouds.length);
  });

  it('lists projects and switches from domain scope to a project', async () => {
    const id = byName['lab-admin-domain'].id;
    const projects = await ctx.call<ProjectRef[]>('session:projects', { cloudId: id });
    const admin = projects.find((p) => p.name === 'admin');
    expect(admin).toBeDefined();
    const before = ctx.events.length;
    const info = await ctx.call<SessionInfo>('session:switchProject', { cloudId: id, projectId: admin!.id });
    expect(info.scope).toMatchObject({ kind: 'project', id: admin!.id, name: 'admin' });
    expect(ctx.events.length).toBeGreaterThan(before);
    // The client now works in the new scope.
    const res = await ctx.services.sessions.client(id).request<{ networks: unknown[] }>('network', 'networks');
    expect(Array.isArray(res.data.networks)).toBe(true);
  });

  it('a project the user cannot have is refused and the session keeps its scope', async () => {
    const lab = requireLab();
    const id = byName['lab-alice'].id;
    const err = await ctx.fail('session:switchProject', { cloudId: id, projectId: lab.projects.beta });
    expect(err.code).toBe('AUTH_FAILED');
    expect(err.message).toMatch(/refused project id/);
    expect(ctx.services.sessions.info(id).scope).toMatchObject({ kind: 'project', name: 'alpha' });
  });

  it('an application credential cloud cannot switch projects', async () => {
    const lab = requireLab();
    const err = await ctx.fail('session:switchProject', {
      cloudId: byName['lab-alice-appcred'].id,
      projectId: lab.projects.beta,
    });
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.message).toMatch(/application credential, which is bound to the project/);
    expect(err.hint).toMatch(/Create an application credential/);
  });

  it('disconnect ends the session and says so', async () => {
    const id = byName['lab-bob'].id;
    await ctx.call('session:disconnect', { cloudId: id });
    expect(ctx.events.at(-1)).toEqual({ cloudId: id, session: null });
    expect((await ctx.fail('session:projects', { cloudId: id })).code).toBe('NOT_CONNECTED');
  });
});

describeLab('password prompts and other import paths against the lab', () => {
  afterAll(() => closeHttpAgents());

  it('a cloud without a stored password: PASSWORD_REQUIRED, then the typed one, remembered on success only', async () => {
    const lab = requireLab();
    const ctx = setup();
    const saved = await ctx.call<CloudSummary>('clouds:save', {
      name: 'alice-typed',
      authType: 'password',
      authUrl: lab.authUrl,
      username: 'alice',
      userDomainName: 'Default',
      projectName: 'alpha',
      projectDomainName: 'Default',
    });
    expect((await ctx.fail('session:connect', { cloudId: saved.id })).code).toBe('PASSWORD_REQUIRED');
    expect((await ctx.fail('session:connect', { cloudId: saved.id, password: 'wrong', remember: true })).code).toBe(
      'AUTH_FAILED',
    );
    expect(ctx.services.clouds.list()[0].hasSecret).toBe(false);
    await ctx.call('session:connect', { cloudId: saved.id, password: lab.users.alice.password, remember: true });
    expect(ctx.services.clouds.list()[0].hasSecret).toBe(true);
    await ctx.call('session:disconnect', { cloudId: saved.id });
    await ctx.call('session:connect', { cloudId: saved.id });
    await ctx.services.sessions.closeAll();
  });

  it("discovery through the lab's OS_CLIENT_CONFIG_FILE / OS_CLIENT_SECURE_FILE and OS_* (lab.env)", async () => {
    const lab = requireLab();
    const ctx = setup({
      OS_CLIENT_CONFIG_FILE: lab.files['clouds.yaml'],
      OS_CLIENT_SECURE_FILE: lab.files['secure.yaml'],
      OS_AUTH_URL: lab.authUrl,
      OS_USERNAME: 'admin',
      OS_PASSWORD: lab.users.admin.password,
      OS_PROJECT_NAME: 'admin',
      OS_USER_DOMAIN_NAME: 'Default',
      OS_PROJECT_DOMAIN_NAME: 'Default',
      OS_CLOUD: 'lab-alice',
    });
    const report = await ctx.call<{ files: Array<{ via: string }>; clouds: Array<{ name: string; error?: string }> }>(
      'clouds:discover',
    );
    expect(report.files.map((f) => f.via)).toEqual(['OS_CLIENT_CONFIG_FILE', 'OS_CLIENT_SECURE_FILE']);
    expect(report.clouds.map((c) => c.name)).toEqual([...lab.clouds, 'envvars']);
    const imported = await ctx.call<ImportResult>('clouds:importDiscovered', { names: ['envvars', 'lab-alice'] });
    expect(imported.imported.map((c) => c.name)).toEqual(['lab-alice', 'envvars']);
    const info = await ctx.call<SessionInfo>('session:connect', { cloudId: imported.imported[1].id });
    expect(info).toMatchObject({ user: { name: 'admin' }, scope: { kind: 'project', name: 'admin' }, isAdmin: true });
    await ctx.services.sessions.closeAll();
  });

  it('lab.env imports as an openrc and connects', async () => {
    const lab = requireLab();
    const ctx = setup();
    ctx.picks.push(lab.files['lab.env']);
    const r = await ctx.call<ImportResult>('clouds:importFile', { kind: 'openrc' });
    expect(r.imported).toHaveLength(1);
    expect(r.imported[0]).toMatchObject({ username: 'admin', projectName: 'admin', hasSecret: true });
    const info = await ctx.call<SessionInfo>('session:connect', { cloudId: r.imported[0].id });
    expect(info.isAdmin).toBe(true);
    await ctx.services.sessions.closeAll();
  });
});
