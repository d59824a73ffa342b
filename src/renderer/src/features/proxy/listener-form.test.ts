import { describe, expect, it } from 'vitest';
import type { ListenerConfig } from '@shared/models/proxy';
import {
  detectedListenerBackend,
  isLoopbackHost,
  prefillValues,
  toFormValues,
  toListenerInput,
  validateListenerForm,
  withBackend,
} from './listener-form';

const router = 'aaaaaaaa-0000-4000-8000-000000000001';
const vm = '11111111-1111-1111-1111-111111111111';

describe('listener form', () => {
  it('starts from safe defaults: instance mode on loopback, a free port', () => {
    const values = toFormValues(undefined, { cloudId: 'lab' });
    expect(values).toMatchObject({
      mode: 'instance',
      host: '127.0.0.1',
      port: '',
      allowNonLoopback: false,
      cloudId: 'lab',
    });
  });

  it('round-trips a saved namespace listener', () => {
    const config: ListenerConfig = {
      id: 'l1',
      name: 'ns',
      cloudId: 'lab',
      mode: 'namespace',
      host: '127.0.0.1',
      port: 8775,
      allowNonLoopback: false,
      routerId: router,
      trustedProxies: ['127.0.0.2'],
      useCache: true,
      rateLimit: { enabled: true, baseWindowSeconds: 10, baseLimit: 5, burstWindowSeconds: 2, burstLimit: 3 },
      limits: {
        maxBodyBytes: 65536,
        maxHeaderBytes: 16384,
        headersTimeoutMs: 10000,
        requestTimeoutMs: 30000,
        keepAliveTimeoutMs: 5000,
        upstreamTimeoutMs: 60000,
        maxConnections: 1024,
        maxUpstreamConcurrent: 32,
        stopDeadlineMs: 5000,
      },
    };
    const input = toListenerInput(toFormValues(config), 'l1');
    expect(input).toMatchObject({
      id: 'l1',
      mode: 'namespace',
      port: 8775,
      routerId: router,
      trustedProxies: ['127.0.0.2'],
      useCache: true,
    });
    expect(input.rateLimit).toEqual(config.rateLimit);
    expect(input.instance).toBeUndefined();
  });

  it('sends only what the mode uses', () => {
    const values = {
      ...toFormValues(),
      name: 'vm',
      cloudId: 'lab',
      instanceKind: 'address' as const,
      instanceIp: '10.0.0.10',
      scopeKind: 'network' as const,
      scopeId: router,
    };
    const input = toListenerInput(values);
    expect(input.instance).toEqual({ kind: 'address', ip: '10.0.0.10', networkId: router });
    expect(input.routerId).toBeUndefined();
    expect(input.port).toBeNull();
  });

  it('flags a non-loopback host until it is explicitly allowed', () => {
    const values = { ...toFormValues(), name: 'x', cloudId: 'lab', instanceId: vm, projectId: 'p', host: '0.0.0.0' };
    expect(validateListenerForm(values).host).toContain('Allow non-loopback');
    expect(validateListenerForm({ ...values, allowNonLoopback: true }).host).toBeUndefined();
    expect(isLoopbackHost('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopbackHost('10.0.0.1')).toBe(false);
  });

  it("guides each mode's required fields", () => {
    const base = { ...toFormValues(), name: 'x', cloudId: 'lab' };
    expect(validateListenerForm(base)).toMatchObject({ instanceId: expect.any(String), projectId: expect.any(String) });
    expect(validateListenerForm({ ...base, mode: 'namespace' }).scopeId).toContain('Pick the router');
    expect(
      validateListenerForm({ ...base, mode: 'namespace', scopeId: router, trustedProxies: ['nope'] }).trustedProxies,
    ).toContain('nope');
    expect(
      validateListenerForm({ ...base, mode: 'agent', useSocket: true, socketPath: 'rel.sock' }).socketPath,
    ).toBeDefined();
    expect(validateListenerForm({ ...base, mode: 'agent', port: '99999' }).port).toBeDefined();
    expect(validateListenerForm({ ...base, mode: 'agent', port: '8080' })).toEqual({});
  });

  it('preselects the detected backend (or the override), and says nothing when it cannot tell', () => {
    const info = (
      detected: 'ovn' | 'ml2-ovs' | 'mixed' | 'unknown',
      override: 'auto' | 'ovn' | 'ml2-ovs' = 'auto',
    ) => ({
      detected,
      override,
      effective: 'ml2-ovs' as const,
      evidence: [],
    });
    expect(detectedListenerBackend(info('ovn'))).toBe('ovn');
    expect(detectedListenerBackend(info('ml2-ovs'))).toBe('ml2');
    expect(detectedListenerBackend(info('mixed'))).toBeNull();
    expect(detectedListenerBackend(info('unknown', 'ovn'))).toBe('ovn');
    expect(detectedListenerBackend(info('ovn', 'ml2-ovs'))).toBe('ml2');
    expect(detectedListenerBackend(undefined)).toBeNull();
  });

  it('an OVN namespace listener is bound to a network and says backend ovn', () => {
    const net = 'bbbbbbbb-0000-4000-8000-000000000002';
    const values = { ...toFormValues(undefined, { cloudId: 'ovn' }), name: 'ovn-ns', mode: 'namespace' as const };
    const ovn = { ...values, ...withBackend('ovn'), scopeId: net };
    expect(ovn.scopeKind).toBe('network');
    expect(validateListenerForm(ovn)).toEqual({});
    expect(toListenerInput(ovn)).toMatchObject({ backend: 'ovn', mode: 'namespace', networkId: net });
    expect(toListenerInput(ovn).routerId).toBeUndefined();
    expect(validateListenerForm({ ...ovn, scopeKind: 'router' }).scopeKind).toMatch(/network/);
    // ML2 leaves backend out (main's default) and keeps a router scope possible.
    expect(
      toListenerInput({ ...values, ...withBackend('ml2'), scopeKind: 'router', scopeId: router }).backend,
    ).toBeUndefined();
    expect(toFormValues({ ...toListenerInput(ovn), id: 'x' } as unknown as ListenerConfig).backend).toBe('ovn');
  });

  it('a prefill from a topology row action gives a listener ready to save', () => {
    const ns = prefillValues({ mode: 'namespace', cloudId: 'lab', scope: { kind: 'router', id: router } });
    expect(ns).toMatchObject({ mode: 'namespace', cloudId: 'lab', scopeKind: 'router', scopeId: router });
    expect(toListenerInput({ ...ns, name: 'ns' })).toMatchObject({ mode: 'namespace', routerId: router });
    expect(validateListenerForm({ ...ns, name: 'ns' })).toEqual({});

    const one = prefillValues({ mode: 'instance', cloudId: 'lab', instanceId: vm, projectId: 'p1' }, 'alpha-vm1');
    expect(one).toMatchObject({ mode: 'instance', instanceKind: 'instance', name: 'as alpha-vm1' });
    expect(toListenerInput(one).instance).toEqual({ kind: 'instance', instanceId: vm, projectId: 'p1' });
    // Without the project (the topology fills it in later), the form asks for it.
    expect(validateListenerForm(prefillValues({ mode: 'instance', cloudId: 'lab', instanceId: vm }))).toHaveProperty(
      'projectId',
    );
  });
});
