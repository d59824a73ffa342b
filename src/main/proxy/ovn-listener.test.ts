import { describe, expect, it } from 'vitest';
import type { ListenerInput } from '@shared/models/proxy';
import { normaliseListener } from './listener-config';
import { identifyRequest, isAnswer, type Identified } from './identify-request';

const router = 'aaaaaaaa-0000-4000-8000-000000000001';
const network = 'bbbbbbbb-0000-4000-8000-000000000002';
const base: ListenerInput = { name: 'ovn', cloudId: 'c', mode: 'agent', backend: 'ovn', port: null };

const compile = (input: Partial<ListenerInput>) => ({
  config: normaliseListener({ ...base, ...input } as ListenerInput),
  trusted: [],
});
const code = (input: Partial<ListenerInput>) => {
  try {
    normaliseListener({ ...base, ...input } as ListenerInput);
  } catch (err) {
    return (err as { code: string; details?: { field?: string } }).details?.field;
  }
  return 'no error';
};

describe('OVN listeners', () => {
  it('namespace mode is bound to a network: a router, or no network, is refused', () => {
    expect(compile({ mode: 'namespace', networkId: network }).config).toMatchObject({
      backend: 'ovn',
      networkId: network,
    });
    expect(code({ mode: 'namespace', routerId: router })).toBe('routerId');
    expect(code({ mode: 'namespace' })).toBe('networkId');
    expect(code({ mode: 'instance', instance: { kind: 'address', ip: '10.0.0.10', routerId: router } })).toBe(
      'instance.networkId',
    );
  });

  it('agent mode reads X-OVN-Network-ID and X-Forwarded-For, ignores X-Neutron-*', () => {
    const listener = compile({});
    const id = identifyRequest(
      listener,
      { 'x-ovn-network-id': network, 'x-forwarded-for': '10.0.0.10', 'x-neutron-router-id': router },
      'unix',
    ) as Identified;
    expect(isAnswer(id)).toBe(false);
    expect(id.target).toEqual({ kind: 'resolve', request: { ip: '10.0.0.10', ovnNetworkId: network } });
    expect(id.routerId).toBeUndefined();
  });

  it('agent mode rejects nothing itself: missing headers become a lookup the resolver refuses (404 like the agent)', () => {
    const id = identifyRequest(compile({}), {}, 'unix') as Identified;
    expect(isAnswer(id)).toBe(false);
    expect(id.target).toEqual({ kind: 'resolve', request: { ip: '', ovnNetworkId: '' } });
  });

  it('namespace mode resolves the peer on the listener network, on the OVN path', () => {
    const id = identifyRequest(compile({ mode: 'namespace', networkId: network }), {}, '10.0.0.10') as Identified;
    expect(id.target).toEqual({ kind: 'resolve', request: { ip: '10.0.0.10', ovnNetworkId: network } });
  });

  it('ML2 listeners are unchanged (no backend = ml2)', () => {
    const listener = { config: normaliseListener({ ...base, backend: undefined }), trusted: [] };
    expect(listener.config.backend).toBeUndefined();
    const answer = identifyRequest(listener, { 'x-ovn-network-id': network, 'x-forwarded-for': '10.0.0.10' }, 'unix');
    expect(isAnswer(answer) && answer.status).toBe(400);
  });
});
