/** Text for the doctor's answers (the --json output is the raw Diagnosis / FleetReport). */
import type { Diagnosis, Finding, FleetReport } from '@shared/models/doctor';

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
