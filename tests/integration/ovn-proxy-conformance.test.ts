/**
 * The proxy's OVN agent mode against the REAL neutron-ovn-metadata-agent (Zed) of the OVN lab: the
 * conformance table (ovn-cases.ts) sent to the agent's unix socket and to a StackLens listener on a
 * unix socket, compared at the recorder (X-Instance-ID, X-Tenant-ID, X-Forwarded-For, signature)
 * and by status; then a real haproxy with the agent's own ovnmeta- config, pointed at StackLens,
 * serving an instance namespace; and namespace mode bound to a network.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ListenerInput } from '../../src/shared/models/proxy';
import type { KeystoneSession } from '../../src/main/openstack/keystone-session';
import { signInstanceId } from '../../src/main/metadata/signer';
import { normaliseListener } from '../../src/main/proxy/listener-config';
import { createMetadataBackend } from '../../src/main/proxy/metadata-backend';
import { MetadataProxyServer } from '../../src/main/proxy/metadata-proxy-server';
import { describeOvnLab, inInstance, ovnSession, recorded, request, tag, type OvnLab } from './ovn-lab';
import { ovnCases } from './ovn-cases';

const PATH = '/openstack/latest/meta_data.json';

async function startOvnListener(lab: OvnLab, session: KeystoneSession, input: Partial<ListenerInput>) {
  const config = normaliseListener({
    name: 'ovn-test',
    cloudId: 'ovn-admin',
    mode: 'agent',
    port: null,
    backend: 'ovn',
    ...input,
  } as ListenerInput);
  const backend = createMetadataBackend({
    client: () => session.client(),
    target: () => ({ url: lab.recorderUrl, secret: lab.metadataSecret }),
    visibility: () => 'cloud',
    useCache: false,
  });
  const server = new MetadataProxyServer(config, backend);
  const status = await server.start();
  return { server, status };
}

describeOvnLab('proxy OVN agent mode conforms to the real neutron-ovn-metadata-agent', (lab: OvnLab) => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-ovn-'));
  const socketPath = join(dir, 'metadata_proxy');
  let session: KeystoneSession;
  let agentListener: Awaited<ReturnType<typeof startOvnListener>>;
  const table: string[] = [];

  beforeAll(async () => {
    session = await ovnSession(lab);
    agentListener = await startOvnListener(lab, session, { socketPath });
  });
  afterAll(async () => {
    await agentListener?.server.stop();
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
    if (table.length)
      console.log(`\nOVN proxy conformance (real agent socket vs StackLens socket):\n${table.join('\n')}`);
  });

  for (const c of ovnCases(lab)) {
    it(c.name, async () => {
      const [qa, qb] = [tag(), tag()];
      const agent = await request({ socketPath: lab.agentSocket }, c.headers, `${PATH}?${qa}`);
      const ours = await request({ socketPath }, c.headers, `${PATH}?${qb}`);
      const [agentSent, weSent] = [await recorded(lab, qa), await recorded(lab, qb)];
      table.push(
        `  ${c.differs ? 'DIFFERS' : 'same   '}  ${c.name}: agent ${agent.status} ${agentSent[0]?.instanceId ?? '-'} | StackLens ${ours.status} ${weSent[0]?.instanceId ?? '-'}`,
      );
      const agentForwards = c.differs ? c.differs.agentForwards : c.forwards;
      expect(agent.status).toBe(c.differs ? c.differs.agentStatus : c.forwards ? 200 : 404);
      expect(agentSent.map((r) => r.instanceId)).toEqual(agentForwards ? [agentForwards] : []);
      expect(ours.status).toBe(c.forwards ? 200 : 404);
      expect(weSent.map((r) => r.instanceId)).toEqual(c.forwards ? [c.forwards] : []);
      if (c.forwards) {
        expect(JSON.parse(ours.body.toString()).uuid).toBe(c.forwards);
        const b = weSent[0];
        expect([b.tenantId, b.forwardedFor, b.signatureValid]).toEqual([c.project, c.headers['X-Forwarded-For'], true]);
        expect(b.headers['x-instance-id-signature']).toBe(signInstanceId(lab.metadataSecret, c.forwards));
        if (!c.differs) {
          const a = agentSent[0];
          expect([b.instanceId, b.tenantId, b.forwardedFor, b.headers['x-instance-id-signature']]).toEqual([
            a.instanceId,
            a.tenantId,
            a.forwardedFor,
            a.headers['x-instance-id-signature'],
          ]);
        }
      }
    });
  }

  it('a real haproxy with the agent-generated ovnmeta- config, pointed at StackLens, serves the instance', async () => {
    const net = lab.instances['alpha-vm1'].networkId;
    const agentConf = readFileSync(join(lab.labDir, 'data/metadata-agent/ovn-metadata-proxy', `${net}.conf`), 'utf8');
    expect(agentConf).toContain(`http-request add-header X-OVN-Network-ID ${net}`);
    // The agent's own file, changed only where it must be: our socket, a free port, foreground.
    const conf = agentConf
      .replace(/^\s*(daemon|log .*|log-tag .*|pidfile .*)$/gm, '')
      .replace(/bind 169\.254\.169\.254:80/, 'bind 169.254.169.254:8080')
      .replace(/server metadata \S+/, `server metadata ${socketPath}`);
    writeFileSync(join(dir, 'haproxy.cfg'), conf);
    const haproxy: ChildProcess = spawn('ip', [
      'netns',
      'exec',
      `ovnmeta-${net}`,
      'haproxy',
      '-db',
      '-f',
      join(dir, 'haproxy.cfg'),
    ]);
    try {
      const q = tag();
      let body = '';
      for (let i = 0; i < 40 && !body.includes('uuid'); i++) {
        body = await inInstance(lab, 'alpha-vm1', [
          'curl',
          '-s',
          '--max-time',
          '5',
          `http://169.254.169.254:8080${PATH}?${q}`,
        ]).catch(() => '');
        if (!body.includes('uuid')) await new Promise((r) => setTimeout(r, 250));
      }
      expect(JSON.parse(body).uuid).toBe(lab.instances['alpha-vm1'].id);
      const sent = await recorded(lab, q);
      expect(sent.at(-1)).toMatchObject({
        instanceId: lab.instances['alpha-vm1'].id,
        forwardedFor: '10.0.0.10',
        signatureValid: true,
      });
      table.push('  real ovnmeta- haproxy -> StackLens socket: alpha-vm1 from inside its namespace, 200');
    } finally {
      haproxy.kill('SIGTERM');
    }
  });

  it('namespace mode bound to a network: the peer (or trusted X-Forwarded-For) on that network only', async () => {
    const alpha = lab.networks['alpha-net'].id;
    const ns = await startOvnListener(lab, session, {
      mode: 'namespace',
      networkId: alpha,
      trustedProxies: ['127.0.0.1'],
    });
    try {
      const port = ns.status.port as number;
      const ok = await request({ port, host: '127.0.0.1' }, { 'X-Forwarded-For': '10.0.0.10' }, PATH);
      expect(JSON.parse(ok.body.toString()).uuid).toBe(lab.instances['alpha-vm1'].id);
      // A client-sent X-OVN-Network-ID cannot move the lookup to another network.
      const spoof = await request(
        { port, host: '127.0.0.1' },
        { 'X-Forwarded-For': '10.0.0.10', 'X-OVN-Network-ID': lab.networks['beta-net'].id },
        PATH,
      );
      expect(JSON.parse(spoof.body.toString()).uuid).toBe(lab.instances['alpha-vm1'].id);
      const unbound = await request({ port, host: '127.0.0.1' }, { 'X-Forwarded-For': '10.0.0.20' }, PATH);
      expect(unbound.status).toBe(404);
    } finally {
      await ns.server.stop();
    }
  });
});
