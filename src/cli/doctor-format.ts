/** Text and -f/-c rows for the doctor's answers (the --json output is the raw Diagnosis / FleetReport). */
import type { Diagnosis, Finding, FleetReport } from '@shared/models/doctor';
import type { Row } from './output';

const TAG: Record<Finding['severity'], string> = {
  blocking: 'BLOCKING',
  warning: 'WARNING ',
  info: 'INFO    ',
  ok: 'OK      ',
};

function fieldsText(fields: Record<string, unknown>): string {
  return Object.entries(fields)
    .map(([k, v]) => `${k}=${v === null ? 'null' : String(v)}`)
    .join(' ');
}

/** One finding; `full` adds checked / evidence / instance sees / fix. */
export function formatFinding(f: Finding, full: boolean): string {
  const lines = [`  [${TAG[f.severity]}] ${f.title}${f.notChecked ? `  (not checked: ${f.notChecked})` : ''}`];
  if (!full) return lines[0];
  lines.push(`      checked: ${f.checked}`);
  for (const e of f.evidence) lines.push(`      evidence: ${e.call}  ${fieldsText(e.fields)}`);
  if (f.instanceSees) lines.push(`      instance sees: ${f.instanceSees}`);
  if (f.fix) lines.push(`      fix: ${f.fix}`);
  return lines.join('\n');
}

export function formatDiagnosis(d: Diagnosis, verbose = false): string {
  const i = d.instance;
  const head = `${i.name ?? i.id} (${i.id})${i.status ? ` ${i.status}` : ''}${i.host ? ` on ${i.host}` : ''}  verdict: ${d.verdict.toUpperCase()}`;
  const meta = `  ${d.mode}, ${d.role} view, backend ${d.backend}, ${d.apiCalls} API calls, ${d.durationMs} ms${d.symptom ? `, instance sees: ${d.symptom}` : ''}`;
  const lines = [head, meta, ''];
  for (const f of d.findings) {
    if (f.severity === 'ok' && !verbose) continue;
    lines.push(formatFinding(f, f.severity !== 'ok'));
  }
  const oks = d.findings.filter((f) => f.severity === 'ok').length;
  if (!verbose && oks) lines.push(`  (${oks} checks passed; --verbose lists them)`);
  if (d.suspects.length) {
    lines.push('', 'Below the API (not checked), most likely first:');
    for (const s of d.suspects) {
      lines.push(`  - ${s.title}${s.host ? `  [host ${s.host}]` : ''}`);
      for (const c of s.commands) lines.push(`      $ ${c}`);
    }
  }
  if (d.notChecked.length) lines.push('', 'Not checked:', ...d.notChecked.map((n) => `  - ${n}`));
  return lines.join('\n');
}

export function formatFleet(r: FleetReport): string {
  const count = (v: string) => r.rows.filter((x) => x.verdict === v).length;
  const lines = [
    `${r.rows.length} instances: ${count('blocking')} blocking, ${count('warning')} warning, ${count('ok')} passing what the API shows` +
      `  (${r.mode}, ${r.role} view, ${r.apiCalls} API calls, ${r.durationMs} ms)`,
    '',
  ];
  const w = Math.max(8, ...r.rows.map((x) => x.name.length));
  for (const row of r.rows) {
    lines.push(
      `${row.verdict.toUpperCase().padEnd(8)}  ${row.name.padEnd(w)}  ${row.instanceId}  ${row.top ? row.top.title : ''}`,
    );
  }
  if (r.scopeFindings.length)
    lines.push('', 'For the whole scope:', ...r.scopeFindings.map((f) => formatFinding(f, f.severity !== 'ok')));
  if (r.notChecked.length) lines.push('', 'Not checked:', ...r.notChecked.map((n) => `  - ${n}`));
  return lines.join('\n');
}

/** The -c columns of `doctor --project/--all` with -f: one row per instance. */
export const FLEET_COLUMNS = ['verdict', 'name', 'id', 'project', 'status', 'check', 'finding'] as const;
/** The -c columns of `doctor --instance` with -f: one row per finding. */
export const FINDING_COLUMNS = ['severity', 'check', 'title', 'port', 'fix'] as const;

/** The fleet as rows for -f/-c (project by name when Keystone told it). */
export function fleetRows(r: FleetReport): Row[] {
  const names = new Map((r.projects ?? []).map((p) => [p.id, p.name]));
  return r.rows.map((row) => ({
    verdict: row.verdict,
    name: row.name,
    id: row.instanceId,
    project: names.get(row.projectId) ?? row.projectId,
    status: row.status,
    check: row.top?.check ?? '',
    finding: row.top?.title ?? '',
  }));
}

/** A diagnosis's findings as rows for -f/-c; passing checks only with --verbose, as in the text. */
export function findingRows(d: Diagnosis, verbose: boolean): Row[] {
  return d.findings
    .filter((f) => verbose || f.severity !== 'ok')
    .map((f) => ({ severity: f.severity, check: f.check, title: f.title, port: f.portId ?? '', fix: f.fix ?? '' }));
}
