/**
 * The doctor's proof on the lab's real data path: each fault of tests/lab/fault.sh is switched on,
 * the instance namespace asks 169.254.169.254 (what it really sees), the doctor diagnoses the
 * instance from the API alone and again told the symptom, and the fault is switched off. Pass: the
 * instance really fails and the doctor's top finding names the fault (or, for what the API cannot
 * show, the below-the-API suspects start with it); with no fault every target works and nothing
 * blocks. The matrix is printed (README "The fault matrix").
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Diagnosis, Symptom } from '../../src/shared/models/doctor';
import { diagnoseLive } from '../../src/main/doctor/run-doctor';
import type { KeystoneSession } from '../../src/main/openstack/keystone-session';
import { describeLab, labSession, requireLab } from './lab';
import { labIds } from './metadata-lab';

const FAULT_SH = process.env.STACKLENS_FAULT_SH ?? join(__dirname, '../lab/fault.sh');

interface Fault {
  name: string;
  target: string;
  /** The instance really fails (false: the path outlives the fault, e.g. a dead L3 agent). */
  fails: boolean;
  /** The doctor agrees when this holds for the diagnosis told the symptom. */
  agrees: (d: Diagnosis) => boolean;
}

const top = (d: Diagnosis) => d.findings[0];
const suspectFirst = (id: string) => (d: Diagnosis) =>
  top(d).check === 'below-api.unexplained' && d.suspects[0]?.id === id;
const topIs =
  (...checks: string[]) =>
  (d: Diagnosis) =>
    checks.includes(top(d).check) && top(d).severity === 'blocking';

const FAULTS: Fault[] = [
  {
    name: 'metadata-agent',
    target: 'alpha-vm1',
    fails: true,
    agrees: (d) => topIs('agents.metadata-stale', 'agents.metadata-dead')(d) || suspectFirst('metadata-agent')(d),
  },
  { name: 'router-haproxy', target: 'alpha-vm1', fails: true, agrees: suspectFirst('haproxy-router') },
  { name: 'l3-agent', target: 'alpha-vm1', fails: false, agrees: (d) => d.verdict !== 'blocking' },
  {
    name: 'router-interface',
    target: 'beta-vm1',
    fails: true,
    agrees: topIs('paths.interface-removed', 'paths.gateway-unowned'),
  },
  { name: 'dhcp-off', target: 'beta-vm4', fails: true, agrees: (d) => top(d).check === 'paths.none' },
  {
    name: 'isolated-metadata',
    target: 'beta-vm4',
    fails: true,
    agrees: (d) =>
      /enable_isolated_metadata/.test(top(d).title) &&
      top(d).severity === 'blocking' &&
      d.suspects[0]?.id === 'isolated-metadata',
  },
  { name: 'shared-secret', target: 'alpha-vm1', fails: true, agrees: suspectFirst('agent-secret') },
  { name: 'nova-metadata', target: 'alpha-vm1', fails: true, agrees: topIs('nova.unreachable') },
  { name: 'port-down', target: 'beta-vm3', fails: true, agrees: topIs('port.admin-down') },
  { name: 'sg-egress', target: 'alpha-vm2', fails: true, agrees: topIs('sg.egress-blocked') },
];

/** What the instance sees: curl from its namespace, as an admin would run it. */
function ask(target: string): { symptom: Symptom; text: string } {
  const r = spawnSync(
    'ip',
    [
      'netns',
      'exec',
      `inst-${target}`,
      'curl',
      '-s',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      '--max-time',
      '6',
      'http://169.254.169.254/openstack/latest/meta_data.json',
    ],
    { encoding: 'utf8' },
  );
  const code = r.stdout.trim();
  if (r.status === 0 && code === '200') return { symptom: 'ok', text: 'HTTP 200' };
  if (r.status === 0) return { symptom: `http-${code}` as Symptom, text: `HTTP ${code}` };
  if (r.status === 7) return { symptom: 'refused', text: 'curl exit 7: connection refused' };
  if (r.status === 28) return { symptom: 'timeout', text: 'curl exit 28: timed out' };
  return { symptom: 'timeout', text: `curl exit ${r.status}` };
}

const fault = (name: string, to: 'on' | 'off') =>
  execFileSync('bash', [FAULT_SH, name, to], { stdio: 'pipe', timeout: 240_000 });

describeLab(
  'doctor: the fault matrix on the real data path',
  () => {
    const lab = requireLab();
    let session: KeystoneSession;
    const rows: string[] = [];
    const diagnose = (target: string, symptom?: Symptom) =>
      diagnoseLive(
        { cloudId: 'lab', client: session.client(), isAdmin: true, cloudName: 'lab' },
        labIds(lab).instance(target).id,
        { nova: { target: { url: lab.novaMetadataUrl as string, secret: lab.metadataSecret } }, symptom },
      );

    beforeAll(async () => {
      session = await labSession(lab);
    });
    afterAll(async () => {
      if (rows.length)
        console.log(
          [
            '| fault | instance sees | doctor (API only) | doctor told the symptom | agree |',
            '|---|---|---|---|---|',
            ...rows,
          ].join('\n'),
        );
      await session?.close();
    });

    it('no fault: every target instance gets its metadata and nothing blocks', async () => {
      for (const target of [...new Set(FAULTS.map((f) => f.target))]) {
        const seen = ask(target);
        const d = await diagnose(target, seen.symptom);
        rows.push(
          `| (none) | ${target}: ${seen.text} | ${d.verdict}: ${top(d).title} | — | ${seen.symptom === 'ok' && d.verdict !== 'blocking' ? 'yes' : 'NO'} |`,
        );
        expect(seen.symptom, target).toBe('ok');
        expect(d.verdict, `${target}: ${top(d).title}`).not.toBe('blocking');
      }
    }, 300_000);

    for (const f of FAULTS) {
      it(`${f.name}: ${f.target} ${f.fails ? 'fails' : 'keeps working'} and the doctor names it`, async () => {
        try {
          fault(f.name, 'on');
          const seen = ask(f.target);
          const blind = await diagnose(f.target);
          const told = await diagnose(f.target, seen.symptom);
          const agree = (seen.symptom !== 'ok') === f.fails && f.agrees(told);
          const first = told.suspects[0] ? ` (first suspect: ${told.suspects[0].id})` : '';
          rows.push(
            `| ${f.name} | ${f.target}: ${seen.text} | ${blind.findings[0].severity}: ${blind.findings[0].title} | ${top(told).severity}: ${top(told).title}${first} | ${agree ? 'yes' : 'NO'} |`,
          );
          expect(seen.symptom !== 'ok', `${f.target} sees ${seen.text}`).toBe(f.fails);
          expect(
            f.agrees(told),
            `${top(told).check}: ${top(told).title}; suspects ${told.suspects.map((s) => s.id).join(',')}`,
          ).toBe(true);
        } finally {
          fault(f.name, 'off');
        }
      }, 600_000);
    }
  },
  ['datapath'],
);
