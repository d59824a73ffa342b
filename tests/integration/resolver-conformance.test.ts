/**
 * Conformance of StackLens's resolver + forwarder with the REAL neutron-metadata-agent (Zed) of the
 * lab. Every case sends the same (X-Forwarded-For, router|network) to the agent's unix socket and
 * to resolver.resolve + forwardToNova pointed at the recorder, and compares what reached nova
 * (X-Instance-ID, X-Tenant-ID, X-Forwarded-For, X-Instance-ID-Signature) and nova's status.
 * Deliberate differences (StackLens refuses where the agent is unsafe or crashes) are asserted too.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { ResolveTrace } from '../../src/shared/models/metadata';
import { createResolver, type Resolver } from '../../src/main/metadata/resolver';
import { resolveAndForward } from '../../src/main/metadata/resolve-and-forward';
import { signInstanceId } from '../../src/main/metadata/signer';
import { linkLocalFromMac } from '../../src/main/metadata/address';
import type { KeystoneSession } from '../../src/main/openstack/keystone-session';
import { describeLab, labIt, requireLab } from './lab';
import { askAgent, captured, clearCaptured, labIds, labSession, type CapturedRequest } from './metadata-lab';

interface Case {
  name: string;
  ip: string;
  router?: string;
  network?: string;
  /** Expected instance (lab instance name) or device id; null = nothing forwarded. */
  expect: { forwards: string | null; novaStatus?: number; ours?: ResolveTrace['outcome']['kind']; why?: string };
  /** When StackLens deliberately differs: what the agent does instead. */
  differs?: { agentForwards: string | null; agentStatus: number };
}

const PATH = '/openstack/latest/meta_data.json';

