import { describe, expect, it } from 'vitest';
import type { ListenerConfig, ProxyLogEntry } from '@shared/models/proxy';
import {
  clockTime,
  curlFor,
  latencyText,
  rateLimitText,
  scopeSegments,
  statusColor,
  tryCommand,
} from './listener-text';

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
    // The same format with the day in front, where there is room.
    expect(clockTime('2026-01-01T10:11:12.013Z', true)).toMatch(/^2026-01-0[12] \d\d:11:12\.013$/);
  });

  it('says whom each mode answers for, naming its resources', () => {
    expect(scopeSegments({ ...base, mode: 'namespace', routerId: 'r1' })).toEqual([
      'Caller address on ',
      'router ',
      { kind: 'router', id: 'r1' },
    ]);
    expect(
      scopeSegments({ ...base, mode: 'instance', instance: { kind: 'address', ip: '10.0.0.10', networkId: 'n1' } }),
    ).toEqual(['Address 10.0.0.10 on ', 'network ', { kind: 'network', id: 'n1' }]);
    expect(
      scopeSegments({ ...base, mode: 'instance', instance: { kind: 'instance', instanceId: 'i1', projectId: 'p1' } }),
    ).toEqual(['Instance ', { kind: 'server', id: 'i1' }, ' in project ', { kind: 'project', id: 'p1' }]);
    expect(scopeSegments({ ...base, mode: 'agent', backend: 'ovn' })).toEqual([
      'X-Forwarded-For within X-OVN-Network-ID',
    ]);
  });

  it('copies a curl that sends a logged request again, as the listener needs it', () => {
    const entry: ProxyLogEntry = {
      seq: 1,
      listenerId: 'l',
      time: '2026-01-01T10:11:12.013Z',
      source: '10.0.0.10',
      peer: '127.0.0.1',
      method: 'GET',
      path: "/openstack/latest/meta_data.json?q=it's",
      routerId: 'r1',
      status: 200,
      latencyMs: 3,
      hasTrace: true,
    };
    const token = 'http://127.0.0.1:9000/slt-abc';
    // Instance mode: the token is in the listener's URL, the log's redacted token segment is dropped.
    expect(curlFor({ ...base, mode: 'instance' }, token, { ...entry, path: '/slt-\u2026/openstack' })).toBe(
      "curl -sS 'http://127.0.0.1:9000/slt-abc/openstack'",
    );
    // Namespace behind a trusted upstream: the instance address travels in X-Forwarded-For; quotes survive.
    expect(curlFor({ ...base, mode: 'namespace', routerId: 'r1' }, 'http://127.0.0.1:9', entry)).toBe(
      "curl -sS -H 'X-Forwarded-For: 10.0.0.10' 'http://127.0.0.1:9/openstack/latest/meta_data.json?q=it'\\''s'",
    );
    // Namespace, the caller was the instance: nothing to add.
    expect(curlFor({ ...base, mode: 'namespace' }, 'http://127.0.0.1:9', { ...entry, peer: '10.0.0.10' })).toBe(
      "curl -sS 'http://127.0.0.1:9/openstack/latest/meta_data.json?q=it'\\''s'",
    );
    // Agent socket: the headers haproxy sets, over the socket; a POST keeps its method.
    expect(curlFor({ ...base, mode: 'agent' }, 'unix:/tmp/m.sock', { ...entry, method: 'POST', path: '/x' })).toBe(
      "curl -sS -X POST -H 'X-Forwarded-For: 10.0.0.10' -H 'X-Neutron-Router-ID: r1' --unix-socket '/tmp/m.sock' 'http://localhost/x'",
    );
    expect(
      curlFor({ ...base, mode: 'agent', backend: 'ovn' }, 'http://h', {
        ...entry,
        routerId: undefined,
        networkId: 'n1',
      }),
    ).toContain("-H 'X-OVN-Network-ID: n1'");
    expect(curlFor({ ...base, mode: 'instance' }, undefined, entry)).toBeNull();
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
