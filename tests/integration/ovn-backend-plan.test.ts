/**
 * Backend detection and the paths panel's plan against both real labs: the OVN lab's Neutron is
 * detected as ML2/OVN and alpha-vm1's one path is the ovnmeta- network path, resolved on the OVN
 * path to alpha-vm1; the control-plane lab is not detected as OVN; an override wins.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { KeystoneSession } from '../../src/main/openstack/keystone-session';
import { detectBackend } from '../../src/main/metadata/backend-detect';
import { planInstanceLookup } from '../../src/main/metadata/lookup-plan';
import { resolvePlan } from '../../src/main/metadata/instance-lookup';
import { createResolver } from '../../src/main/metadata/resolver';
import { lab, labIt, labSession } from './lab';
import { describeOvnLab, ovnSession, type OvnLab } from './ovn-lab';

describeOvnLab('backend detection and OVN paths in the plan', (ovn: OvnLab) => {
  let session: KeystoneSession;
  beforeAll(async () => {
    session = await ovnSession(ovn);
  });
  afterAll(() => session?.close());

  it('the OVN lab is ML2/OVN (OVN agents, network:distributed ports), with its evidence', async () => {
    const b = await detectBackend(session.client());
    expect(b).toMatchObject({ detected: 'ovn', effective: 'ovn', override: 'auto' });
    expect(b.evidence.join(' ')).toMatch(/OVN Metadata agent.*network:distributed/s);
  });

  it('alpha-vm1: one path, the ovnmeta- network path via the metadata port, landing on it', async () => {
    const vm = ovn.instances['alpha-vm1'];
    const plan = await planInstanceLookup(session.client(), 'ovn-admin', vm.id, 'cloud');
    expect(plan.backend?.effective).toBe('ovn');
    expect(plan.paths).toEqual([expect.objectContaining({ kind: 'network', ip: vm.ip, networkId: vm.networkId })]);
    expect(plan.paths[0].why).toContain('10.0.0.2');
    expect(plan.notes.join(' ')).toContain('ovnmeta-');
    const [r] = await resolvePlan(plan, createResolver({ client: session.client(), visibility: 'cloud' }));
    expect(r.trace.path).toBe('ovn');
    expect(r.landsOnInstance).toBe(true);
  });

  it('an override in the settings wins over the detection', async () => {
    const plan = await planInstanceLookup(
      session.client(),
      'ovn-admin',
      ovn.instances['alpha-vm1'].id,
      'cloud',
      'ml2-ovs',
    );
    expect(plan.backend).toMatchObject({ detected: 'ovn', effective: 'ml2-ovs', override: 'ml2-ovs' });
    expect(plan.paths.some((p) => p.kind === 'router')).toBe(true);
  });

  labIt(['keystone', 'neutron'])('the control-plane lab is not detected as OVN', async () => {
    const s = await labSession(lab!, 'admin');
    try {
      const b = await detectBackend(s.client());
      expect(b.detected).not.toBe('ovn');
      expect(b.effective).toBe('ml2-ovs');
    } finally {
      await s.close();
    }
  });
});
