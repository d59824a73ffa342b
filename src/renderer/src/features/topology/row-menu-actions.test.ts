import { describe, expect, it } from 'vitest';
import type { EntityRef } from '@shared/topology';
import { actionEntries, type RowActions } from './row-menu-actions';

function recorder() {
  const calls: string[] = [];
  const actions: Required<RowActions> = {
    onInstanceLookup: (id) => calls.push(`lookup ${id}`),
    onServeAs: (id) => calls.push(`serve ${id}`),
    onResolveHere: (ref) => calls.push(`resolve ${ref.kind} ${ref.id}`),
    onStartListener: (ref) => calls.push(`listen ${ref.kind} ${ref.id}`),
  };
  return { calls, actions };
}

const labels = (ref: EntityRef, actions: RowActions) => actionEntries(ref, actions).map((e) => e.label);

describe('actionEntries', () => {
  it('offers an instance the metadata lookup and serving as it, each calling its handler with the id', () => {
    const { calls, actions } = recorder();
    const entries = actionEntries({ kind: 'server', id: 's1' }, actions);
    expect(entries.map((e) => e.label)).toEqual(['Metadata lookup', 'Serve as this instance']);
    entries.forEach((e) => e.run());
    expect(calls).toEqual(['lookup s1', 'serve s1']);
  });

  it('offers routers and networks resolving and a namespace listener through them', () => {
    const { calls, actions } = recorder();
    for (const ref of [{ kind: 'router', id: 'r1' } as const, { kind: 'network', id: 'n1' } as const])
      actionEntries(ref, actions).forEach((e) => e.run());
    expect(calls).toEqual(['resolve router r1', 'listen router r1', 'resolve network n1', 'listen network n1']);
  });

  it('hides what the page does not provide, and offers nothing on ports, subnets and floating IPs', () => {
    expect(labels({ kind: 'server', id: 's1' }, {})).toEqual([]);
    expect(labels({ kind: 'router', id: 'r1' }, { onResolveHere: () => undefined })).toEqual(['Resolve here']);
    const { actions } = recorder();
    for (const kind of ['port', 'subnet', 'floatingIp'] as const)
      expect(labels({ kind, id: 'x' }, actions)).toEqual([]);
  });
});
