/**
 * The resolver's conformance table through the proxy's AGENT mode: the same request (method, path,
 * X-Forwarded-For, X-Neutron-Router-ID | X-Neutron-Network-ID) to the real neutron-metadata-agent's
 * unix socket and to a StackLens listener (TCP, and a unix socket like the agent's); the lab's
 * recorder must see the same headers from both, and the client the same status and body.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { KeystoneSession } from '../../src/main/openstack/keystone-session';
import { linkLocalFromMac } from '../../src/main/metadata/address';
import { signInstanceId } from '../../src/main/metadata/signer';
import { describeLab, labIt, requireLab } from './lab';
import { askAgent, captured, clearCaptured, labIds, labSession, type CapturedRequest } from './metadata-lab';
import { ask, startLabListener, type LabListener } from './proxy-lab';

interface Case {
  name: string;
  ip: string;
  router?: string;
  network?: string;
  path?: string;
  /** Where StackLens deliberately answers differently from the Zed agent. */
  differs?: { ours: number; agent: number; why: string };
}

describeLab('proxy agent mode conforms to the real neutron-metadata-agent', () => {
  const lab = requireLab();
  const ids = labIds(lab);
  let session: KeystoneSession;
  let tcp: LabListener;
  let unix: LabListener;
  const socketDir = mkdtempSync(join(tmpdir(), 'sl-proxy-sock-'));
  const table: string[] = [];

  const cases: Case[] = [
    { name: 'alpha-router 10.0.0.10 (overlapping IP)', ip: '10.0.0.10', router: 'alpha-router' },
    { name: 'beta-router 10.0.0.10 (overlapping IP)', ip: '10.0.0.10', router: 'beta-router' },
    { name: 'alpha-router 10.0.0.11', ip: '10.0.0.11', router: 'alpha-router' },
    { name: 'beta-router 10.0.0.11', ip: '10.0.0.11', router: 'beta-router' },
    { name: 'beta-router second network 192.168.10.10', ip: '192.168.10.10', router: 'beta-router' },
    { name: 'DHCP path beta-isolated 172.16.0.10', ip: '172.16.0.10', network: 'beta-isolated' },
    {
      name: 'DHCP path alpha-net 10.0.0.10, user_data',
      ip: '10.0.0.10',
      network: 'alpha-net',
      path: '/openstack/latest/user_data',
    },
    {
      name: 'EC2 tree through beta-router',
      ip: '10.0.0.10',
      router: 'beta-router',
      path: '/latest/meta-data/instance-id',
    },
    {
      name: 'query string passes through',
      ip: '10.0.0.11',
      router: 'beta-router',
      path: '/openstack/latest/meta_data.json?x=1&y=2',
    },
    { name: 'DHCP port IP 10.0.0.2 (no device_owner filter, nova 404)', ip: '10.0.0.2', router: 'alpha-router' },
    { name: "router's own interface IP (nova 404)", ip: '10.0.0.1', router: 'beta-router' },
    { name: 'unknown IP 10.0.0.99', ip: '10.0.0.99', router: 'alpha-router' },
    { name: 'port without device 10.0.0.50', ip: '10.0.0.50', router: 'alpha-router' },
    { name: 'IP on a network the router lacks', ip: '172.16.0.10', router: 'beta-router' },
    { name: 'IPv4-mapped ::ffff:10.0.0.11', ip: '::ffff:10.0.0.11', router: 'alpha-router' },
    {
      name: 'IPv6 link-local from alpha-vm1 MAC',
      ip: linkLocalFromMac(ids.instance('alpha-vm1').mac),
      router: 'alpha-router',
    },
    {
      name: 'unknown path (nova 404)',
      ip: '10.0.0.10',
      router: 'alpha-router',
      path: '/openstack/latest/nothing_here',
    },
    {
      name: 'both router and network headers',
      ip: '10.0.0.10',
      router: 'alpha-router',
      network: 'alpha-net',
      differs: {
        ours: 400,
        agent: 404,
        why: 'neutron 27.0.0 answers 400 "Both network … and router … defined."; Zed 404',
      },
    },
    {
      name: 'two addresses in X-Forwarded-For',
      ip: '10.0.0.10, 10.0.0.11',
      router: 'alpha-router',
      differs: { ours: 400, agent: 500, why: 'a client error, named; the agent fails in netaddr' },
    },
  ];

  beforeAll(async () => {
    session = await labSession(lab, 'admin');
    tcp = await startLabListener(lab, session, { mode: 'agent' });
    unix = await startLabListener(lab, session, { mode: 'agent', socketPath: join(socketDir, 'metadata_proxy') });
  });
  afterAll(async () => {
    await tcp?.server.stop();
    await unix?.server.stop();
    await session?.close();
    rmSync(socketDir, { recursive: true, force: true });
    if (table.length) console.log(`\nproxy agent mode vs the real agent:\n${table.join('\n')}`);
  });

  const xHeaders = (r: CapturedRequest) =>
    Object.fromEntries(
      Object.entries(r.headers)
        .filter(([h]) => h.startsWith('x-'))
        .sort(),
    );

  for (const c of cases) {
    labIt(['metadata'])(c.name, async () => {
      const headers: Record<string, string> = { 'X-Forwarded-For': c.ip };
      if (c.router) headers['X-Neutron-Router-ID'] = ids.router(c.router);
      if (c.network) headers['X-Neutron-Network-ID'] = ids.network(c.network);
      const path = c.path ?? '/openstack/latest/meta_data.json';

      await clearCaptured(lab);
      const agent = await askAgent(lab, headers, path);
      const agentSent = await captured(lab);
      for (const [label, _listener, target] of [
        ['tcp', tcp, { port: tcp.port, token: tcp.token }],
        ['unix', unix, { socketPath: join(socketDir, 'metadata_proxy') }],
      ] as const) {
        await clearCaptured(lab);
        const ours = await ask(target, headers, path);
        const weSent = await captured(lab);
        if (c.differs) {
          expect(ours.status, label).toBe(c.differs.ours);
          expect(agent.status).toBe(c.differs.agent);
          expect(weSent).toEqual([]);
          continue;
        }
        expect(ours.status, label).toBe(agent.status);
        // Zed forwards a second time after a nova 404 (retry without cache); StackLens only with its cache on.
        expect(weSent.length, label).toBe(Math.min(agentSent.length, 1));
        if (weSent.length) {
          const [a, b] = [agentSent[0], weSent[0]];
          expect(xHeaders(b), label).toEqual(xHeaders(a));
          expect(b.headers['x-instance-id-signature']).toBe(signInstanceId(lab.metadataSecret, b.instanceId as string));
          expect(b.signatureValid).toBe(true);
          expect([b.method, b.path, b.query]).toEqual([a.method, a.path, a.query]);
        }
        // nova's body is relayed; only random_seed differs per call in meta_data.json.
        const strip = (buf: Buffer) => buf.toString('utf8').replace(/"random_seed": "[^"]*"/, '');
        if (ours.status === 200) expect(strip(ours.body), label).toBe(strip(agent.body));
        if (ours.status === 200) expect(ours.headers['content-type']).toBe(agent.headers['content-type']);
      }
      const sent = agentSent[0] ? `${agentSent[0].instanceId?.slice(0, 8)}…` : 'nothing';
      table.push(
        `  ${c.differs ? 'differs' : 'same   '}  ${c.name}: agent ${agent.status}${c.differs ? ` | StackLens ${c.differs.ours} (${c.differs.why})` : `, forwards ${sent}`}`,
      );
    });
  }

  labIt(['metadata'])('logs every request with its instance and trace', () => {
    const resolved = tcp.entries.filter((e) => e.status === 200);
    expect(resolved.length).toBeGreaterThan(5);
    expect(resolved.every((e) => e.instanceId && e.hasTrace && e.trace?.outcome.kind === 'resolved')).toBe(true);
    expect(tcp.entries.find((e) => e.error === 'both-headers')).toBeDefined();
    expect(tcp.entries.find((e) => e.path.endsWith('nothing_here'))?.error).toBe('nova-not-found');
  });
});
