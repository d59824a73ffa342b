/**
 * The doctor on ML2/OVN, proven by breaking the real OVN lab (tests/lab/ovn/fault.sh): each fault
 * is switched on, the instance's own symptom is read from inside its namespace, the doctor runs
 * live against the OVN lab's Neutron with that symptom, and must name the fault; then it is
 * switched off and metadata must work again. Slow on purpose (agents restart for real).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Diagnosis, Symptom } from '../../src/shared/models/doctor';
import type { KeystoneSession } from '../../src/main/openstack/keystone-session';
import { diagnoseLive } from '../../src/main/doctor/run-doctor';
import { describeOvnLab, ovnFault, ovnSession, type OvnLab } from './ovn-lab';

interface FaultCase {
  fault: string;
  /** What alpha-vm1 sees (fault.sh's symptom line: http code, curl exit code). */
  sees: RegExp;
  symptom: Symptom;
  /** The finding (check id) that must name it, blocking; or the first below-the-API suspect. */
  names: { check?: string; suspect?: string };
}

const cases: FaultCase[] = [
  {
    fault: 'dhcp-off',
    sees: /http 000 curl-rc 7 route-via none/,
    symptom: 'refused',
    names: { check: 'ovn.dhcp-off' },
  },
  { fault: 'port-unclaimed', sees: /http 000 curl-rc 28/, symptom: 'timeout', names: { check: 'ovn.port-unclaimed' } },
  {
    fault: 'metadata-port-no-ip',
    sees: /http 000 curl-rc 28/,
    symptom: 'timeout',
    names: { check: 'ovn.metadata-port-no-ip' },
  },
  { fault: 'dup-ip', sees: /http 404/, symptom: 'http-404', names: { suspect: 'ovn-sb-drift' } },
  { fault: 'haproxy-killed', sees: /http 000 curl-rc 7 /, symptom: 'refused', names: { suspect: 'haproxy-ovnmeta' } },
  { fault: 'agent-stopped', sees: /http 503/, symptom: 'http-503', names: { check: 'ovn.metadata-agent-down' } },
];

describeOvnLab('the doctor names each OVN fault of the real OVN lab', (lab: OvnLab) => {
  let session: KeystoneSession;
  const rows: string[] = [];
  const vm = () => lab.instances['alpha-vm1'];
  const diagnose = async (symptom: Symptom): Promise<Diagnosis> =>
    diagnoseLive(
      { cloudId: 'ovn-admin', client: session.client(), isAdmin: true, cloudName: 'ovn-admin', region: lab.region },
      vm().id,
      { nova: { target: { url: lab.recorderUrl, secret: lab.metadataSecret } }, symptom },
    );
  beforeAll(async () => {
    session = await ovnSession(lab);
    await ovnFault('off-all');
  }, 600_000);
  afterAll(async () => {
    await ovnFault('off-all').catch(() => undefined);
    await session?.close();
    if (rows.length) console.log(`\nOVN faults (fault | alpha-vm1 sees | doctor names):\n${rows.join('\n')}`);
  }, 300_000);

  it('healthy: no OVN finding is blocking', async () => {
    const d = await diagnose('ok');
    expect(d.findings.filter((f) => f.backend === 'ovn' && f.severity === 'blocking')).toEqual([]);
    expect(d.findings.map((f) => f.check)).toEqual(
      expect.arrayContaining(['ovn.metadata-port', 'ovn.dhcp', 'ovn.port-claimed', 'ovn.metadata-agent']),
    );
  }, 120_000);

  for (const c of cases) {
    it(
      c.fault,
      async () => {
        const out = await ovnFault('on', c.fault);
        try {
          expect(out).toMatch(c.sees);
          let d = await diagnose(c.symptom);
          // Neutron reports a stopped OVN agent dead only after its heartbeat ages (agent_down_time).
          for (let i = 0; c.names.check && i < 30 && !d.findings.some((f) => f.check === c.names.check); i++) {
            await new Promise((r) => setTimeout(r, 5_000));
            d = await diagnose(c.symptom);
          }
          if (c.names.check) {
            expect(d.findings.find((f) => f.check === c.names.check)?.severity).toBe('blocking');
          } else {
            // Invisible to the API: the symptom puts the right place to look first.
            expect(d.suspects[0]?.id).toBe(c.names.suspect);
          }
          rows.push(
            `  ${c.fault} | ${out.trim().split('\n').at(-1)} | ${c.names.check ?? `suspect ${c.names.suspect}`}`,
          );
        } finally {
          await ovnFault('off', c.fault);
        }
      },
      600_000,
    );
  }
});
