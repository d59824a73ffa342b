import { describe, expect, it } from 'vitest';
import type { FleetRow } from '@shared/models/doctor';
import { filterRows, verdictSummary } from './doctor-text';

const row = (name: string, verdict: FleetRow['verdict'], projectId = 'p1', top = ''): FleetRow => ({
  instanceId: `id-${name}`,
  name,
  projectId,
  status: 'ACTIVE',
  verdict,
  top: top ? { check: 'x', severity: verdict === 'ok' ? 'info' : verdict, title: top } : null,
  counts: { blocking: 0, warning: 0, info: 0, ok: 0 },
});

const rows = [row('b', 'ok', 'p2'), row('a', 'warning'), row('c', 'blocking', 'p1', 'Port is administratively down')];
const all = ['blocking', 'warning', 'ok'] as const;

describe('filterRows', () => {
  it.each([
    ['verdict order, blocked first', { verdicts: all, text: '', sort: 'verdict' as const }, ['c', 'a', 'b']],
    ['by name', { verdicts: all, text: '', sort: 'name' as const }, ['a', 'b', 'c']],
    ['by project', { verdicts: all, text: '', sort: 'project' as const }, ['a', 'c', 'b']],
    ['only blocked', { verdicts: ['blocking'] as const, text: '', sort: 'name' as const }, ['c']],
    ['text matches the top finding', { verdicts: all, text: 'administratively', sort: 'name' as const }, ['c']],
    ['text matches a project name', { verdicts: all, text: 'beta', sort: 'name' as const }, ['b']],
  ])('%s', (_n, opts, names) => {
    const projectName = (id: string) => (id === 'p2' ? 'beta' : 'alpha');
    expect(filterRows(rows, { ...opts, verdicts: [...opts.verdicts], projectName }).map((r) => r.name)).toEqual(names);
  });

  it('summarises without ever saying healthy', () => {
    expect(verdictSummary(rows)).toBe('1 blocked, 1 with warnings, 1 passing the API checks');
  });
});
