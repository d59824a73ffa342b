import { describe, expect, it } from 'vitest';
import { classifyBackend, effectiveBackend } from './backend-detect';

describe('classifyBackend', () => {
  it.each([
    [{ agentTypes: ['OVN Controller agent', 'OVN Metadata agent'], distributedPorts: true, extensions: [] }, 'ovn'],
    [
      { agentTypes: ['L3 agent', 'DHCP agent', 'Metadata agent'], distributedPorts: false, extensions: ['router'] },
      'ml2-ovs',
    ],
    [{ agentTypes: ['OVN Controller agent', 'L3 agent'], distributedPorts: true, extensions: [] }, 'mixed'],
    [{ agentTypes: undefined, distributedPorts: true, extensions: [] }, 'ovn'],
    [{ agentTypes: undefined, distributedPorts: false, extensions: ['router'] }, 'unknown'],
    [{ agentTypes: [], distributedPorts: false, extensions: [] }, 'unknown'],
  ] as const)('%j -> %s', (evidence, expected) => {
    const r = classifyBackend({
      ...evidence,
      agentTypes: evidence.agentTypes ? [...evidence.agentTypes] : undefined,
      extensions: [...evidence.extensions],
    });
    expect(r.detected).toBe(expected);
    expect(r.evidence.length).toBeGreaterThan(0);
  });

  it('says when the agents are not visible', () => {
    expect(classifyBackend({ distributedPorts: false, extensions: [] }).evidence[0]).toContain('admins only');
  });
});

describe('effectiveBackend', () => {
  it('the override wins; mixed and unknown fall back to ML2/OVS', () => {
    expect(effectiveBackend('ml2-ovs', 'ovn')).toBe('ovn');
    expect(effectiveBackend('ovn', 'auto')).toBe('ovn');
    expect(effectiveBackend('mixed', 'auto')).toBe('ml2-ovs');
    expect(effectiveBackend('unknown', 'auto')).toBe('ml2-ovs');
  });
});
