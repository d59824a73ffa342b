/** Human-readable text for traces, plans and documents (the --json output is the raw objects). */
import type { InstanceLookup, MetadataDocument, NovaApiView, ResolveTrace } from '@shared/models/metadata';
import type { Paint } from './colour';

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

/** A short one-line summary of an outcome. */
export function outcomeLine(trace: ResolveTrace): string {
  const o = trace.outcome;
  switch (o.kind) {
    case 'resolved':
      return `RESOLVED  instance ${o.instanceId}  project ${o.projectId}  (port ${o.portId}, ${o.deviceOwner || 'no owner'}, network ${o.networkId})`;
    case 'not-found':
      return `NOT FOUND  ${o.reason}`;
    case 'refused':
      return `REFUSED (${o.code ?? 'refused'})  ${o.reason}${o.agentBehaviour ? `\n  the real agent: ${o.agentBehaviour}` : ''}`;
    case 'error':
      return `ERROR (${o.code})  ${o.message}${o.hint ? `\n  hint: ${o.hint}` : ''}`;
  }
}

const OUTCOME_COLOUR = { resolved: 'green', 'not-found': 'yellow', refused: 'red', error: 'red' } as const;

/** The trace as numbered steps with their requests and timings. */
export function formatTrace(trace: ResolveTrace, paint: Paint = (_c, text) => text): string {
  const r = trace.request;
  const via = r.routerId ? `router ${r.routerId}` : r.networkId ? `network ${r.networkId}` : '(no router or network)';
  const lines = [
    `Resolve ${r.ip} via ${via}  [${trace.path} path${trace.visibility ? `, ${trace.visibility} view` : ''}]`,
  ];
  trace.steps.forEach((s, i) => {
    lines.push(
      `  ${pad(`${i + 1}.`, 3)} ${pad(s.name, 16)} ${pad(s.outcome, 8)} ${pad(`${s.durationMs.toFixed(1)} ms`, 10)} ${s.detail}`,
    );
    for (const req of s.request?.split('\n') ?? []) lines.push(`        ${req}${s.status ? `  -> ${s.status}` : ''}`);
  });
  for (const w of trace.warnings ?? []) lines.push(`  ! ${w}`);
  const colour = OUTCOME_COLOUR[trace.outcome.kind];
  lines.push(`  ${outcomeLine(trace).replace(/^\S+( \S+)?(?= )/, (head) => paint(colour, head))}`);
  lines.push(
    `  ${trace.neutronCalls} Neutron call(s), ${trace.durationMs.toFixed(1)} ms${trace.cached ? ', from the cache' : ''}`,
  );
  return lines.join('\n');
}

/** The plan and the verdict of each path. */
export function formatLookup(lookup: Omit<InstanceLookup, 'canFetch' | 'missing'>): string {
  const { plan } = lookup;
  const i = plan.instance;
  const lines = [
    `Instance ${i.id}${i.name ? ` (${i.name})` : ''}${i.projectId ? `, project ${i.projectId}` : ''}${i.status ? `, ${i.status}` : ''}${i.configDrive ? ', config drive' : ''}`,
  ];
  for (const p of plan.ports) {
    lines.push(
      `  port ${p.id} on ${p.networkName ?? p.networkId}: ${p.fixedIps.map((f) => f.ip).join(', ')}  mac ${p.macAddress}${p.linkLocal ? `  link-local ${p.linkLocal}` : ''}`,
    );
  }
  for (const n of plan.notes) lines.push(`  note: ${n}`);
  lookup.resolutions.forEach((r, idx) => {
    const via =
      r.path.kind === 'router'
        ? `router ${r.path.routerName ?? r.path.routerId}`
        : `network ${r.path.networkName ?? r.path.networkId}`;
    lines.push(`  path ${idx + 1}: ${r.path.ip} via ${via}: ${r.landsOnInstance ? 'OK' : 'NO'}  ${r.verdict}`);
    if (r.path.caveat) lines.push(`          ${r.path.caveat}`);
  });
  if (lookup.resolutions.length === 0) lines.push('  no metadata path applies');
  return lines.join('\n');
}

/** One line per document: status, size, type, path (+ note). */
export function formatDocumentList(docs: MetadataDocument[]): string {
  return docs
    .map(
      (d) =>
        `  ${d.status}  ${pad(`${d.size} B`, 9)} ${pad(d.contentType ?? '', 28)} ${d.path}${d.note ? `  (${d.note})` : ''}`,
    )
    .join('\n');
}

/** What the compute API shows without the metadata secret. */
export function formatNovaApiView(v: NovaApiView): string {
  const lines = [`From Nova's compute API instead (no metadata secret needed):`];
  lines.push(
    `  server metadata: ${v.serverMetadata ? JSON.stringify(v.serverMetadata) : `unavailable (${v.serverMetadataError})`}`,
  );
  lines.push(`  user_data: ${v.userData ? `${v.userData.size} bytes` : 'none'} — ${v.userDataNote}`);
  if (v.userData?.text !== undefined) lines.push(v.userData.text.replace(/^/gm, '    | '));
  else if (v.userData) lines.push(`    (binary, base64) ${v.userData.base64}`);
  return lines.join('\n');
}
