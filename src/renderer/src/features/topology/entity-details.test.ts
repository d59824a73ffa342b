import { describe, expect, it } from 'vitest';
import { buildTopologyModel, type EntityRef } from '@shared/topology';
import { sampleCloud } from '@shared/topology/testing/sample-cloud';
import { lookup } from '@shared/topology/testing/lookup';
import { entityDetails } from './entity-details';

const snapshot = sampleCloud();
const find = lookup(snapshot);
const model = buildTopologyModel(snapshot);
const value = (ref: EntityRef, label: string) =>
  entityDetails(model, ref)
    ?.fields.filter((f) => f.label === label)
    .map((f) => f.value);

describe('entityDetails', () => {
  const refs: EntityRef[] = [
    ...snapshot.routers.map((r) => ({ kind: 'router' as const, id: r.id })),
    ...snapshot.networks.map((r) => ({ kind: 'network' as const, id: r.id })),
    ...snapshot.subnets.map((r) => ({ kind: 'subnet' as const, id: r.id })),
    ...snapshot.ports.map((r) => ({ kind: 'port' as const, id: r.id })),
    ...snapshot.servers.map((r) => ({ kind: 'server' as const, id: r.id })),
    ...snapshot.floatingIps.map((r) => ({ kind: 'floatingIp' as const, id: r.id })),
  ];

  it('makes every id of every resource copyable', () => {
    for (const ref of refs) {
      const details = entityDetails(model, ref)!;
      const copyable = new Set(details.fields.map((f) => f.copy).filter(Boolean));
      expect(copyable.has(ref.id), `${ref.kind} ${ref.id}`).toBe(true);
      for (const field of details.fields.filter((f) => /ID$/.test(f.label) && f.value !== '(none)'))
        expect(field.copy, `${ref.kind} ${field.label}`).toBe(field.value);
    }
  });

  it.each([
    [
      'router web-router gateway',
      () => ({ kind: 'router' as const, id: find.router('web-router').id }),
      'Gateway IP',
      ['203.0.113.11'],
    ],
    [
      'router web-router interfaces',
      () => ({ kind: 'router' as const, id: find.router('web-router').id }),
      'Interface',
      [
        '10.0.0.1 on 10.0.0.0/24 (web-v4)',
        '2001:db8:10::1 on 2001:db8:10::/64 (web-v6)',
        '10.0.1.1 on 10.0.1.0/24 (app-subnet)',
      ],
    ],
    [
      'instance web-1 config drive',
      () => ({ kind: 'server' as const, id: find.server('web-1').id }),
      'Config drive',
      ['yes'],
    ],
    ['instance web-1 project', () => ({ kind: 'server' as const, id: find.server('web-1').id }), 'Project', ['shop']],
    [
      'subnet db-subnet routers',
      () => ({ kind: 'subnet' as const, id: find.subnet('db-subnet').id }),
      'Router',
      ['db-router'],
    ],
    ['spare port owner', () => ({ kind: 'port' as const, id: find.port('web-spare').id }), 'Device owner', ['(none)']],
  ])('%s', (_name, ref, label, expected) => {
    expect(value(ref(), label)).toEqual(expected);
  });

  it('marks instances for the metadata lookup slot, and nothing else', () => {
    expect(entityDetails(model, { kind: 'server', id: find.server('db-1').id })?.instanceId).toBe(
      find.server('db-1').id,
    );
    expect(entityDetails(model, { kind: 'port', id: find.port('web-spare').id })?.instanceId).toBeUndefined();
  });

  it('says nothing about a resource that is not in view', () => {
    expect(entityDetails(model, { kind: 'port', id: 'nope' })).toBeUndefined();
  });
});

describe('entityDetails: what an admin checks next', () => {
  it('shows binding host, vif type, port security and security groups by name', () => {
    const port = snapshot.ports.find((p) => p.deviceOwner.startsWith('compute:'))!;
    const withBinding = {
      ...snapshot,
      ports: snapshot.ports.map((p) =>
        p.id === port.id
          ? {
              ...p,
              bindingHostId: '',
              vifType: 'binding_failed',
              portSecurityEnabled: true,
              securityGroupIds: ['sg-1', 'sg-x'],
            }
          : p,
      ),
      securityGroups: [{ id: 'sg-1', name: 'web', projectId: port.projectId }],
    };
    const details = entityDetails(buildTopologyModel(withBinding), { kind: 'port', id: port.id })!;
    const field = (label: string) => details.fields.find((f) => f.label === label);
    expect(field('Binding host')?.value).toBe('(unbound)');
    expect(field('VIF type')?.value).toBe('binding_failed');
    expect(field('Port security')?.value).toBe('enabled');
    expect(field('Security groups')).toMatchObject({ value: 'web (sg-1), sg-x', copy: 'sg-1 sg-x' });
    // A snapshot without these fields (a member, an old file) shows none of them.
    const plain = entityDetails(model, { kind: 'port', id: port.id })!;
    expect(plain.fields.map((f) => f.label)).not.toContain('Binding host');
  });
});
