/**
 * Faults behind the proxy, against the lab: Neutron down (the client pointed at a closed port),
 * the Keystone token expired (revoked in Keystone; renewal failing, then working), nova down —
 * each answered with the documented code, never a dropped connection, and each recovering.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { closedPort } from '../../src/main/openstack/test-servers';
import { createServiceClient, type ServiceType } from '../../src/main/openstack/service-client';
import { AppError } from '../../src/main/errors';
import type { NeutronRequester } from '../../src/main/metadata/neutron-ports';
import type { KeystoneSession } from '../../src/main/openstack/keystone-session';
import { describeLab, labIt, requireLab } from './lab';
import { labIds, labSession } from './metadata-lab';
import { ask, startLabListener, type LabListener } from './proxy-lab';

describeLab('proxy faults and recovery', () => {
  const lab = requireLab();
  const ids = labIds(lab);
  let session: KeystoneSession;
  let listener: LabListener;
  let healthy: NeutronRequester;
  const headers = () => ({ 'X-Forwarded-For': '10.0.0.10', 'X-Neutron-Router-ID': ids.router('alpha-router') });
  const vm = () => ids.instance('alpha-vm1').id;

  beforeAll(async () => {
    session = await labSession(lab, 'admin');
    listener = await startLabListener(lab, session, { mode: 'agent' }, { through: 'nova' });
    healthy = listener.wiring.client;
  });
  afterAll(async () => {
    await listener?.server.stop();
    await session?.close();
  });

  labIt(['nova'])('answers 200 while everything is up', async () => {
    const res = await ask({ port: listener.port, token: listener.token }, headers());
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString()).uuid).toBe(vm());
  });

  labIt(['nova'])(
    "Neutron down: 500 (the agent's RPC failure answer) naming the cause in the log; then recovers",
    async () => {
      const port = await closedPort();
      listener.wiring.client = createServiceClient({
        tokens: session,
        endpoints: {
          endpointUrl: (s: ServiceType) => (s === 'network' ? `http://127.0.0.1:${port}` : session.endpointUrl(s)),
          has: () => true,
        },
      });
      const res = await ask({ port: listener.port, token: listener.token }, headers());
      expect(res.status).toBe(500);
      expect(res.body.toString()).toContain('An unknown error has occurred');
      const entry = listener.entries.at(-1);
      expect(entry).toMatchObject({ status: 500, error: 'neutron-unreachable' });
      expect(entry?.detail).toContain(`127.0.0.1:${port}`);
      expect(entry?.trace?.outcome).toMatchObject({ kind: 'error', code: 'UNREACHABLE' });

      listener.wiring.client = healthy;
      expect((await ask({ port: listener.port, token: listener.token }, headers())).status).toBe(200);
    },
  );

  labIt(['nova'])(
    'Keystone token expired: re-authenticates and answers; when renewal fails, 500 TOKEN_EXPIRED; then recovers',
    async () => {
      // A second session whose token is revoked in Keystone behind its back (as an expiry would).
      const victim = await labSession(lab, 'admin');
      const revoked = await victim.token();
      const admin = await session.token();
      const del = await fetch(`${lab.authUrl}/auth/tokens`, {
        method: 'DELETE',
        headers: { 'X-Auth-Token': admin, 'X-Subject-Token': revoked },
      });
      expect(del.status).toBe(204);
      let keystoneRenews = true;
      const tokens = {
        token: async () => revoked,
        renew: async (refused: string) => {
          if (!keystoneRenews)
            throw new AppError('TOKEN_EXPIRED', 'The token expired and could not be renewed.', 'Connect again.');
          return victim.renew(refused);
        },
      };
      listener.wiring.client = createServiceClient({ tokens, endpoints: victim });

      keystoneRenews = false;
      const failing = await ask({ port: listener.port, token: listener.token }, headers());
      expect(failing.status).toBe(500);
      expect(listener.entries.at(-1)).toMatchObject({ error: 'neutron-token_expired' });

      keystoneRenews = true;
      const renewed = await ask({ port: listener.port, token: listener.token }, headers());
      expect(renewed.status).toBe(200);
      expect(JSON.parse(renewed.body.toString()).uuid).toBe(vm());
      listener.wiring.client = healthy;
      await victim.close();
    },
  );

  labIt(['nova'])('nova down: 503 "temporarily unavailable" (LP #2059032); then recovers', async () => {
    const port = await closedPort();
    const target = listener.wiring.target;
    listener.wiring.target = { ...target, url: `http://127.0.0.1:${port}` };
    const res = await ask({ port: listener.port, token: listener.token }, headers());
    expect(res.status).toBe(503);
    expect(res.body.toString()).toContain(
      'The remote metadata server is temporarily unavailable. Please try again later.',
    );
    expect(listener.entries.at(-1)).toMatchObject({ status: 503, error: 'nova-unreachable', instanceId: vm() });
    listener.wiring.target = target;
    expect((await ask({ port: listener.port, token: listener.token }, headers())).status).toBe(200);
  });

  labIt(['nova'])("a wrong shared secret: nova's 403 relayed with its body, the log says why", async () => {
    const target = listener.wiring.target;
    listener.wiring.target = { ...target, secret: 'not-the-secret' };
    const res = await ask({ port: listener.port, token: listener.token }, headers());
    expect(res.status).toBe(403);
    expect(listener.entries.at(-1)?.detail).toContain('shared secrets');
    expect(JSON.stringify(listener.entries.at(-1))).not.toContain('not-the-secret');
    listener.wiring.target = target;
  });

  labIt(['nova'])('counted every fault as an upstream error and kept running', () => {
    const { counters, state } = listener.server.status;
    expect(state).toBe('running');
    expect(counters.upstreamErrors).toBe(3);
    expect(counters.serverErrors).toBe(3);
    expect(counters.ok).toBe(4);
    expect(counters.clientErrors).toBe(1);
  });
});
