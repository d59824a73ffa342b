/**
 * The doctor end to end, shared by the app's IPC service and the CLI: gather, resolve the paths
 * the instance uses with the existing resolver (live for one instance, over the fetched ports for a
 * fleet or a snapshot), ask nova, run the checks.
 */
import type { Backend, Diagnosis, Finding, FleetReport, FleetRow, Severity, Symptom } from '@shared/models/doctor';
import type { ResolveTrace } from '@shared/models/metadata';
import type { TopologySnapshot } from '@shared/models/topology';
import { createResolver, type Resolver } from '../metadata/resolver';
import { pathKey, usedPaths, type InstanceContext, type NovaProbe } from './checks/types';
import { diagnose, instanceContext } from './diagnose';
import { indexData, type DoctorData, type DoctorIndex } from './doctor-data';
import { dataFromSnapshot, gatherFleet, gatherInstance, type GatherSession } from './gather';
import { memoryNeutron } from './memory-neutron';
import { probeNova, type NovaAccess } from './nova-probe';
import { visibilityFor } from '../sessions/access';

/** ML2/OVS unless the agents say OVN (an OVN deployment has no L3/DHCP agents). */
export function detectBackend(data: DoctorData): Backend {
  if (data.agents.some((a) => /ovn/i.test(a.type) || /ovn/i.test(a.binary))) return 'ovn';
  return 'ml2-ovs';
}

async function resolveUsed(
  ctx: InstanceContext,
  resolver: Resolver,
  backend: Backend = 'ml2-ovs',
): Promise<Map<string, ResolveTrace>> {
  const out = new Map<string, ResolveTrace>();
  for (const p of usedPaths(ctx)) {
    const key = pathKey(p);
    if (out.has(key)) continue;
    out.set(
      key,
      await resolver.resolve(
        backend === 'ovn'
          ? { ip: p.ip, ovnNetworkId: p.networkId }
          : { ip: p.ip, ...(p.kind === 'router' ? { routerId: p.routerId } : { networkId: p.networkId }) },
        { skipCache: true },
      ),
    );
  }
  return out;
}

function whoFor(ctx: InstanceContext): { instanceId: string; projectId: string; ip: string } {
  const port = ctx.ports[0];
  return {
    instanceId: ctx.instanceId,
    projectId: ctx.server?.projectId ?? port?.projectId ?? '',
    ip: port?.fixedIps[0]?.ip ?? '0.0.0.0',
  };
}

export interface DiagnoseOptions {
  nova: NovaAccess;
  symptom?: Symptom;
}

/** One instance, live: targeted calls, the live resolver, nova signed. */
export async function diagnoseLive(
  session: GatherSession,
  instanceId: string,
  options: DiagnoseOptions,
): Promise<Diagnosis> {
  const t0 = performance.now();
  const calls0 = session.client.stats.calls;
  const { data } = await gatherInstance(session, instanceId);
  const idx = indexData(data);
  const backend = detectBackend(data);
  const ctx = instanceContext(idx, instanceId, options.symptom, backend);
  const resolver = createResolver({ client: session.client, visibility: visibilityFor(session.isAdmin) });
  const [resolutions, nova] = await Promise.all([
    resolveUsed(ctx, resolver, backend),
    ctx.ports.length > 0
      ? probeNova(options.nova, whoFor(ctx))
      : Promise.resolve<NovaProbe>({
          kind: 'skipped',
          reason: 'api-error',
          detail: 'The instance has no port: nova was not asked.',
        }),
  ]);
  return diagnose(ctx, {
    backend,
    resolutions,
    nova,
    apiCalls: session.client.stats.calls - calls0,
    durationMs: Math.round(performance.now() - t0),
  });
}

const topOf = (d: Diagnosis): FleetRow['top'] => {
  const f = d.findings.find((x) => x.severity !== 'ok') ?? d.findings[0];
  return f ? { check: f.check, severity: f.severity, title: f.title } : null;
};

function rowOf(d: Diagnosis): FleetRow {
  const counts: Record<Severity, number> = { blocking: 0, warning: 0, info: 0, ok: 0 };
  for (const f of d.findings) counts[f.severity] += 1;
  return {
    instanceId: d.instance.id,
    name: d.instance.name ?? '',
    projectId: d.instance.projectId ?? '',
    status: d.instance.status ?? '',
    verdict: d.verdict,
    top: topOf(d),
    counts,
  };
}

