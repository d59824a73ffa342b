import { describe, expect, it } from 'vitest';
import type { ResolveTrace } from '@shared/models/metadata';
import { buildTopologyModel } from '@shared/topology';
import { sampleCloud } from '@shared/topology/testing/sample-cloud';
import { lookup } from '@shared/topology/testing/lookup';
import { traceNames } from './trace-names';

const snapshot = sampleCloud();
const find = lookup(snapshot);
const model = buildTopologyModel(snapshot);
const web1 = find.server('web-1');
const port = find.serverPorts('web-1')[0];
const router = find.router('web-router');

const trace = (outcome: ResolveTrace['outcome']): ResolveTrace => ({
  request: { ip: '10.0.0.10', routerId: router.id },
  path: 'router',
  networks: [],
  steps: [],
  outcome,
  durationMs: 1,
  cached: false,
  neutronCalls: 2,
});

describe('traceNames', () => {
  it('names the router, the instance, its project, port and network', () => {
    const names = traceNames(
      trace({
        kind: 'resolved',
        instanceId: web1.id,
        projectId: web1.projectId,
        portId: port.id,
        deviceOwner: 'compute:nova',
        networkId: port.networkId,
      }),
      model,
    );
    expect(names.map((n) => [n.role, n.name])).toEqual([
      ['Via router', 'web-router'],
      ['Instance', 'web-1'],
      ['Project', 'shop'],
      ['Port', port.name || 'web-1 port'],
      ['Network', 'web-net'],
    ]);
    expect(names[0].ref).toEqual({ kind: 'router', id: router.id });
    expect(names[2].ref).toBeUndefined();
  });

  it('keeps the ids, without names or links, for what the topology does not hold', () => {
    const names = traceNames(trace({ kind: 'not-found', reason: 'no port', portCount: 0, portIds: [] }), null);
    expect(names).toEqual([{ role: 'Via router', noun: 'router', id: router.id, name: undefined, ref: undefined }]);
  });
});
