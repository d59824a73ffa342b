import { describe, expect, it } from 'vitest';
import type { ResolveRequest, ResolveTrace } from '@shared/models/metadata';
import { coalesceFresh, coalesceResolves } from './coalesce-resolves';

function fakeResolve() {
  const calls: ResolveRequest[] = [];
  const resolve = async (request: ResolveRequest): Promise<ResolveTrace> => {
    calls.push(request);
    await new Promise((r) => setTimeout(r, 30));
    return {
      request,
      path: 'router',
      networks: [],
      steps: [],
      outcome: {
        kind: 'resolved',
        instanceId: `vm-${request.ip}`,
        projectId: 'p',
        portId: 'x',
        deviceOwner: 'compute:nova',
        networkId: 'n',
      },
      durationMs: 30,
      cached: false,
      neutronCalls: 2,
    };
  };
  return { calls, resolve };
}

describe('coalesceResolves', () => {
  it('shares one lookup among concurrent identical requests, and marks the sharers', async () => {
    const { calls, resolve } = fakeResolve();
    const coalesced = coalesceResolves(resolve);
    const req = { ip: '10.0.0.10', routerId: 'r1' };
    const traces = await Promise.all([
      coalesced(req),
      coalesced(req),
      coalesced(req),
      coalesced({ ip: '10.0.0.11', routerId: 'r1' }),
    ]);
    expect(calls).toHaveLength(2);
    expect(traces.map((t) => t.neutronCalls)).toEqual([2, 0, 0, 2]);
    expect(traces[1].cached).toBe(true);
    expect(traces[1].warnings?.[0]).toContain('coalesced');
    expect(traces[1].outcome).toEqual(traces[0].outcome);
  });

  it('looks up again once the shared lookup is over, and never shares a forced refresh', async () => {
    const { calls, resolve } = fakeResolve();
    const coalesced = coalesceResolves(resolve);
    const req = { ip: '10.0.0.10', networkId: 'n1' };
    await coalesced(req);
    await coalesced(req);
    await Promise.all([coalesced(req), coalesced(req, { skipCache: true })]);
    expect(calls).toHaveLength(4);
  });
});

describe('coalesceFresh', () => {
  it('never hands a request a lookup that started before it arrived; later arrivals share the next one', async () => {
    const { calls, resolve } = fakeResolve();
    const fresh = coalesceFresh(resolve);
    const req = { ip: '10.0.0.10', routerId: 'r1' };
    const first = fresh(req);
    await new Promise((r) => setTimeout(r, 5)); // the first lookup is running now
    const late = await Promise.all([fresh(req), fresh(req), fresh(req)]);
    await first;
    expect(calls).toHaveLength(2); // one running + one shared by the three that came while it ran
    expect(late.map((t) => t.neutronCalls)).toEqual([2, 0, 0]);
    expect(late[1].warnings?.[0]).toContain('started after this request arrived');
  });

  it('keeps keys apart and never shares a forced refresh', async () => {
    const { calls, resolve } = fakeResolve();
    const fresh = coalesceFresh(resolve);
    await Promise.all([
      fresh({ ip: '10.0.0.10', routerId: 'r1' }),
      fresh({ ip: '10.0.0.10', routerId: 'r2' }),
      fresh({ ip: '10.0.0.10', routerId: 'r1' }, { skipCache: true }),
    ]);
    expect(calls).toHaveLength(3);
  });
});
