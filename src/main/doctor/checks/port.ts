/**
 * The instance's ports as Neutron reports them: admin state, status, binding (vif_type, host
 * against the server's host). A port that is down or unbound carries no packet at all.
 */
import type { Finding } from '@shared/models/doctor';
import type { DoctorPort } from '../doctor-data';
import { finding, type DoctorCheck, type InstanceContext } from './types';

const portCall = (instanceId: string) => `GET /v2.0/ports?device_id=${instanceId}`;

function portFields(p: DoctorPort): Record<string, string | boolean | null> {
  return {
    id: p.id,
    admin_state_up: p.adminStateUp,
    status: p.status,
    'binding:vif_type': p.vifType ?? null,
    'binding:host_id': p.bindingHost ?? null,
  };
}

function checkPort(ctx: InstanceContext, p: DoctorPort): Finding {
  const base = {
    area: 'port' as const,
    portId: p.id,
    checked: `Port ${p.id}: admin state, status and binding.`,
    evidence: [{ call: portCall(ctx.instanceId), fields: portFields(p) }],
  };
  const serverHost = ctx.server?.host;
  if (!p.adminStateUp) {
    return finding({
      ...base,
      check: 'port.admin-down',
      severity: 'blocking',
      title: `Port ${p.id} is administratively down`,
      instanceSees: 'No packet leaves the interface: curl to 169.254.169.254 times out.',
      fix: `openstack port set --enable ${p.id}`,
    });
  }
  if (p.vifType === 'binding_failed') {
    const host = p.bindingHost || serverHost || '<host>';
    return finding({
      ...base,
      check: 'port.binding-failed',
      severity: 'blocking',
      title: `Port ${p.id} failed to bind on ${host}`,
      instanceSees: 'The interface is not plugged into the network: curl to 169.254.169.254 times out.',
      fix: `openstack network agent list --host ${host}   # an L2 agent must be alive there; then retry: openstack port set --host ${host} ${p.id}`,
    });
  }
  if (p.vifType === 'unbound' || (p.vifType !== undefined && !p.bindingHost)) {
    return finding({
      ...base,
      check: 'port.unbound',
      severity: 'blocking',
      title: `Port ${p.id} is not bound to any host`,
      instanceSees:
        'No hypervisor plugged this port: the instance has no network on it, curl to 169.254.169.254 times out.',
      fix: serverHost
        ? `openstack port set --host ${serverHost} ${p.id}`
        : `openstack port show ${p.id} -c binding_host_id -c binding_vif_type`,
    });
  }
  if (p.status !== 'ACTIVE') {
    return finding({
      ...base,
      check: 'port.not-active',
      severity: 'warning',
      title: `Port ${p.id} is ${p.status || 'in no state'}, not ACTIVE`,
      instanceSees: 'The L2 agent has not reported the device up: traffic may not flow yet.',
      fix: `openstack network agent list --host ${p.bindingHost || serverHost || '<host>'} --agent-type linux-bridge   # or open-vswitch: is it alive?`,
    });
  }
  if (p.bindingHost && serverHost && p.bindingHost !== serverHost) {
    return finding({
      ...base,
      check: 'port.host-mismatch',
      severity: 'warning',
      title: `Port ${p.id} is bound to ${p.bindingHost} but nova runs the instance on ${serverHost}`,
      evidence: [
        ...base.evidence,
        { call: `GET /servers/${ctx.instanceId}`, fields: { 'OS-EXT-SRV-ATTR:host': serverHost } },
      ],
      instanceSees:
        'Packets are wired on the wrong hypervisor (typical after a failed migration): metadata may time out.',
      fix: `openstack port set --host ${serverHost} ${p.id}`,
    });
  }
  const unknown = p.vifType === undefined;
  return finding({
    ...base,
    check: 'port.ok',
    severity: 'ok',
    title: unknown
      ? `Port ${p.id} is up and ${p.status} (binding not visible)`
      : `Port ${p.id} is up, ACTIVE, bound to ${p.bindingHost} (${p.vifType})`,
  });
}

export const portCheck: DoctorCheck = {
  id: 'port',
  backend: 'any',
  run(ctx) {
    if (ctx.ports.length === 0) {
      const member = ctx.idx.data.role === 'member';
      return [
        finding({
          check: 'port.none',
          area: 'port',
          severity: ctx.server?.configDrive ? 'warning' : 'blocking',
          title: `No port has device_id ${ctx.instanceId}${member ? ' in this project' : ''}`,
          checked: "The instance's ports.",
          evidence: [{ call: portCall(ctx.instanceId), fields: { count: 0 } }],
          instanceSees: ctx.server?.configDrive
            ? 'No network: only the config drive gives it metadata.'
            : 'No network interface: no metadata at all.',
          fix: `openstack port list --device-id ${ctx.instanceId}`,
        }),
      ];
    }
    const out = ctx.ports.map((p) => checkPort(ctx, p));
    const missing = ctx.idx.data.missing.bindings;
    if (missing) {
      out.push(
        finding({
          check: 'port.binding-not-checked',
          area: 'port',
          severity: 'info',
          notChecked: missing.reason,
          title: 'Port bindings (host, vif_type) were not checked',
          checked: missing.detail,
        }),
      );
    }
    return out;
  },
};
