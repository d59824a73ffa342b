/**
 * What every doctor check sees and returns. A check is a pure function of one instance's context
 * (the data is fetched once, before): checks are grouped per networking backend so another
 * backend (OVN) adds its own set without touching the ML2/OVS one.
 */
import type { Backend, CheckArea, Evidence, Finding, NotCheckedReason, Severity, Symptom } from '@shared/models/doctor';
import type { ResolveTrace } from '@shared/models/metadata';
import type { Server } from '@shared/models/topology';
import type { DoctorIndex, DoctorPort } from '../doctor-data';
import type { PortPaths, ServedPath } from '../served-paths';

/** nova-api-metadata asked as the agent would (signed with the stored secret), or why not. */
export type NovaProbe =
  | { kind: 'answer'; status: number; url: string; said?: string }
  | { kind: 'unreachable'; url: string; message: string }
  | { kind: 'skipped'; reason: NotCheckedReason; detail: string };

export interface InstanceContext {
  idx: DoctorIndex;
  instanceId: string;
  server: Server | undefined;
  ports: DoctorPort[];
  /** Port id -> the paths serving it (the shared model). */
  portPaths: Map<string, PortPaths>;
  /** pathKey(path) -> the resolver's trace; undefined when resolution could not run. */
  resolutions?: Map<string, ResolveTrace>;
  nova: NovaProbe;
  symptom?: Symptom;
}

/** A named check of one backend. */
export interface DoctorCheck {
  id: string;
  backend: Backend;
  run(ctx: InstanceContext): Finding[];
}

/** The key a path's resolution is stored under. */
export function pathKey(p: Pick<ServedPath, 'kind' | 'ip' | 'routerId' | 'networkId'>): string {
  return `${p.kind}|${p.ip}|${p.kind === 'router' ? p.routerId : p.networkId}`;
}

/** The paths the instance's packets really take (one per IPv4 address at most). */
export function usedPaths(ctx: InstanceContext): ServedPath[] {
  return [...ctx.portPaths.values()].flatMap((pp) => pp.paths.filter((p) => p.used));
}

export interface FindingInput {
  check: string;
  severity: Severity;
  area: CheckArea;
  backend?: Backend;
  title: string;
  checked: string;
  evidence?: Evidence[];
  instanceSees?: string;
  fix?: string;
  notChecked?: NotCheckedReason;
  portId?: string;
  path?: ServedPath;
  /** What the instance sees when this warning is the cause: a matching symptom makes it blocking. */
  confirms?: Symptom[];
}

/** Builds a Finding, trimming the path to what crosses IPC. */
export function finding(f: FindingInput): Finding & { confirms?: Symptom[] } {
  const { path, backend, evidence, ...rest } = f;
  return {
    ...rest,
    backend: backend ?? 'any',
    evidence: evidence ?? [],
    ...(path
      ? {
          path: {
            kind: path.kind,
            ip: path.ip,
            networkId: path.networkId,
            ...(path.routerId ? { routerId: path.routerId } : {}),
          },
        }
      : {}),
  };
}

/** A label for a resource: its name and id, or the id. */
export function label(name: string | undefined, id: string): string {
  return name ? `${name} (${id})` : id;
}
