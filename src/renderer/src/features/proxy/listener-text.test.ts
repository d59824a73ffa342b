import { describe, expect, it } from 'vitest';
import type { ListenerConfig } from '@shared/models/proxy';
import { clockTime, latencyText, rateLimitText, scopeText, statusColor, tryCommand } from './listener-text';

const base = {
  id: 'l',
  name: 'n',
  cloudId: 'c',
  host: '127.0.0.1',
  port: null,
  allowNonLoopback: false,
  trustedProxies: [],
  useCache: false,
} as unknown as ListenerConfig;

describe('listener text', () => {
  it('colours statuses by class, 429 on its own', () => {
    expect([200, 404, 429, 503].map(statusColor)).toEqual(['green', 'yellow', 'orange', 'red']);
  });

  it('formats latency and clock time', () => {
    expect(latencyText(0.4)).toBe('<1 ms');
    expect(latencyText(12.4)).toBe('12 ms');
    expect(latencyText(1530)).toBe('1.5 s');
    expect(clockTime('2026-01-01T10:11:12.013Z')).toMatch(/^\d\d:11:12\.013$/);
  });

  it('says whom each mode answers for', () => {
    expect(scopeText({ ...base, mode: 'namespace', routerId: 'r1' })).toBe('Caller address on router r1');
    expect(
      scopeText({ ...base, mode: 'instance', instance: { kind: 'address', ip: '10.0.0.10', networkId: 'n1' } }),
    ).toBe('Address 10.0.0.10 on network n1');
  });

  it('offers a curl command per mode and transport', () => {
    expect(tryCommand({ ...base, mode: 'instance' }, 'http://127.0.0.1:9000')).toBe(
      'curl http://127.0.0.1:9000/openstack/latest/meta_data.json',
    );
    expect(tryCommand({ ...base, mode: 'agent' }, 'unix:/tmp/m.sock')).toContain('--unix-socket /tmp/m.sock');
    expect(tryCommand({ ...base, mode: 'agent' }, undefined)).toBeNull();
    expect(tryCommand({ ...base, mode: 'namespace', trustedProxies: ['127.0.0.1'] }, 'http://127.0.0.1:9')).toBe(
      "curl -H 'X-Forwarded-For: <instance IP>' http://127.0.0.1:9/openstack/latest/meta_data.json",
    );
  });

  it('shows the rate limit with its burst only when it differs', () => {
    const rl = (burstLimit: number) =>
      ({
        ...base,
        mode: 'agent',
        rateLimit: { enabled: true, baseLimit: 10, baseWindowSeconds: 10, burstLimit, burstWindowSeconds: 10 },
      }) as ListenerConfig;
    expect(rateLimitText(rl(10))).toBe('Rate limit 10/10 s');
    expect(rateLimitText(rl(50))).toBe('Rate limit 10/10 s, burst 50/10 s');
  });
});
