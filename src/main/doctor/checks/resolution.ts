/**
 * What neutron-metadata-agent's lookup does with each path the instance uses (the resolver, run
 * live or over the fetched ports): lands on this instance, lands elsewhere, ambiguous (the same IP
 * on two networks of one router), nothing found, or refused.
 */
import type { Finding } from '@shared/models/doctor';
import type { ResolveTrace } from '@shared/models/metadata';
import type { ServedPath } from '../served-paths';
import { finding, pathKey, usedPaths, type DoctorCheck, type InstanceContext } from './types';

function via(p: ServedPath): string {
  return p.kind === 'router' ? `router ${p.routerName ?? p.routerId}` : `network ${p.networkName ?? p.networkId}`;
}

function resolutionFinding(ctx: InstanceContext, p: ServedPath, t: ResolveTrace): Finding {
  const o = t.outcome;
  const call =
    t.steps
      .filter((s) => s.request)
      .map((s) => s.request)
      .at(-1) ?? `resolve ${p.ip} via ${via(p)}`;
  const base = {
    area: 'resolution' as const,
    path: p,
    portId: p.portId,
    checked: `The agent's lookup of ${p.ip} via ${via(p)} (X-Neutron-${p.kind === 'router' ? 'Router' : 'Network'}-ID).`,
  };
  const member = t.visibility === 'project' ? ' (seen from one project; the agent sees all)' : '';
  switch (o.kind) {
    case 'resolved':
      if (o.instanceId === ctx.instanceId) {
        return finding({
          ...base,
          check: 'resolution.lands',
          severity: 'ok',
          title: `The agent's lookup of ${p.ip} via ${via(p)} lands on this instance${member}`,
          evidence: [{ call, fields: { port: o.portId, device_id: o.instanceId, project_id: o.projectId } }],
        });
      }
      return finding({
        ...base,
        check: 'resolution.elsewhere',
        severity: 'blocking',
        title: `The agent's lookup of ${p.ip} via ${via(p)} lands on another device: ${o.instanceId}`,
        evidence: [{ call, fields: { port: o.portId, device_id: o.instanceId, device_owner: o.deviceOwner } }],
        instanceSees: "It gets another device's metadata, or nova's 404.",
        fix: `openstack port show ${o.portId}`,
      });
    case 'not-found': {
      const several = o.why === 'several-ports';
      return finding({
        ...base,
        check: several ? 'resolution.ambiguous' : 'resolution.not-found',
        severity: 'blocking',
        title: several
          ? `${p.ip} is on ${o.portCount} ports behind ${via(p)}: the agent cannot choose`
          : `The agent finds no port for ${p.ip} via ${via(p)}${member}`,
        evidence: [{ call, fields: { ports: o.portIds.join(',') || null, count: o.portCount } }],
        instanceSees: 'HTTP 404 from the agent (no instance to ask nova for).',
        fix: several
          ? `openstack port list --fixed-ip ip-address=${p.ip}   # give one of them another address, or detach the router from one network`
          : undefined,
      });
    }
    case 'refused':
      return finding({
        ...base,
        check: 'resolution.refused',
        severity: 'blocking',
        title: `The lookup via ${via(p)} cannot work: ${o.reason}`,
        evidence: [{ call, fields: { code: o.code ?? null } }],
        instanceSees: o.agentBehaviour,
      });
    case 'error':
      return finding({
        ...base,
        check: 'resolution.error',
        severity: 'info',
        notChecked: 'api-error',
        title: `The lookup via ${via(p)} could not be checked: ${o.message}`,
        evidence: [{ call, fields: { code: o.code } }],
      });
  }
}

export const resolutionCheck: DoctorCheck = {
  id: 'resolution',
  backend: 'any',
  run(ctx) {
    const missing = ctx.idx.data.missing.resolution;
    if (!ctx.resolutions || missing) {
      return [
        finding({
          check: 'resolution.not-checked',
          area: 'resolution',
          severity: 'info',
          notChecked: missing?.reason ?? 'api-error',
          title: "The agent's lookup was not checked",
          checked: missing?.detail ?? 'The resolver did not run.',
        }),
      ];
    }
    return usedPaths(ctx).flatMap((p) => {
      const t = ctx.resolutions?.get(pathKey(p));
      return t ? [resolutionFinding(ctx, p, t)] : [];
    });
  },
};
