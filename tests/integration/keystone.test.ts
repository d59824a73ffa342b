/**
 * Keystone v3 against the lab's real Keystone: every auth method and scope, the errors an admin
 * meets (wrong password, unknown project, not Keystone, TLS, unreachable), token renewal and the
 * one re-authentication after a revoked token, endpoint selection.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { expectAppError } from '../../src/main/testing/expect-app-error';
import { type AppError } from '../../src/main/errors';
import { closeHttpAgents, httpRequest } from '../../src/main/openstack/http';
import { issueToken, type KeystoneCredentials, type ScopeRequest } from '../../src/main/openstack/keystone';
import { discoverKeystoneV3 } from '../../src/main/openstack/keystone-discovery';
import { KeystoneSession } from '../../src/main/openstack/keystone-session';
import { closedPort, makeSelfSignedCert, startHttpsServer } from '../../src/main/openstack/test-servers';
import { describeLab, labIt, requireLab } from './lab';

afterAll(() => closeHttpAgents());

const failure = expectAppError;

const userCreds = (name: string, password: string): KeystoneCredentials => ({
  method: 'password',
  user: { name, domain: { name: 'Default' } },
  password,
});
const projectScope = (name: string): ScopeRequest => ({ kind: 'project', name, domain: { name: 'Default' } });

function session(
  creds: KeystoneCredentials,
  scope: ScopeRequest,
  extra: Partial<ConstructorParameters<typeof KeystoneSession>[0]> = {},
) {
  const lab = requireLab();
  return new KeystoneSession({
    authUrl: lab.authUrl,
    credentials: creds,
    scope,
    selection: { interface: 'public', region: lab.region },
    ...extra,
  });
}

describeLab('Keystone v3 auth against the lab', () => {
  it('password, project scope by name: user, project, roles, catalog', async () => {
    const lab = requireLab();
    const s = session(userCreds('alice', lab.users.alice.password), projectScope('alpha'));
    const t = await s.connect();
    expect(t.user).toMatchObject({ id: lab.users.alice.id, name: 'alice' });
    expect(t.scope).toMatchObject({ kind: 'project', id: lab.projects.alpha, name: 'alpha' });
    expect(t.roles.map((r) => r.name)).toContain('member');
    expect(t.catalog.map((c) => c.type).sort()).toEqual(expect.arrayContaining(['identity', 'network']));
    expect(t.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(s.identityRoot).toBe(lab.authUrl.replace(/\/+$/, ''));
    await s.close();
  });

  it('auth_url without /v3 is discovered like keystoneauth does', async () => {
    const lab = requireLab();
    const root = lab.authUrl.replace(/\/v3\/?$/, '');
    expect(await discoverKeystoneV3(root)).toMatch(/\/v3$/);
    const s = new KeystoneSession({
      authUrl: root,
      credentials: userCreds('bob', lab.users.bob.password),
      scope: { kind: 'project', id: lab.projects.beta },
      selection: { interface: 'public' },
    });
    expect((await s.connect()).scope).toMatchObject({ kind: 'project', name: 'beta' });
    await s.close();
  });

  it('application credential by id: bound to its project', async () => {
    const lab = requireLab();
    const ac = lab.appCredentials.alice;
    const s = session({ method: 'application_credential', id: ac.id, secret: ac.secret }, { kind: 'unscoped' });
    const t = await s.connect();
    expect(t.scope).toMatchObject({ kind: 'project', id: ac.projectId });
    expect(t.applicationCredential?.id).toBe(ac.id);
    await s.close();
  });

  it('application credential by name + user', async () => {
    const lab = requireLab();
    const ac = lab.appCredentials.alice;
    const s = session(
      {
        method: 'application_credential',
        name: ac.name,
        user: { name: 'alice', domain: { id: 'default' } },
        secret: ac.secret,
      },
      { kind: 'unscoped' },
    );
    expect((await s.connect()).applicationCredential?.name).toBe(ac.name);
    await s.close();
  });

  it('token auth: a token re-scoped to a project', async () => {
    const lab = requireLab();
    const first = await issueToken(lab.authUrl, userCreds('alice', lab.users.alice.password), { kind: 'unscoped' });
    const s = session({ method: 'token', token: first.value }, { kind: 'project', id: lab.projects.alpha });
    const t = await s.connect();
    expect(t.value).not.toBe(first.value);
    expect(t.scope).toMatchObject({ kind: 'project', name: 'alpha' });
    await s.close();
  });

  it('domain scope', async () => {
    const lab = requireLab();
    const s = session(userCreds('admin', lab.users.admin.password), { kind: 'domain', domain: { name: 'Default' } });
    const t = await s.connect();
    expect(t.scope).toMatchObject({ kind: 'domain', id: 'default', name: 'Default' });
    expect(t.roles.map((r) => r.name)).toContain('admin');
    await s.close();
  });

  it('system scope (keystone-manage bootstrap gives admin the system role)', async () => {
    const lab = requireLab();
    const s = session(userCreds('admin', lab.users.admin.password), { kind: 'system', system: 'all' });
    const t = await s.connect();
    expect(t.scope).toEqual({ kind: 'system', name: 'all' });
    expect(t.roles.map((r) => r.name)).toContain('admin');
    // A system-scoped token can list every project.
    const res = await s.client().request<{ projects: Array<{ name: string }> }>('identity', 'projects');
    expect(res.data.projects.map((p) => p.name)).toEqual(expect.arrayContaining(['alpha', 'beta']));
    await s.close();
  });

  it('no scope: Keystone may use the default project; an explicit unscoped probe has no catalog', async () => {
    const lab = requireLab();
    const t = await issueToken(lab.authUrl, userCreds('reader', lab.users.reader.password), { kind: 'unscoped' });
    // The lab sets default_project_id, so Keystone scopes the token to it.
    expect(t.scope).toMatchObject({ kind: 'project', id: lab.users.reader.projectId });
  });

  it('wrong password -> AUTH_FAILED naming the user and URL, without the password', async () => {
    requireLab();
    const err = await failure(session(userCreds('alice', 'not-the-password'), projectScope('alpha')).connect());
    expect(err.code).toBe('AUTH_FAILED');
    expect(err.message).toMatch(
      /Keystone rejected the password for user alice \(domain Default\) at http:\/\/127\.0\.0\.1:5000\/v3/,
    );
    expect(err.hint).toMatch(/password/);
    expect(JSON.stringify({ m: err.message, h: err.hint, d: err.details })).not.toContain('not-the-password');
  });

  it('unknown project -> AUTH_FAILED saying the user was accepted but not the project', async () => {
    const lab = requireLab();
    const err = await failure(
      session(userCreds('alice', lab.users.alice.password), projectScope('no-such-project')).connect(),
    );
    expect(err.code).toBe('AUTH_FAILED');
    expect(err.message).toMatch(/accepted user alice .* but refused project no-such-project/);
    expect(err.details).toMatchObject({ scopeRefused: true });
    // A project the user has no role on reads the same (Keystone hides which).
    const beta = await failure(session(userCreds('alice', lab.users.alice.password), projectScope('beta')).connect());
    expect(beta.message).toMatch(/refused project beta/);
  });

  it('without the interactive diagnosis a scoped 401 says "user or project"', async () => {
    const lab = requireLab();
    const err = await failure(
      issueToken(lab.authUrl, userCreds('alice', lab.users.alice.password), projectScope('no-such-project')),
    );
    expect(err.message).toMatch(/or the user or project no-such-project .* is unknown/);
  });

  it('wrong application credential secret and a revoked user token', async () => {
    const lab = requireLab();
    const ac = await failure(
      session(
        { method: 'application_credential', id: lab.appCredentials.alice.id, secret: 'wrong' },
        { kind: 'unscoped' },
      ).connect(),
    );
    expect(ac.code).toBe('AUTH_FAILED');
    expect(ac.message).toContain(`application credential ${lab.appCredentials.alice.id}`);
    const tk = await failure(
      session({ method: 'token', token: 'gAAAAA-not-a-token' }, { kind: 'project', id: lab.projects.alpha }).connect(),
    );
    expect(tk.code).toBe('TOKEN_EXPIRED');
  });

  it('renews before expiry: a huge margin makes every call issue a new token', async () => {
    const lab = requireLab();
    const s = session(userCreds('alice', lab.users.alice.password), projectScope('alpha'), {
      renewMarginMs: 24 * 3600_000,
    });
    const first = (await s.connect()).value;
    const second = await s.token();
    const third = await s.token();
    expect(new Set([first, second, third]).size).toBe(3);
    expect(s.tokensIssued).toBe(3);
    // Concurrent callers share one renewal.
    const many = await Promise.all([s.token(), s.token(), s.token()]);
    expect(new Set(many).size).toBe(1);
    expect(s.tokensIssued).toBe(4);
    await s.close();
  });

  it('keeps the token while it is outside the default margin', async () => {
    const lab = requireLab();
    const s = session(userCreds('alice', lab.users.alice.password), projectScope('alpha'), { renewMarginMs: 1_000 });
    const first = (await s.connect()).value;
    expect(await s.token()).toBe(first);
    expect(s.tokensIssued).toBe(1);
    await s.close();
  });

  it('a revoked token: the client re-authenticates once on 401 and the call succeeds', async () => {
    const lab = requireLab();
    const s = session(userCreds('alice', lab.users.alice.password), projectScope('alpha'));
    const first = (await s.connect()).value;
    const revoke = await httpRequest({
      url: `${lab.authUrl}/auth/tokens`,
      method: 'DELETE',
      headers: { 'x-auth-token': first, 'x-subject-token': first },
    });
    expect(revoke.status).toBe(204);
    const client = s.client();
    const res = await client.request<{ projects: Array<{ name: string }> }>('identity', 'auth/projects');
    expect(res.data.projects.map((p) => p.name)).toContain('alpha');
    expect(client.stats.calls).toBe(2);
    expect(s.tokensIssued).toBe(2);
    expect(await s.token()).not.toBe(first);
    await s.close();
  });

  it('close() revokes the token it issued', async () => {
    const lab = requireLab();
    const s = session(userCreds('alice', lab.users.alice.password), projectScope('alpha'));
    const token = (await s.connect()).value;
    await s.close();
    const check = await httpRequest({
      url: `${lab.authUrl}/auth/tokens`,
      headers: { 'x-auth-token': token, 'x-subject-token': token },
    });
    expect([401, 404]).toContain(check.status);
  });

  it('selects endpoints by interface and region; an absent region is NO_ENDPOINT naming it', async () => {
    const lab = requireLab();
    for (const iface of ['public', 'internal', 'admin'] as const) {
      const s = new KeystoneSession({
        authUrl: lab.authUrl,
        credentials: userCreds('alice', lab.users.alice.password),
        scope: projectScope('alpha'),
        selection: { interface: iface, region: lab.region },
      });
      await s.connect();
      expect(s.client().endpoint('network')).toBe(`${lab.networkUrl}/v2.0`);
      expect(s.has('network')).toBe(true);
      await s.close();
    }
    const other = new KeystoneSession({
      authUrl: lab.authUrl,
      credentials: userCreds('alice', lab.users.alice.password),
      scope: projectScope('alpha'),
      selection: { interface: 'public', region: 'RegionTwo' },
    });
    await other.connect();
    expect(other.has('network')).toBe(false);
    const err = (() => {
      try {
        other.client().endpoint('network');
      } catch (e) {
        return e as AppError;
      }
      throw new Error('expected NO_ENDPOINT');
    })();
    expect(err.code).toBe('NO_ENDPOINT');
    expect(err.message).toMatch(
      /network endpoint for interface public in region RegionTwo \(it offers .*public@RegionOne/,
    );
    await other.close();
  });

  it('the service client reaches neutron with the session token (repeated query keys)', async () => {
    const lab = requireLab();
    const s = session(userCreds('alice', lab.users.alice.password), projectScope('alpha'));
    await s.connect();
    const res = await s.client().request<{ networks: Array<{ name: string }> }>('network', 'networks', {
      query: { name: ['alpha-net', 'public'] },
    });
    expect(res.data.networks.map((n) => n.name).sort()).toEqual(['alpha-net', 'public']);
    const missing = await failure(s.client().request('network', 'networks/00000000-0000-0000-0000-000000000000'));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toMatch(/could not be found/);
    await s.close();
  });

  labIt(['compute'])('the service client reaches nova with a microversion', async () => {
    const lab = requireLab();
    const s = session(userCreds('alice', lab.users.alice.password), projectScope('alpha'));
    await s.connect();
    expect(s.client().endpoint('compute')).toBe(lab.computeUrl);
    const res = await s.client().request<{ flavors: Array<{ name: string }> }>('compute', 'flavors', {
      microversion: '2.79',
      query: { limit: 50 },
    });
    expect(res.headers['openstack-api-version']).toBe('compute 2.79');
    expect(Array.isArray(res.data.flavors)).toBe(true);
    await s.close();
  });

  it('a URL that is not Keystone v3 (neutron) -> NOT_KEYSTONE_V3', async () => {
    const lab = requireLab();
    const err = await failure(
      new KeystoneSession({
        authUrl: lab.networkUrl,
        credentials: userCreds('alice', 'x'),
        scope: { kind: 'unscoped' },
        selection: { interface: 'public' },
      }).connect(),
    );
    expect(err.code).toBe('NOT_KEYSTONE_V3');
    expect(err.message).toMatch(/lists API versions v2\.0 but no v3/);
  });

  it('figures: token issue latency (informational, not asserted)', async () => {
    const lab = requireLab();
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      await issueToken(lab.authUrl, userCreds('alice', lab.users.alice.password), projectScope('alpha'));
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(
      `[figures] password token issue against the lab: median ${times[5].toFixed(1)} ms, max ${times[9].toFixed(1)} ms (n=10)`,
    );
    expect(times).toHaveLength(10);
  });
});

describe('transport errors on the way to Keystone (local servers)', () => {
  it('self-signed https -> TLS_ERROR; with cacert it gets through to NOT_KEYSTONE_V3', async () => {
    const cert = makeSelfSignedCert();
    const server = await startHttpsServer(cert, (_req, res) => {
      res.statusCode = 404;
      res.setHeader('content-type', 'text/html');
      res.end('<html><title>Not Found</title></html>');
    });
    try {
      const creds = userCreds('alice', 'pw');
      const tls = await failure(
        new KeystoneSession({
          authUrl: `${server.url}/v3`,
          credentials: creds,
          scope: { kind: 'unscoped' },
          selection: { interface: 'public' },
          tls: { verify: true },
        }).connect(),
      );
      expect(tls.code).toBe('TLS_ERROR');
      expect(tls.hint).toMatch(/cacert/);
      const withCa = await failure(
        new KeystoneSession({
          authUrl: `${server.url}/v3`,
          credentials: creds,
          scope: { kind: 'unscoped' },
          selection: { interface: 'public' },
          tls: { verify: true, cacert: cert.certPath },
        }).connect(),
      );
      expect(withCa.code).toBe('NOT_KEYSTONE_V3');
      const insecure = await failure(
        new KeystoneSession({
          authUrl: `${server.url}/`,
          credentials: creds,
          scope: { kind: 'unscoped' },
          selection: { interface: 'public' },
          tls: { verify: false },
        }).connect(),
      );
      expect(insecure.code).toBe('NOT_KEYSTONE_V3');
      expect(insecure.message).toMatch(/HTML page/);
    } finally {
      await server.close();
    }
  });

  it('nothing listening -> UNREACHABLE naming the URL', async () => {
    const port = await closedPort();
    const err = await failure(
      new KeystoneSession({
        authUrl: `http://127.0.0.1:${port}/v3`,
        credentials: userCreds('alice', 'pw'),
        scope: { kind: 'unscoped' },
        selection: { interface: 'public' },
      }).connect(),
    );
    expect(err.code).toBe('UNREACHABLE');
    expect(err.message).toContain(`127.0.0.1:${port}`);
  });
});
