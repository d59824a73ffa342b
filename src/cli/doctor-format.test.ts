import { describe, expect, it } from 'vitest';
import type { Diagnosis, Finding, FleetReport } from '@shared/models/doctor';
import { FINDING_COLUMNS, FLEET_COLUMNS, findingRows, fleetRows } from './doctor-format';
import { renderList } from './output';

const finding = (check: string, severity: Finding['severity'], extra: Partial<Finding> = {}): Finding => ({
  check,
  severity,
  area: 'port',
  backend: 'any',
  title: `${check} title`,
  checked: 'x',
  evidence: [],
  ...extra,
});

const counts = { blocking: 0, warning: 0, info: 0, ok: 0 };
const report = {
  cloudId: 'c',
  rows: [
    {
      instanceId: 'i1',
      name: 'alpha-vm1',
      projectId: 'p-alpha',
      status: 'ACTIVE',
      verdict: 'blocking',
      top: { check: 'l3.interface', severity: 'blocking', title: 'No router interface' },
      counts,
    },
    { instanceId: 'i2', name: 'beta-vm1', projectId: 'p-beta', status: 'ACTIVE', verdict: 'ok', top: null, counts },
  ],
  projects: [{ id: 'p-alpha', name: 'alpha' }],
} as unknown as FleetReport;

describe('doctor rows for -f/-c', () => {
  it('the fleet: one row per instance, the project by name when known, the top finding', () => {
    expect(fleetRows(report)).toEqual([
      {
        verdict: 'blocking',
        name: 'alpha-vm1',
        id: 'i1',
        project: 'alpha',
        status: 'ACTIVE',
        check: 'l3.interface',
        finding: 'No router interface',
      },
      { verdict: 'ok', name: 'beta-vm1', id: 'i2', project: 'p-beta', status: 'ACTIVE', check: '', finding: '' },
    ]);
    const value = renderList(FLEET_COLUMNS, fleetRows(report), { format: 'value', columns: ['id', 'verdict'] });
    expect(value).toBe('i1 blocking\ni2 ok');
  });

  it('one instance: one row per finding; passing checks only when verbose, as in the text', () => {
    const d = {
      findings: [
        finding('port.down', 'blocking', { portId: 'port-1', fix: 'openstack port set --enable port-1' }),
        finding('agents.metadata', 'ok'),
      ],
    } as unknown as Diagnosis;
    expect(findingRows(d, false)).toEqual([
      {
        severity: 'blocking',
        check: 'port.down',
        title: 'port.down title',
        port: 'port-1',
        fix: 'openstack port set --enable port-1',
      },
    ]);
    expect(findingRows(d, true).map((r) => r.check)).toEqual(['port.down', 'agents.metadata']);
    expect(
      JSON.parse(renderList(FINDING_COLUMNS, findingRows(d, true), { format: 'json', columns: ['check'] })),
    ).toEqual([{ check: 'port.down' }, { check: 'agents.metadata' }]);
  });
});
