/**
 * Conformance of StackLens's OVN lookup (resolver + forwarder) with the REAL neutron-ovn-metadata-
 * agent (Zed) of the OVN lab. Each case sends the same (X-OVN-Network-ID, X-Forwarded-For) to the
 * agent's socket and to resolveAndForward pointed at the recorder, tagged by a unique query, and
 * compares what reached nova (X-Instance-ID, X-Tenant-ID, X-Forwarded-For, signature) and the
 * status. Deliberate differences are asserted with the agent's actual answer.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ResolveTrace } from '../../src/shared/models/metadata';
import { createResolver, type Resolver } from '../../src/main/metadata/resolver';
import { resolveAndForward } from '../../src/main/metadata/resolve-and-forward';
import { signInstanceId } from '../../src/main/metadata/signer';
import type { KeystoneSession } from '../../src/main/openstack/keystone-session';
import { describeOvnLab, ovnSession, recorded, request, tag, type OvnLab } from './ovn-lab';
import { ovnCases, type OvnCase } from './ovn-cases';

const PATH = '/openstack/latest/meta_data.json';

describeOvnLab('OVN resolver conformance with the real neutron-ovn-metadata-agent', (lab: OvnLab) => {
  let session: KeystoneSession;
  let resolver: Resolver;
  const table: string[] = [];
  beforeAll(async () => {
    session = await ovnSession(lab);
    resolver = createResolver({ client: session.client(), visibility: 'cloud' });
  });
  afterAll(async () => {
    await session?.close();
    if (table.length) console.log(`\nOVN conformance (real agent vs StackLens resolver):\n${table.join('\n')}`);
  });

  for (const c of ovnCases(lab)) {
    it(c.name, async () => {
      const q = tag();
      const agent = await request({ socketPath: lab.agentSocket }, c.headers, `${PATH}?${q}`);
      const agentSent = await recorded(lab, q);
      const q2 = tag();
      const ours = await resolveAndForward(
        resolver,
        { url: lab.recorderUrl, secret: lab.metadataSecret },
        {
          forwardedFor: c.headers['X-Forwarded-For'] ?? '',
          ovnNetworkId: c.headers['X-OVN-Network-ID'] ?? '',
          method: 'GET',
          pathAndQuery: `${PATH}?${q2}`,
        },
      );
      const weSent = await recorded(lab, q2);
      checkCase(c, agent.status, agentSent, ours.trace, ours.answer?.status, weSent, lab);
      table.push(
        `  ${c.differs ? 'DIFFERS' : 'same   '}  ${c.name}: agent ${agent.status} ${agentSent[0]?.instanceId ?? '-'} | StackLens ${ours.answer?.status ?? ours.trace.outcome.kind} ${weSent[0]?.instanceId ?? '-'}`,
      );
    });
  }
});

function checkCase(
  c: OvnCase,
  agentStatus: number,
  agentSent: Array<{
    instanceId: string | null;
    tenantId: string | null;
    forwardedFor: string | null;
    signatureValid: boolean;
    headers: Record<string, string>;
  }>,
  trace: ResolveTrace,
  ourStatus: number | undefined,
  weSent: typeof agentSent,
  lab: OvnLab,
): void {
  const agentForwards = c.differs ? c.differs.agentForwards : c.forwards;
  expect(agentStatus).toBe(c.differs ? c.differs.agentStatus : c.forwards ? 200 : 404);
  expect(agentSent.map((r) => r.instanceId)).toEqual(agentForwards ? [agentForwards] : []);
  expect(weSent.map((r) => r.instanceId)).toEqual(c.forwards ? [c.forwards] : []);
  if (c.forwards) {
    expect(ourStatus).toBe(200);
    const b = weSent[0];
    expect(b.tenantId).toBe(c.project);
    expect(b.forwardedFor).toBe(c.headers['X-Forwarded-For']);
    expect(b.headers['x-instance-id-signature']).toBe(signInstanceId(lab.metadataSecret, c.forwards));
    expect(b.signatureValid).toBe(true);
    if (!c.differs) {
      const a = agentSent[0];
      expect([b.instanceId, b.tenantId, b.forwardedFor, b.headers['x-instance-id-signature']]).toEqual([
        a.instanceId,
        a.tenantId,
        a.forwardedFor,
        a.headers['x-instance-id-signature'],
      ]);
    }
  } else {
    expect(trace.outcome.kind).toBe(c.ours);
    if (c.why) expect(JSON.stringify(trace.outcome)).toContain(c.why);
  }
  if (c.differs) expect(JSON.stringify(trace)).toMatch(c.differs.explained);
}
