/**
 * The metadata doctor's answers: per instance, findings with evidence and the fix; per scope, one
 * row per instance. Secret-free (they cross IPC, go into CLI output and logs).
 */
import type { LookupPath } from './metadata';

/** blocking: the instance gets no metadata; warning: it works for now or only partly; info: worth knowing; ok: checked and fine. */
export type Severity = 'blocking' | 'warning' | 'info' | 'ok';

/** The order findings are listed in (most severe first). */
export const SEVERITY_ORDER: readonly Severity[] = ['blocking', 'warning', 'info', 'ok'];

/** Which part of the data path a finding is about. */
export type CheckArea =
  'paths' | 'agents' | 'port' | 'security-groups' | 'resolution' | 'nova' | 'server' | 'below-api' | 'access';

/** Which networking backend a check belongs to ('any' = not backend specific). */
export type Backend = 'any' | 'ml2-ovs' | 'ovn';

/** Why a check could not run. */
export type NotCheckedReason =
  /** Opened from a snapshot: live calls are not made. */
  | 'offline'
  /** The session's role cannot see it (agents, bindings, other projects). */
  | 'role'
  /** No metadata shared secret stored for the cloud: nova cannot be asked as the agent would. */
  | 'no-secret'
  /** The API does not show it at all (agent config options, processes, namespaces). */
  | 'api-invisible'
  /** The API call failed. */
  | 'api-error';

/** One API call and the fields of its answer that decided a finding. */
export interface Evidence {
  /** e.g. `GET /v2.0/routers/<id>/l3-agents`. */
  call: string;
  fields: Record<string, string | number | boolean | null>;
}

export interface Finding {
  /** Stable id of the check, e.g. `l3.interface`, `agents.metadata-stale` (tests and filters use it). */
  check: string;
  severity: Severity;
  area: CheckArea;
  backend: Backend;
  /** One line: what is wrong (or fine). */
  title: string;
  /** What was checked, in the admin's terms. */
  checked: string;
  evidence: Evidence[];
  /** What the instance experiences because of it, e.g. "curl to 169.254.169.254 times out". */
  instanceSees?: string;
  /** The fix: an exact `openstack ...` command or a config line. */
  fix?: string;
  /** Set when the check could not run: then the severity says how much that matters. */
  notChecked?: NotCheckedReason;
  /** The port (and path) the finding is about, when it is about one. */
  portId?: string;
  path?: Pick<LookupPath, 'kind' | 'routerId' | 'networkId' | 'ip'>;
}

/** What an instance reports when it asks 169.254.169.254 (curl / cloud-init), if the admin knows it. */
export type Symptom = 'timeout' | 'refused' | 'http-503' | 'http-500' | 'http-404' | 'http-403' | 'http-400' | 'ok';

export const SYMPTOMS: readonly Symptom[] = [
  'timeout',
  'refused',
  'http-503',
  'http-500',
  'http-404',
  'http-403',
  'http-400',
  'ok',
];

/** Something below the API that can break the path: where it lives and how to look at it. */
export interface Suspect {
  /** Stable id, e.g. `haproxy-router`, `metadata-agent`, `agent-secret`, `isolated-metadata`. */
  id: string;
  title: string;
  /** The host to log in to (an agent's host), when known. */
  host?: string;
  /** The network namespace, e.g. qrouter-<id>. */
  namespace?: string;
  /** Commands to run there. */
  commands: string[];
  /** What the instance sees when this is the cause. */
  symptoms: Symptom[];
}

/** The verdict of one instance: blocked (no metadata), degraded (warnings), or passing what was checked. */
export type Verdict = 'blocking' | 'warning' | 'ok';

/** One instance's diagnosis. */
export interface Diagnosis {
  cloudId: string;
  instance: { id: string; name?: string; projectId?: string; status?: string; host?: string; configDrive?: boolean };
  verdict: Verdict;
  /** Most severe first. */
  findings: Finding[];
  /** Which paths serve each port (the same model as the metadata page's path list). */
  paths: LookupPath[];
  /** Below-the-API suspects for the path the instance uses, most likely first. */
  suspects: Suspect[];
  /** Plain sentences: what could not be checked and why. */
  notChecked: string[];
  mode: 'live' | 'offline';
  role: 'admin' | 'member';
  backend: Backend;
  /** The symptom the diagnosis was asked with, if any. */
  symptom?: Symptom;
  apiCalls: number;
  durationMs: number;
  checkedAt: string;
}

/** One instance in the fleet view. */
export interface FleetRow {
  instanceId: string;
  name: string;
  projectId: string;
  status: string;
  verdict: Verdict;
  top: Pick<Finding, 'check' | 'severity' | 'title'> | null;
  counts: Record<Severity, number>;
}

/** The "Metadata health" page and `stacklens doctor --project/--all`. */
export interface FleetReport {
  cloudId: string;
  rows: FleetRow[];
  /** Project id -> name, when Keystone told. */
  projects?: Array<{ id: string; name: string }>;
  /** Findings true of the whole scope (nova's secret / proxy mode, agents down...). */
  scopeFindings: Finding[];
  notChecked: string[];
  mode: 'live' | 'offline';
  role: 'admin' | 'member';
  backend: Backend;
  apiCalls: number;
  callsByResource: Record<string, number>;
  durationMs: number;
  checkedAt: string;
}
