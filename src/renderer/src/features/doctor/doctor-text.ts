/** Pure helpers for the doctor's views: colours, labels, filtering and sorting of fleet rows. */
import type { FleetRow, Severity, Symptom, Verdict } from '@shared/models/doctor';

export const SEVERITY_COLOR: Record<Severity, string> = {
  blocking: 'red',
  warning: 'orange',
  info: 'blue',
  ok: 'green',
};
export const VERDICT_COLOR: Record<Verdict, string> = { blocking: 'red', warning: 'orange', ok: 'green' };

export const VERDICT_LABEL: Record<Verdict, string> = {
  blocking: 'Blocked',
  warning: 'Warning',
  // Never "healthy": only what the API shows was checked.
  ok: 'Passes API checks',
};

export const SYMPTOM_LABEL: Record<Symptom, string> = {
  timeout: 'curl times out',
  refused: 'connection refused',
  'http-503': 'HTTP 503',
  'http-500': 'HTTP 500',
  'http-404': 'HTTP 404',
  'http-403': 'HTTP 403',
  'http-400': 'HTTP 400',
  ok: 'it works (200)',
};

export type FleetSort = 'verdict' | 'name' | 'project';

const VERDICT_RANK: Record<Verdict, number> = { blocking: 0, warning: 1, ok: 2 };

/** Rows matching the verdict filter and the text (name, id, project or top finding), sorted. */
export function filterRows(
  rows: readonly FleetRow[],
  opts: { verdicts: readonly Verdict[]; text: string; sort: FleetSort; projectName?: (id: string) => string },
): FleetRow[] {
  const q = opts.text.trim().toLowerCase();
  const name = opts.projectName ?? ((id: string) => id);
  const kept = rows.filter(
    (r) =>
      opts.verdicts.includes(r.verdict) &&
      (!q || [r.name, r.instanceId, name(r.projectId), r.top?.title ?? ''].some((s) => s.toLowerCase().includes(q))),
  );
  const byName = (a: FleetRow, b: FleetRow) => a.name.localeCompare(b.name) || a.instanceId.localeCompare(b.instanceId);
  const cmp: Record<FleetSort, (a: FleetRow, b: FleetRow) => number> = {
    verdict: (a, b) => VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] || byName(a, b),
    name: byName,
    project: (a, b) => name(a.projectId).localeCompare(name(b.projectId)) || byName(a, b),
  };
  return [...kept].sort(cmp[opts.sort]);
}

/** "3 blocked, 1 warning, 12 passing API checks". */
export function verdictSummary(rows: readonly FleetRow[]): string {
  const n = (v: Verdict) => rows.filter((r) => r.verdict === v).length;
  return `${n('blocking')} blocked, ${n('warning')} with warnings, ${n('ok')} passing the API checks`;
}
