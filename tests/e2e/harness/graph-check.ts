/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Readability checks of the topology graph, measured in the page: the on-screen size of every
 * piece of text drawn in a node or on an edge (its computed font size times the viewport's zoom),
 * names cut off without their full text in a title, and what the minimap, the controls and the
 * overview banner lie over. Each finding names the text or element so a failure says where to look.
 */
import type { Locator } from '@playwright/test';

export interface GraphReport {
  /** The viewport's zoom (xyflow's transform scale). */
  zoom: number;
  /** Text pieces drawn inside the canvas (and on screen). */
  texts: number;
  /** The smallest on-screen font size among them, in px (Infinity when there is no text). */
  smallestPx: number;
  /** Text drawn below the threshold: "<text> (<px> px)". */
  tooSmall: string[];
  /** Cut-off names (ellipsis) with no title holding the whole name. */
  cutWithoutTitle: string[];
  /** Nodes and edge labels on screen. */
  shown: number;
  /** The zoom controls are on screen. */
  controls: boolean;
  /** "<what> under <overlay>" for every node or edge label an overlay covers, and overlays on each other. */
  covered: string[];
}

/** Resolves once the graph's viewport has stayed put for two frames (the first view is placed). */
export async function viewportSettled(graph: Locator): Promise<void> {
  await graph.evaluate(async (root) => {
    const viewport = root.querySelector<HTMLElement>('.react-flow__viewport')!;
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    let last = '';
    for (let i = 0; i < 200; i++) {
      await frame();
      await frame();
      const now = getComputedStyle(viewport).transform;
      if (now === last) return;
      last = now;
    }
  });
}

/**
 * Measures the graph (the `[data-testid=topology-graph]` locator) as it is on screen now.
 * Text counts when it is visible and at least partly inside the canvas.
 */
export function measureGraph(graph: Locator, thresholdPx: number): Promise<GraphReport> {
  return graph.evaluate((root, threshold) => {
    const flow = root.querySelector('[data-testid="rf__wrapper"]')!;
    const viewport = flow.querySelector<HTMLElement>('.react-flow__viewport')!;
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    const pane = flow.getBoundingClientRect();
    type Box = { left: number; right: number; top: number; bottom: number };
    const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const windowBox = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
    const visible = (el: Element) => {
      const box = el.getBoundingClientRect();
      return (
        box.width > 0 &&
        box.height > 0 &&
        overlaps(box, windowBox) &&
        el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
      );
    };
    // Drawn in the canvas, and on screen.
    const onScreen = (el: Element) => visible(el) && overlaps(el.getBoundingClientRect(), pane);
    const ownText = (el: Element) =>
      [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();

    let texts = 0;
    let smallestPx = Infinity;
    const tooSmall: string[] = [];
    const cutWithoutTitle: string[] = [];
    for (const el of flow.querySelectorAll(
      '.react-flow__node *, .react-flow__edge-text, .react-flow__edgelabel-renderer *',
    )) {
      const text = ownText(el);
      if (!text || !onScreen(el)) continue;
      texts++;
      const px = parseFloat(getComputedStyle(el).fontSize) * zoom;
      smallestPx = Math.min(smallestPx, px);
      if (px < threshold - 0.01) tooSmall.push(`${text.slice(0, 40)} (${px.toFixed(1)} px)`);
      const cut = el instanceof HTMLElement && el.scrollWidth > el.clientWidth + 1;
      if (cut && !el.closest('[title]')) cutWithoutTitle.push(text.slice(0, 40));
    }

    const candidates: Array<[string, Element | null]> = [
      ['minimap', root.querySelector('.react-flow__minimap')],
      ['controls', root.querySelector('.react-flow__controls')],
      ['banner', root.querySelector('[data-testid="graph-banner"]')],
    ];
    const overlays = candidates.filter((o): o is [string, Element] => !!o[1] && visible(o[1]));
    const items = [
      ...[...flow.querySelectorAll('.react-flow__node [data-kind]')].map((el) => ({
        el,
        what: `node "${el.getAttribute('aria-label')}"`,
      })),
      ...[...flow.querySelectorAll('.react-flow__node [data-frame-title]')].map((el) => ({
        el,
        what: `frame title "${el.textContent}"`,
      })),
      ...[...flow.querySelectorAll('.react-flow__edge-textwrapper, .react-flow__edgelabel-renderer > *')].map((el) => ({
        el,
        what: `edge label "${el.textContent}"`,
      })),
    ].filter((item) => onScreen(item.el));
    // What is drawn of an item: the canvas clips it at its edges.
    const clipped = (b: Box): Box => ({
      left: Math.max(b.left, pane.left),
      right: Math.min(b.right, pane.right),
      top: Math.max(b.top, pane.top),
      bottom: Math.min(b.bottom, pane.bottom),
    });
    const covered: string[] = [];
    for (const [name, overlay] of overlays) {
      const box = overlay.getBoundingClientRect();
      for (const item of items)
        if (overlaps(clipped(item.el.getBoundingClientRect()), box)) covered.push(`${item.what} under the ${name}`);
      for (const [other, el] of overlays)
        if (other > name && overlaps(el.getBoundingClientRect(), box)) covered.push(`the ${other} under the ${name}`);
    }
    const controls = overlays.some(([name]) => name === 'controls');
    return { zoom, texts, smallestPx, tooSmall, cutWithoutTitle, shown: items.length, covered, controls };
  }, thresholdPx);
}
