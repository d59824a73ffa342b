import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decide, isCI, labGate, LabMissingError, machineProbe, missingReason, type LabProbe } from './lab-gate';

/** A lab as the gate sees it: topology per dir, and which run/<name>.pid processes are alive. */
function probe(topologies: Record<string, Record<string, unknown> | string>, down: string[] = []): LabProbe {
  return {
    labDir: '/lab',
    ovnLabDir: '/lab-ovn',
    topology: (dir) => topologies[dir],
    alive: (dir, name) => !down.includes(`${dir}:${name}`),
  };
}
const full = { services: ['keystone', 'neutron', 'metadata', 'nova', 'compute', 'datapath'] };

describe('labGate', () => {
  it('runs when every needed service is listed and its processes are alive', () => {
    expect(labGate(['keystone', 'nova', 'datapath'], { ci: true, probe: probe({ '/lab': full }) })).toEqual({
      run: true,
    });
  });

  it('outside CI, no lab skips with the reason and how to start it', () => {
    const gate = labGate(['neutron'], { ci: false, probe: probe({}) });
    expect(gate).toEqual({
      run: false,
      reason: expect.stringContaining('/lab/topology.json is missing; start it with `LAB_DIR=/lab npm run lab:up`'),
    });
  });

  it('under CI, no lab throws a LabMissingError saying CI makes it a failure', () => {
    expect(() => labGate(['neutron'], { ci: true, probe: probe({}) })).toThrow(LabMissingError);
    expect(() => labGate(['neutron'], { ci: true, probe: probe({}) })).toThrow(
      /^CI=true: a missing lab service is a failure, not a skip\. the OpenStack lab is not up/,
    );
  });

  it('a service the lab was started without: names it and the LAB_SERVICES that adds it', () => {
    const reason = missingReason(['keystone', 'nova'], probe({ '/lab': { services: ['keystone', 'neutron'] } }));
    expect(reason).toBe(
      'the lab at /lab runs without its "nova" service (it runs: keystone neutron); add it with ' +
        '`LAB_DIR=/lab LAB_SERVICES="keystone neutron nova" npm run lab:up`.',
    );
  });

  it('a stopped lab (topology.json left behind, processes gone) is missing, naming the dead processes', () => {
    const reason = missingReason(['metadata'], probe({ '/lab': full }, ['/lab:agent', '/lab:recorder']));
    expect(reason).toContain('the lab\'s "metadata" service is down (agent, recorder not running');
    expect(() => decide(reason, true)).toThrow(/bash tests\/lab\/status\.sh/);
  });

  it('a data path the machine cannot run says so, and still fails under CI', () => {
    const lab = { services: ['keystone', 'neutron', 'metadata'], datapathSkipped: 'no network namespaces' };
    const gate = labGate(['datapath'], { ci: false, probe: probe({ '/lab': lab }) });
    expect(gate).toMatchObject({ run: false, reason: expect.stringContaining('this machine cannot run it') });
    expect(() => labGate(['datapath'], { ci: true, probe: probe({ '/lab': lab }) })).toThrow(/no network namespaces/);
  });

  it('a half-written topology.json is reported as unreadable, not as absent', () => {
    expect(missingReason(['keystone'], probe({ '/lab': 'Unexpected end of JSON input' }))).toContain(
      'topology.json is unreadable (Unexpected end of JSON input)',
    );
  });

  it('the OVN lab needs its own topology and processes, and the ML2 lab Keystone', () => {
    expect(missingReason(['ovn'], probe({ '/lab': full, '/lab-ovn': {} }))).toBeUndefined();
    expect(missingReason(['ovn'], probe({ '/lab': full }))).toContain(
      'start it with `OVN_LAB_DIR=/lab-ovn bash tests/lab/ovn/up.sh`',
    );
    expect(missingReason(['ovn'], probe({ '/lab': full, '/lab-ovn': {} }, ['/lab-ovn:northd']))).toContain(
      'is down (northd not running)',
    );
    expect(missingReason(['ovn'], probe({ '/lab-ovn': {} }))).toMatch(/^the OVN lab uses the OpenStack lab's Keystone/);
  });

  it('CI is any CI value but empty, false and 0', () => {
    expect(['true', '1', 'yes'].map((CI) => isCI({ CI }))).toEqual([true, true, true]);
    expect(['', 'false', '0', undefined].map((CI) => isCI({ CI }))).toEqual([false, false, false, false]);
  });
});

describe('machineProbe', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-gate-'));
  mkdirSync(join(dir, 'run'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads topology.json: absent, unreadable, parsed', () => {
    expect(machineProbe.topology(dir)).toBeUndefined();
    writeFileSync(join(dir, 'topology.json'), '{"services": [');
    expect(typeof machineProbe.topology(dir)).toBe('string');
    writeFileSync(join(dir, 'topology.json'), '{"services": ["keystone"]}');
    expect(machineProbe.topology(dir)).toEqual({ services: ['keystone'] });
  });

  it('a pid file counts only while that pid runs with the marker in its command line', () => {
    // This test's own process: alive, and its command line holds node's path.
    writeFileSync(join(dir, 'run', 'me.pid'), `${process.pid} ${process.argv[0]}\n`);
    expect(machineProbe.alive(dir, 'me')).toBe(true);
    writeFileSync(join(dir, 'run', 'reused.pid'), `${process.pid} /some/other/service.ini\n`);
    expect(machineProbe.alive(dir, 'reused')).toBe(false);
    expect(machineProbe.alive(dir, 'never-started')).toBe(false);
  });
});
