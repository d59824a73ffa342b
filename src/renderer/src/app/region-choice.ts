import type { SessionInfo } from '@shared/models/cloud';

/** How the header shows a session's region: nothing known, one region as text, or a choice. */
export type RegionControl =
  | { kind: 'none' }
  | { kind: 'text'; region: string }
  | { kind: 'select'; value: string | null; options: Array<{ value: string; label: string }> };

/**
 * One region is a fact, not a control; two or more make a select. A region without compute says
 * so, since instance names and the Nova pages need it there.
 */
export function regionControl(session: Pick<SessionInfo, 'region' | 'regions'>): RegionControl {
  const { region, regions } = session;
  if (regions.length > 1) {
    const options = regions.map((r) => ({
      value: r.name,
      label: r.services.includes('compute') ? r.name : `${r.name} (no compute)`,
    }));
    // The session's region may be one StackLens cannot switch to (no network there): keep it visible.
    if (region && !options.some((o) => o.value === region)) options.unshift({ value: region, label: region });
    return { kind: 'select', value: region ?? null, options };
  }
  const only = region ?? regions[0]?.name;
  return only ? { kind: 'text', region: only } : { kind: 'none' };
}

/** The header's notice while main works in another region than the one chosen. */
export interface RegionNotice {
  /** What the header shows. */
  short: string;
  /** The whole sentence: its tooltip, and what a screen reader hears. */
  full: string;
}

/** Nothing while the chosen region is in use; otherwise what was chosen, what is used, and why. */
export function regionNotice(session: Pick<SessionInfo, 'regionFallback' | 'scope'>): RegionNotice | null {
  const fallback = session.regionFallback;
  if (!fallback) return null;
  const where = session.scope.kind === 'project' ? `project ${session.scope.name}'s catalog` : 'this catalog';
  return {
    short: `${fallback.wanted} not offered`,
    full:
      `${fallback.wanted} is not in ${where}: showing ${fallback.region}. ` +
      `StackLens goes back to ${fallback.wanted} wherever it is offered.`,
  };
}
