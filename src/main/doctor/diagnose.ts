/**
 * One instance's diagnosis from the fetched data: which paths serve each port (the shared model),
 * the backend's checks and the common ones, findings sorted most severe first, the verdict, the
 * below-the-API suspects and plainly what could not be checked.
 */
import {
  SEVERITY_ORDER,
  type Backend,
  type CheckArea,
  type Diagnosis,
  type Finding,
  type Symptom,
  type Verdict,
} from '@shared/models/doctor';
import type { DoctorIndex, DoctorPort } from './doctor-data';
import { backendDoctor } from './checks';
import { commonChecks } from './checks';
import type { InstanceContext, NovaProbe } from './checks/types';
import { ovnServedPaths, servedPaths, type PortPaths } from './served-paths';
import type { ResolveTrace } from '@shared/models/metadata';

const AREA_ORDER: CheckArea[] = [
  'port',
  'paths',
  'security-groups',
  'agents',
  'resolution',
  'nova',
  'server',
  'below-api',
  'access',
];

/** The paths serving one port, from the index (the same function the metadata page uses). */
export function portPathsFor(idx: DoctorIndex, port: DoctorPort, backend?: Backend): PortPaths {
  if (backend === 'ovn') {
    const md = idx.data.ports.filter((p) => p.networkId === port.networkId && p.deviceOwner === 'network:distributed');
    const named = { ...port, networkName: idx.network.get(port.networkId)?.name };
    return ovnServedPaths(
      named,
      idx.subnetsByNetwork.get(port.networkId) ?? [],
      md.flatMap((m) => m.fixedIps),
    );
  }
  return servedPaths({
    port: { ...port, networkName: idx.network.get(port.networkId)?.name },
    subnets: idx.subnetsByNetwork.get(port.networkId) ?? [],
    interfaces: idx.interfacesByNetwork.get(port.networkId) ?? [],
    dhcpPorts: idx.dhcpPortsByNetwork.get(port.networkId) ?? [],
    routerName: (id) => idx.router.get(id)?.name || undefined,
  });
}

/** The context before resolution and nova (both need the used paths first). */
export function instanceContext(
  idx: DoctorIndex,
  instanceId: string,
  symptom?: Symptom,
  backend?: Backend,
): InstanceContext {
  const ports = (idx.portsByDevice.get(instanceId) ?? []).filter(
    (p) => p.deviceOwner.startsWith('compute:') || p.deviceOwner === '',
  );
  return {
    idx,
    instanceId,
    server: idx.server.get(instanceId),
    ports,
    portPaths: new Map(ports.map((p) => [p.id, portPathsFor(idx, p, backend)])),
    nova: { kind: 'skipped', reason: 'api-error', detail: 'Not asked yet.' },
    symptom,
  };
}

/** A warning whose effect is what the instance reports becomes blocking; `confirms` stays internal. */
export function confirmBySymptom(findings: Array<Finding & { confirms?: Symptom[] }>, symptom?: Symptom): Finding[] {
  return findings.map(({ confirms, ...f }) =>
    symptom && f.severity === 'warning' && confirms?.includes(symptom)
      ? {
          ...f,
          severity: 'blocking' as const,
          checked: `${f.checked} The instance reports ${symptom}, which this explains.`,
        }
      : f,
  );
}

export function sortFindings(findings: Finding[]): Finding[] {
  const sev = (f: Finding) => SEVERITY_ORDER.indexOf(f.severity);
  const area = (f: Finding) => AREA_ORDER.indexOf(f.area);
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => sev(a.f) - sev(b.f) || area(a.f) - area(b.f) || a.i - b.i)
    .map((x) => x.f);
}

export function verdictOf(findings: Finding[]): Verdict {
  if (findings.some((f) => f.severity === 'blocking')) return 'blocking';
  if (findings.some((f) => f.severity === 'warning')) return 'warning';
  return 'ok';
}

export interface DiagnoseMeta {
  backend: Backend;
  resolutions?: Map<string, ResolveTrace>;
  nova: NovaProbe;
  apiCalls: number;
  durationMs: number;
  now?: Date;
}

/** Runs every check of the backend on a prepared context. */
export function diagnose(ctx: InstanceContext, meta: DiagnoseMeta): Diagnosis {
  const full: InstanceContext = { ...ctx, resolutions: meta.resolutions, nova: meta.nova };
  const doctor = backendDoctor(meta.backend);
  const raw = confirmBySymptom(
    [...doctor.checks, ...commonChecks].flatMap((c) => c.run(full)),
    ctx.symptom,
  );
  const suspects = doctor.suspects(full);
  const closing = doctor.closing(
    full,
    suspects,
    raw.some((f) => f.severity === 'blocking'),
  );
  const findings = sortFindings(closing ? [...raw, closing] : raw);
  const data = ctx.idx.data;
  const s = ctx.server;
  const notChecked = Object.values(data.missing).map((m) => m.detail);
  return {
    cloudId: data.cloudId,
    instance: {
      id: ctx.instanceId,
      ...(s
        ? { name: s.name, projectId: s.projectId, status: s.status, host: s.host, configDrive: s.configDrive }
        : {}),
    },
    verdict: verdictOf(findings),
    findings,
    paths: [...ctx.portPaths.values()].flatMap((pp) => pp.paths),
    suspects,
    notChecked,
    mode: data.mode,
    role: data.role,
    backend: meta.backend,
    ...(ctx.symptom ? { symptom: ctx.symptom } : {}),
    apiCalls: meta.apiCalls,
    durationMs: meta.durationMs,
    checkedAt: (meta.now ?? new Date()).toISOString(),
  };
}
