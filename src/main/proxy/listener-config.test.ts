import { describe, expect, it } from 'vitest';
import type { ListenerInput } from '@shared/models/proxy';
import { defaultLimits, defaultRateLimit, normaliseListener } from './listener-config';

const router = 'aaaaaaaa-0000-4000-8000-000000000001';
const network = 'bbbbbbbb-0000-4000-8000-000000000002';
const base: ListenerInput = { name: 'lab', cloudId: 'lab-admin', mode: 'agent', port: null };

function errorOf(input: Partial<ListenerInput>) {
  try {
    normaliseListener({ ...base, ...input } as ListenerInput);
  } catch (err) {
    return err as { code: string; message: string; hint?: string; details?: Record<string, unknown> };
  }
  throw new Error('expected normaliseListener to throw');
}

describe('normaliseListener', () => {
  it('fills safe defaults: loopback, a free port, no cache, neutron rate-limit defaults', () => {
    const config = normaliseListener(base);
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: null,
      allowNonLoopback: false,
      useCache: false,
      trustedProxies: [],
    });
    expect(config.rateLimit).toEqual(defaultRateLimit);
    expect(config.limits).toEqual(defaultLimits);
    expect(config.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(normaliseListener({ ...base, port: 0 }).port).toBeNull();
  });

  it('refuses a non-loopback bind unless explicitly allowed', () => {
    for (const host of ['0.0.0.0', '::', '10.1.2.3', '::ffff:10.0.0.1']) {
      const err = errorOf({ host });
      expect(err.code).toBe('UNSAFE_REFUSED');
      expect(err.hint).toContain('Allow non-loopback');
    }
    expect(normaliseListener({ ...base, host: '0.0.0.0', allowNonLoopback: true }).host).toBe('0.0.0.0');
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
      expect(normaliseListener({ ...base, host }).host).toBe(host);
  });

  it('refuses host names and lenient IPv4 forms', () => {
    for (const host of ['localhost', '127.1', '0x7f.0.0.1', 'fe80::1%eth0'])
      expect(errorOf({ host }).code).toBe('CONFIG_INVALID');
  });

  it('needs exactly one scope in namespace mode', () => {
    expect(errorOf({ mode: 'namespace' }).message).toContain('router ID or a network ID is required');
    expect(errorOf({ mode: 'namespace', routerId: router, networkId: network }).message).toContain('not both');
    expect(errorOf({ mode: 'namespace', routerId: 'router-1' }).details).toEqual({ field: 'routerId' });
    expect(normaliseListener({ ...base, mode: 'namespace', networkId: network }).networkId).toBe(network);
  });

  it('checks trusted upstreams with ipaddr.js and only in namespace mode', () => {
    expect(errorOf({ mode: 'namespace', routerId: router, trustedProxies: ['10.0.0.0/33'] }).message).toContain(
      '10.0.0.0/33',
    );
    expect(errorOf({ mode: 'agent', trustedProxies: ['127.0.0.1'] }).message).toContain('only apply in namespace mode');
    expect(
      normaliseListener({ ...base, mode: 'namespace', routerId: router, trustedProxies: ['127.0.0.1', 'fd00::/8'] })
        .trustedProxies,
    ).toHaveLength(2);
  });

  it('needs an instance in instance mode', () => {
    expect(errorOf({ mode: 'instance' }).details).toEqual({ field: 'instance' });
    expect(
      errorOf({ mode: 'instance', instance: { kind: 'address', ip: '10.0.0.300', routerId: router } }).details,
    ).toEqual({ field: 'instance.ip' });
    expect(errorOf({ mode: 'instance', instance: { kind: 'address', ip: '10.0.0.10' } }).message).toContain('required');
    const config = normaliseListener({
      ...base,
      mode: 'instance',
      instance: { kind: 'instance', instanceId: '11111111-1111-1111-1111-111111111111', projectId: 'abc' },
    });
    expect(config.instance).toEqual({
      kind: 'instance',
      instanceId: '11111111-1111-1111-1111-111111111111',
      projectId: 'abc',
    });
  });

  it('offers a unix socket in agent mode only, at an absolute path', () => {
    expect(errorOf({ mode: 'namespace', routerId: router, socketPath: '/tmp/x.sock' }).message).toContain('agent mode');
    expect(errorOf({ socketPath: 'relative.sock' }).message).toContain('not absolute');
    expect(normaliseListener({ ...base, socketPath: '/tmp/x.sock' }).socketPath).toBe('/tmp/x.sock');
  });

  it('rejects limits out of range and a headers timeout above the request timeout', () => {
    expect(errorOf({ limits: { maxHeaderBytes: 10 } }).details).toEqual({ field: 'limits.maxHeaderBytes' });
    expect(errorOf({ limits: { headersTimeoutMs: 5000, requestTimeoutMs: 1000 } }).message).toContain(
      'headers timeout',
    );
    expect(errorOf({ port: 70000 }).details).toEqual({ field: 'port' });
  });
});