describeLab('resolver conformance with the real neutron-metadata-agent', () => {
  const lab = requireLab();
  const ids = labIds(lab);
  let session: KeystoneSession;
  let resolver: Resolver;
  const results: string[] = [];
  /** The device id a case expects: an instance's, a port's device (DHCP), or a router's own id. */
  const dev = (name: string) =>
    ids.instance(name)?.id ?? ids.port(name)?.deviceId ?? (name in (lab.routers as object) ? ids.router(name) : name);
  const unknownRouter = '00000000-0000-4000-8000-00000000dead';

  const cases: Case[] = [
    {
      name: 'alpha-router 10.0.0.10 (overlapping IP)',
      ip: '10.0.0.10',
      router: 'alpha-router',
      expect: { forwards: 'alpha-vm1', novaStatus: 200 },
    },
    {
      name: 'beta-router 10.0.0.10 (overlapping IP)',
      ip: '10.0.0.10',
      router: 'beta-router',
      expect: { forwards: 'beta-vm1', novaStatus: 200 },
    },
    {
      name: 'alpha-router 10.0.0.11',
      ip: '10.0.0.11',
      router: 'alpha-router',
      expect: { forwards: 'alpha-vm2', novaStatus: 200 },
    },
    {
      name: 'beta-router 10.0.0.11',
      ip: '10.0.0.11',
      router: 'beta-router',
      expect: { forwards: 'beta-vm3', novaStatus: 200 },
    },
    {
      name: 'beta-router second network 192.168.10.10',
      ip: '192.168.10.10',
      router: 'beta-router',
      expect: { forwards: 'beta-vm2', novaStatus: 200 },
    },
    {
      name: 'DHCP path beta-isolated 172.16.0.10',
      ip: '172.16.0.10',
      network: 'beta-isolated',
      expect: { forwards: 'beta-vm4', novaStatus: 200 },
    },
    {
      name: 'DHCP path alpha-net 10.0.0.10',
      ip: '10.0.0.10',
      network: 'alpha-net',
      expect: { forwards: 'alpha-vm1', novaStatus: 200 },
    },
    {
      name: 'DHCP port IP 10.0.0.2 (no device_owner filter)',
      ip: '10.0.0.2',
      router: 'alpha-router',
      expect: { forwards: 'dhcp-alpha-net', novaStatus: 404 },
    },
    {
      name: "router's own interface IP 10.0.0.1",
      ip: '10.0.0.1',
      router: 'beta-router',
      expect: { forwards: 'beta-router', novaStatus: 404 },
    },
    {
      name: 'unknown IP 10.0.0.99',
      ip: '10.0.0.99',
      router: 'alpha-router',
      expect: { forwards: null, ours: 'not-found' },
    },
    {
      name: 'port without device 10.0.0.50',
      ip: '10.0.0.50',
      router: 'alpha-router',
      expect: { forwards: null, ours: 'not-found' },
    },
    {
      name: 'IP on a network the router lacks 172.16.0.10',
      ip: '172.16.0.10',
      router: 'beta-router',
      expect: { forwards: null, ours: 'not-found' },
    },
    {
      name: 'IPv4-mapped ::ffff:10.0.0.11',
      ip: '::ffff:10.0.0.11',
      router: 'alpha-router',
      expect: { forwards: 'alpha-vm2', novaStatus: 200 },
    },
    {
      name: 'IPv6 link-local from alpha-vm1 MAC (router)',
      ip: linkLocalFromMac(ids.instance('alpha-vm1').mac),
      router: 'alpha-router',
      expect: { forwards: 'alpha-vm1', novaStatus: 200 },
    },
    {
      name: 'IPv6 link-local from beta-vm3 MAC (network)',
      ip: linkLocalFromMac(ids.instance('beta-vm3').mac),
      network: 'beta-net',
      expect: { forwards: 'beta-vm3', novaStatus: 200 },
    },
    {
      name: 'both router and network headers',
      ip: '10.0.0.10',
      router: 'alpha-router',
      network: 'alpha-net',
      expect: { forwards: null, ours: 'refused' },
    },
    // Deliberate differences.
    {
      name: 'unknown router, unique IP 192.168.10.10 (agent: cloud-wide search)',
      ip: '192.168.10.10',
      router: unknownRouter,
      expect: { forwards: null, ours: 'refused', why: 'UNSAFE_REFUSED' },
      differs: { agentForwards: 'beta-vm2', agentStatus: 200 },
    },
    {
      name: 'unknown router, overlapping IP 10.0.0.10 (agent: cloud-wide, 2 ports)',
      ip: '10.0.0.10',
      router: unknownRouter,
      expect: { forwards: null, ours: 'refused', why: 'UNSAFE_REFUSED' },
      differs: { agentForwards: null, agentStatus: 404 },
    },
    {
      name: 'two addresses in X-Forwarded-For (agent: netaddr error)',
      ip: '10.0.0.10, 10.0.0.11',
      router: 'alpha-router',
      expect: { forwards: null, ours: 'refused', why: 'BAD_ADDRESS' },
      differs: { agentForwards: null, agentStatus: 500 },
    },
  ];

  beforeAll(async () => {
    session = await labSession(lab, 'admin');
    resolver = createResolver({ client: session.client(), visibility: 'cloud' });
  });
  afterAll(async () => {
    await session?.close();
    if (results.length) console.log(`\nconformance table (agent vs StackLens):\n${results.join('\n')}`);
  });

  const resolveId = (name: string | undefined) =>
    name === undefined
      ? undefined
      : name in (lab.routers as object)
        ? ids.router(name)
        : name.startsWith('0000')
          ? name
          : ids.network(name);

  labIt(['metadata'])('the lab runs the real agent behind the recorder', () => {
    expect(lab.agentSocket).toBeTruthy();
    expect(lab.recorderUrl).toBe('http://127.0.0.1:8775');
  });

  labIt(['metadata'])(
    'with its cache on, StackLens also re-resolves and forwards once more on a nova 404 (LP #1868867)',
    async () => {
      const cachedResolver = createResolver({
        client: session.client(),
        visibility: 'cloud',
        cache: { ttlMs: 10_000, max: 100 },
      });
      const headers = { 'X-Forwarded-For': '10.0.0.2', 'X-Neutron-Router-ID': ids.router('alpha-router') };
      await clearCaptured(lab);
      const agent = await askAgent(lab, headers, PATH);
      const agentSent = await captured(lab);
      await clearCaptured(lab);
      const ours = await resolveAndForward(
        cachedResolver,
        { url: lab.recorderUrl as string, secret: lab.metadataSecret },
        { forwardedFor: '10.0.0.2', routerId: ids.router('alpha-router'), method: 'GET', pathAndQuery: PATH },
      );
      const weSent = await captured(lab);
      expect(agent.status).toBe(404);
      expect(ours.answer?.status).toBe(404);
      expect(ours.retryTrace?.cached).toBe(false);
      expect(weSent.map((r) => [r.instanceId, r.tenantId, r.headers['x-instance-id-signature']])).toEqual(
        agentSent.map((r) => [r.instanceId, r.tenantId, r.headers['x-instance-id-signature']]),
      );
      expect(weSent).toHaveLength(2);
      results.push(
        `  same     DHCP port IP with StackLens's cache on: agent forwards x${agentSent.length} -> 404 | StackLens forwards x${weSent.length} -> 404 (retry bypasses the cache)`,
      );
    },
  );

  for (const c of cases) {
    labIt(['metadata'])(c.name, async () => {
      const routerId = c.router ? (c.router === unknownRouter ? unknownRouter : ids.router(c.router)) : undefined;
      const networkId = resolveId(c.network);
      const headers: Record<string, string> = { 'X-Forwarded-For': c.ip };
      if (routerId) headers['X-Neutron-Router-ID'] = routerId;
      if (networkId) headers['X-Neutron-Network-ID'] = networkId;

      await clearCaptured(lab);
      const agent = await askAgent(lab, headers, PATH);
      const agentSent = await captured(lab);

      await clearCaptured(lab);
      const ours = await resolveAndForward(
        resolver,
        { url: lab.recorderUrl as string, secret: lab.metadataSecret },
        { forwardedFor: c.ip, routerId, networkId, method: 'GET', pathAndQuery: PATH },
      );
      const weSent = await captured(lab);

      const agentFwd = c.differs ? c.differs.agentForwards : c.expect.forwards;
      const agentStatus = c.differs ? c.differs.agentStatus : agentFwd ? c.expect.novaStatus : 404;
      // The real agent. Zed re-resolves and forwards once more on every nova 404, cache or not
      // (agent.py __call__; 2024.2 gates it on the cache, 2025.1 has no cache): two identical records.
      expect(agent.status).toBe(agentStatus);
      expect(agentSent.length).toBe(agentFwd ? (agentStatus === 404 ? 2 : 1) : 0);
      if (agentFwd) expect(agentSent[0].instanceId).toBe(dev(agentFwd));
      if (agentSent.length === 2) expect(agentSent[1].instanceId).toBe(agentSent[0].instanceId);
      // StackLens: the retry only with its cache on (off here), so one forward.
      expect(weSent.length).toBe(c.expect.forwards ? 1 : 0);
      if (c.expect.forwards) {
        expect(ours.trace.outcome.kind).toBe('resolved');
        expect(ours.answer?.status).toBe(c.expect.novaStatus);
        expect(ours.answer?.status).toBe(agent.status);
        const [a, b] = [agentSent[0], weSent[0]] as [CapturedRequest, CapturedRequest];
        expect(b.instanceId).toBe(a.instanceId);
        expect(b.tenantId).toBe(a.tenantId);
        expect(b.forwardedFor).toBe(a.forwardedFor);
        expect(b.forwardedFor).toBe(c.ip); // the original string, even ::ffff:...
        expect(b.headers['x-instance-id-signature']).toBe(a.headers['x-instance-id-signature']);
        expect(b.headers['x-instance-id-signature']).toBe(signInstanceId(lab.metadataSecret, a.instanceId as string));
        expect(b.signatureValid).toBe(true);
        expect(b.path).toBe(a.path);
        const xNames = (r: CapturedRequest) =>
          Object.keys(r.headers)
            .filter((h) => h.startsWith('x-'))
            .sort();
        expect(xNames(b)).toEqual(xNames(a));
      } else {
        expect(ours.answer).toBeUndefined();
        expect(ours.trace.outcome.kind).toBe(c.expect.ours);
        if (c.expect.why) expect(ours.trace.outcome).toMatchObject({ code: c.expect.why });
      }
      const theirs = agentFwd
        ? `forwards ${agentSent[0].instanceId}${agentSent.length > 1 ? ` (x${agentSent.length})` : ''} -> ${agent.status}`
        : `answers ${agent.status}, forwards nothing`;
      const mine = ours.answer
        ? `forwards ${weSent[0].instanceId} -> ${ours.answer.status}`
        : `${ours.trace.outcome.kind}${'code' in ours.trace.outcome && ours.trace.outcome.code ? ` (${ours.trace.outcome.code})` : ''}`;
      results.push(
        `  ${c.differs ? 'DIFFERS ' : 'same    '} ${c.name}: agent ${theirs} | StackLens ${mine} (${ours.trace.neutronCalls} Neutron calls)`,
      );
    });
  }
});
