/**
 * Keeping the graph's text readable on screen: a level of detail per zoom (like a map's), and a
 * "fit" that never zooms out so far that names become unreadable. A label's size on screen is its
 * font size times the zoom; below READABLE_PX an admin cannot read it without zooming in.
 * Pure (tested without a DOM); the CSS of each level is in topology.module.css.
 */
import { absolutePosition, type GraphLayout } from './elk-graph';

/** The smallest font size, in px on screen, that is still drawn. */
export const READABLE_PX = 11;
/** The smallest font drawn at full detail (status, badges, edge labels; topology.module.css). */
export const DETAIL_FONT_PX = 11;
/** The font of a node's name when only names are drawn (topology.module.css, [data-lod='names']). */
export const NAME_FONT_PX = 20;
/** The font of a group's name when only groups are named ([data-lod='groups']). */
export const GROUP_NAME_FONT_PX = 40;

/**
 * Like a map's, from near to far:
 * - full: every piece of text;
 * - names: each node's icon and name, drawn large; statuses, badges and edge labels hidden;
 * - groups: coloured blocks, only projects, components, instance groups and frames named (larger still);
 * - shapes: no text at all (names on hover, in the accessible names and the minimap's colours).
 */
export type LevelOfDetail = 'full' | 'names' | 'groups' | 'shapes';

/** The lowest zoom of each level: READABLE_PX over its smallest font. */
export const FULL_ZOOM = READABLE_PX / DETAIL_FONT_PX;
export const NAMES_ZOOM = READABLE_PX / NAME_FONT_PX;
export const GROUPS_ZOOM = READABLE_PX / GROUP_NAME_FONT_PX;

export function levelOfDetail(zoom: number): LevelOfDetail {
  if (zoom >= FULL_ZOOM - 1e-6) return 'full';
  if (zoom >= NAMES_ZOOM - 1e-6) return 'names';
  return zoom >= GROUPS_ZOOM - 1e-6 ? 'groups' : 'shapes';
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The box around everything laid out (top-level nodes and frames), in flow coordinates. */
export function layoutBounds(layout: GraphLayout): Rect | null {
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  const add = (x: number, y: number, width: number, height: number) => {
    left = Math.min(left, x);
    top = Math.min(top, y);
    right = Math.max(right, x + width);
    bottom = Math.max(bottom, y + height);
  };
  for (const n of layout.nodes.values()) {
    if (!n.parent) add(n.x, n.y, n.width, n.height);
  }
  for (const f of layout.frames) {
    const at = absolutePosition(layout, f);
    add(at.x, at.y, f.width, f.height);
  }
  return left === Infinity ? null : { x: left, y: top, width: right - left, height: bottom - top };
}

export interface FitOptions {
  /** Never below this zoom (NAMES_ZOOM: the names stay readable). */
  minZoom: number;
  /** Never above this zoom (a three-node graph need not be drawn huge). */
  maxZoom: number;
  /** Room left around the content, in screen px. */
  padding: number;
}

export const READABLE_FIT: FitOptions = { minZoom: NAMES_ZOOM, maxZoom: 1.1, padding: 20 };

/**
 * The viewport ({x, y, zoom}, as xyflow's setViewport takes it) showing `bounds` in a pane of
 * `size`: all of it, centred, when that needs no zoom below minZoom; otherwise at minZoom from
 * its top-left corner (where the layouts put the external networks and the first groups), centred
 * along any axis that fits. The rest is a pan away, and the minimap shows where.
 */
export function readableViewport(
  bounds: Rect,
  size: { width: number; height: number },
  options: FitOptions = READABLE_FIT,
): { x: number; y: number; zoom: number } {
  const room = {
    width: Math.max(1, size.width - 2 * options.padding),
    height: Math.max(1, size.height - 2 * options.padding),
  };
  const fit = Math.min(room.width / Math.max(1, bounds.width), room.height / Math.max(1, bounds.height));
  const zoom = Math.min(options.maxZoom, Math.max(options.minZoom, fit));
  const axis = (start: number, length: number, pane: number, free: number) =>
    length * zoom <= free + 1e-6 ? (pane - length * zoom) / 2 - start * zoom : options.padding - start * zoom;
  return {
    x: axis(bounds.x, bounds.width, size.width, room.width),
    y: axis(bounds.y, bounds.height, size.height, room.height),
    zoom,
  };
}
