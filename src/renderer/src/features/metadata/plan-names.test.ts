import { describe, expect, it } from 'vitest';
import type { LookupPlan } from '@shared/models/metadata';
import { planNames } from './plan-names';

const plan: LookupPlan = {
  cloudId: 'c',
  instance: { id: 'vm-1', name: 'alpha-vm1', projectId: 'p-1', projectName: 'alpha' },
  ports: [
    {
      id: 'port-1',
      networkId: 'net-1',
      networkName: 'alpha-net',
      macAddress: 'fa:16:3e:00:00:01',
      fixedIps: [],
      routers: [],
    },
  ],
  paths: [
    {
      kind: 'router',
      ip: '10.0.0.10',
      routerId: 'r-1',
      routerName: 'alpha-router',
      networkId: 'net-1',
      portId: 'port-1',
      why: '',
    },
    { kind: 'network', ip: '10.0.0.10', networkId: 'net-2', portId: 'port-1', why: '' },
  ],
  notes: [],
  apiCalls: 3,
};

describe('planNames', () => {
  it('names the instance, its project, port, networks and routers the lookup found', () => {
    const names = planNames(plan);
    expect(Object.fromEntries(names)).toEqual({
      'vm-1': 'alpha-vm1',
      'p-1': 'alpha',
      'port-1': 'alpha-vm1 port',
      'net-1': 'alpha-net',
      'r-1': 'alpha-router',
    });
  });

  it('leaves out what has no name (the id is shown short then)', () => {
    const names = planNames({
      ...plan,
      instance: { id: 'vm-1', projectId: 'p-1' },
      ports: [{ ...plan.ports[0], networkName: undefined }],
    });
    expect(names.has('vm-1')).toBe(false);
    expect(names.has('p-1')).toBe(false);
    expect(names.has('port-1')).toBe(false);
    expect(names.get('r-1')).toBe('alpha-router');
  });
});
