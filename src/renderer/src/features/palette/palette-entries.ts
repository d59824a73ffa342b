/**
 * The palette's entries that do not come from a topology search: pages, clouds to connect or to
 * switch to, and the actions offered on the resources found (look up an instance's metadata, start
 * a proxy listener as an instance or in a router's namespace). Pure: the component renders them.
 */
import type { PaletteEntry } from './palette-index';

export interface PalettePage {
  id: string;
  label: string;
  description?: string;
}

export interface PaletteCloud {
  id: string;
  name: string;
  connected: boolean;
}

/** "Topology", "Instance metadata"...: found by their label and their one-line description. */
export function pageEntries(pages: readonly PalettePage[]): PaletteEntry[] {
  return pages.map((p) => ({
    key: `page:${p.id}`,
    group: 'Pages',
    label: p.label,
    detail: 'page',
    keywords: p.description,
    target: { type: 'page', page: p.id },
  }));
}

/** "Connect lab-admin" for a cloud without a session, "Switch to lab-alice" for a connected one. */
export function cloudEntries(clouds: readonly PaletteCloud[]): PaletteEntry[] {
  return clouds.map((c) => ({
    key: `cloud:${c.id}`,
    group: 'Clouds',
    label: c.connected ? `Switch to ${c.name}` : `Connect ${c.name}`,
    detail: c.connected ? 'connected' : 'not connected',
    keywords: 'cloud connect switch session',
    target: { type: 'cloud', cloudId: c.id, connect: !c.connected },
  }));
}

/** The actions an admin runs next on what was found, for the first `limit` instances and routers. */
export function actionEntries(found: readonly PaletteEntry[], limit = 3): PaletteEntry[] {
  const out: PaletteEntry[] = [];
  let used = 0;
  for (const entry of found) {
    if (used >= limit) break;
    if (entry.target.type !== 'entity') continue;
    const { cloudId, ref } = entry.target;
    const where = entry.detail ? ` \u00b7 ${entry.detail}` : '';
    if (ref.kind === 'server') {
      used += 1;
      out.push(
        {
          key: `lookup:${cloudId}:${ref.id}`,
          group: 'Actions',
          label: `Metadata lookup: ${entry.label}`,
          detail: `paths, agent traces, documents${where}`,
          target: { type: 'lookup', cloudId, instanceId: ref.id },
        },
        {
          key: `listener:${cloudId}:server:${ref.id}`,
          group: 'Actions',
          label: `Serve metadata as ${entry.label}`,
          detail: `new proxy listener${where}`,
          target: { type: 'listener', cloudId, instanceId: ref.id },
        },
      );
    } else if (ref.kind === 'router') {
      used += 1;
      out.push({
        key: `listener:${cloudId}:router:${ref.id}`,
        group: 'Actions',
        label: `Namespace listener on ${entry.label}`,
        detail: `new proxy listener${where}`,
        target: { type: 'listener', cloudId, routerId: ref.id },
      });
    }
  }
  return out;
}

/** The results with the actions on the resources found placed right after those resources. */
export function withActions(results: readonly PaletteEntry[]): PaletteEntry[] {
  const shown = new Set(results.map((r) => r.key));
  const actions = actionEntries(results.filter((r) => r.group === 'Resources')).filter((a) => !shown.has(a.key));
  return [...results, ...actions];
}