/** The instances of a data set: Nova's servers, else the devices of compute ports. */
export function instanceIds(data: DoctorData): string[] {
  if (data.servers.length > 0) return data.servers.map((s) => s.id);
  return [
    ...new Set(data.ports.filter((p) => p.deviceOwner.startsWith('compute:') && p.deviceId).map((p) => p.deviceId)),
  ];
}

export interface FleetOptions {
  nova: NovaAccess;
  apiCalls: number;
  callsByResource: Record<string, number>;
  t0: number;
}

/** Every instance of the data set; the resolver runs over the fetched ports, nova is probed once. */
export async function diagnoseFleet(
  idx: DoctorIndex,
  options: FleetOptions,
): Promise<{ report: FleetReport; diagnoses: Map<string, Diagnosis> }> {
  const data = idx.data;
  const backend = detectBackend(data);
  const resolver = createResolver({
    client: memoryNeutron(data.ports),
    visibility: visibilityFor(data.role === 'admin'),
  });
  const ids = instanceIds(data);
  const contexts = ids.map((id) => instanceContext(idx, id, undefined, backend));
  const sample =
    contexts.find((c) => c.ports.length > 0 && c.server?.status === 'ACTIVE') ??
    contexts.find((c) => c.ports.length > 0);
  const probe: NovaProbe =
    data.mode === 'offline' && data.missing.nova
      ? { kind: 'skipped', reason: 'offline', detail: data.missing.nova.detail }
      : sample
        ? await probeNova(options.nova, whoFor(sample))
        : { kind: 'skipped', reason: 'api-error', detail: 'No instance with a port to ask nova for.' };
  const cloudWide = probe.kind === 'answer' && [400, 403].includes(probe.status);
  const perInstance: NovaProbe =
    cloudWide || probe.kind !== 'answer'
      ? probe
      : {
          kind: 'skipped',
          reason: 'api-error',
          detail: `nova-api-metadata was asked once for the scope (instance ${sample?.instanceId}: ${probe.status}); open the instance's diagnosis for its own answer.`,
        };
  const diagnoses = new Map<string, Diagnosis>();
  for (const ctx of contexts) {
    const resolutions = await resolveUsed(ctx, resolver);
    diagnoses.set(
      ctx.instanceId,
      diagnose(ctx, { backend, resolutions, nova: perInstance, apiCalls: 0, durationMs: 0 }),
    );
  }
  const scopeFindings: Finding[] = sample
    ? diagnose(sample, { backend, nova: probe, apiCalls: 0, durationMs: 0 }).findings.filter((f) => f.area === 'nova')
    : [];
  const order = { blocking: 0, warning: 1, ok: 2 } as const;
  const rows = [...diagnoses.values()]
    .map(rowOf)
    .sort((a, b) => order[a.verdict] - order[b.verdict] || a.name.localeCompare(b.name));
  const report: FleetReport = {
    cloudId: data.cloudId,
    rows,
    ...(data.projects ? { projects: data.projects } : {}),
    scopeFindings,
    notChecked: Object.values(data.missing).map((m) => m.detail),
    mode: data.mode,
    role: data.role,
    backend,
    apiCalls: options.apiCalls,
    callsByResource: options.callsByResource,
    durationMs: Math.round(performance.now() - options.t0),
    checkedAt: new Date().toISOString(),
  };
  return { report, diagnoses };
}

/** A live scope. */
export async function fleetLive(
  session: GatherSession,
  scope: { allProjects: boolean; projectId?: string },
  nova: NovaAccess,
) {
  const t0 = performance.now();
  const calls0 = session.client.stats.calls;
  const { data, counter } = await gatherFleet(session, scope);
  return diagnoseFleet(indexData(data), {
    nova,
    apiCalls: session.client.stats.calls - calls0,
    callsByResource: counter.byResource,
    t0,
  });
}

/** A snapshot: no call at all. */
export function fleetOffline(cloudId: string, snapshot: TopologySnapshot) {
  const t0 = performance.now();
  const data = dataFromSnapshot(cloudId, snapshot);
  return diagnoseFleet(indexData(data), {
    nova: { skipped: { kind: 'skipped', reason: 'offline', detail: 'Not checked offline: nova-api-metadata.' } },
    apiCalls: 0,
    callsByResource: {},
    t0,
  });
}
