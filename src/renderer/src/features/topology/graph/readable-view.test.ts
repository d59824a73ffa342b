import { describe, expect, it } from 'vitest';
import type { GraphLayout } from './elk-graph';
import {
  FULL_ZOOM,
  GROUPS_ZOOM,
  layoutBounds,
  levelOfDetail,
  NAMES_ZOOM,
  READABLE_FIT,
  readableViewport,
  type Rect,
} from './readable-view';

/** Where the box lands on screen under a viewport. */
function onScreen(box: Rect, view: { x: number; y: number; zoom: number }): Rect {
  return {
    x: box.x * view.zoom + view.x,
    y: box.y * view.zoom + view.y,
    width: box.width * view.zoom,
    height: box.height * view.zoom,
  };
}

describe('levelOfDetail', () => {
  it.each([
    [1.5, 'full'],
    [FULL_ZOOM, 'full'],
    [0.99, 'names'],
    [NAMES_ZOOM, 'names'],
    [0.5, 'groups'],
    [GROUPS_ZOOM, 'groups'],
    [0.2, 'shapes'],
    [0.02, 'shapes'],
  ] as const)('zoom %s draws %s', (zoom, level) => {
    expect(levelOfDetail(zoom)).toBe(level);
  });
});

describe('layoutBounds', () => {
  it('spans the top-level nodes and the frames at their absolute place; children add nothing', () => {
    const layout: GraphLayout = {
      nodes: new Map([
        ['a', { x: -10, y: 5, width: 100, height: 50 }],
        ['child', { x: 900, y: 900, width: 10, height: 10, parent: 'frame:inner' }],
      ]),
      frames: [
        { id: 'frame:outer', componentKey: 'outer', x: 200, y: 100, width: 400, height: 300 },
        { id: 'frame:inner', componentKey: 'inner', x: 20, y: 30, width: 100, height: 80, parent: 'frame:outer' },
      ],
      width: 0,
      height: 0,
    };
    expect(layoutBounds(layout)).toEqual({ x: -10, y: 5, width: 610, height: 395 });
  });

  it('is null for an empty layout', () => {
    expect(layoutBounds({ nodes: new Map(), frames: [], width: 0, height: 0 })).toBeNull();
  });
});

describe('readableViewport', () => {
  const pane = { width: 1000, height: 500 };
  const pad = READABLE_FIT.padding;

  it('fits a graph that is readable when whole, centred, inside the padding', () => {
    const bounds = { x: 50, y: 20, width: 1100, height: 560 };
    const view = readableViewport(bounds, pane);
    expect(view.zoom).toBeCloseTo(Math.min(960 / 1100, 460 / 560));
    const shown = onScreen(bounds, view);
    expect(shown.y).toBeCloseTo(pad);
    expect(shown.y + shown.height).toBeCloseTo(pane.height - pad);
    expect(shown.x + shown.width / 2).toBeCloseTo(pane.width / 2);
  });

  it('does not blow up a small graph past maxZoom', () => {
    const view = readableViewport({ x: 0, y: 0, width: 200, height: 60 }, pane);
    expect(view.zoom).toBe(READABLE_FIT.maxZoom);
    const shown = onScreen({ x: 0, y: 0, width: 200, height: 60 }, view);
    expect(shown.x + shown.width / 2).toBeCloseTo(500);
    expect(shown.y + shown.height / 2).toBeCloseTo(250);
  });

  it('starts a graph too big to read whole at minZoom, from its top-left corner', () => {
    const bounds = { x: 100, y: -40, width: 8000, height: 6000 };
    const view = readableViewport(bounds, pane);
    expect(view.zoom).toBe(NAMES_ZOOM);
    const shown = onScreen(bounds, view);
    expect(shown.x).toBeCloseTo(pad);
    expect(shown.y).toBeCloseTo(pad);
  });

  it('centres along the axis that fits when only the other one overflows', () => {
    const bounds = { x: 0, y: 0, width: 600, height: 4000 };
    const view = readableViewport(bounds, pane);
    expect(view.zoom).toBe(NAMES_ZOOM);
    const shown = onScreen(bounds, view);
    expect(shown.x + shown.width / 2).toBeCloseTo(pane.width / 2);
    expect(shown.y).toBeCloseTo(pad);
  });
});
