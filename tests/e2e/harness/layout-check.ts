/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Layout checks on a laptop-sized window: what sticks out past the window's right or bottom edge,
 * whether the page itself scrolls, and which boxes need a horizontal scrollbar. Each is measured in
 * the page from bounding boxes; each finding names the element so a failure says where to look.
 */
import type { Page } from '@playwright/test';

export interface LayoutFinding {
  /** tag#id.class[aria-label] of the element. */
  element: string;
  /** How many pixels it sticks out, or how many it scrolls. */
  px: number;
  text: string;
}

/**
 * Visible elements whose right edge (clipped by every scrolling or clipping ancestor) lies past
 * the window's width. Only the outermost offender of a subtree is reported. The body and html
 * do not count as clipping: content cut off by the window is the flaw looked for.
 */
export function pastRightEdge(page: Page): Promise<LayoutFinding[]> {
  return pastEdge(page, 'right');
}

/** The same below the window's bottom edge: what the user could only reach by scrolling the page. */
export function pastBottomEdge(page: Page): Promise<LayoutFinding[]> {
  return pastEdge(page, 'bottom');
}

/** How many pixels the document itself scrolls vertically (0: the page fits the window). */
export function pageScroll(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return root.scrollHeight - root.clientHeight;
  });
}

function pastEdge(page: Page, edge: 'right' | 'bottom'): Promise<LayoutFinding[]> {
  return page.evaluate((edge) => {
    const horizontal = edge === 'right';
    const limit = horizontal ? document.documentElement.clientWidth : document.documentElement.clientHeight;
    const describe = (el: Element): string => {
      const label = el.getAttribute('aria-label');
      const cls = typeof el.className === 'string' ? el.className.split(/\s+/).filter(Boolean).slice(0, 2) : [];
      return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls.map((c) => `.${c}`).join('')}${label ? `[${label}]` : ''}`;
    };
    const span = (box: DOMRect) => (horizontal ? [box.left, box.right] : [box.top, box.bottom]);
    const found: Array<{ el: Element; element: string; px: number; text: string }> = [];
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      // Visually hidden text (1px, clipped) and empty boxes show nothing.
      if (box.width <= 1 || box.height <= 1) continue;
      // The app's root and the shell's main hold everything: name what inside them sticks out.
      if (el.id === 'root' || el.tagName === 'MAIN') continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'contents') continue;
      let [start, end] = span(box);
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const st = getComputedStyle(a);
        if ((horizontal ? st.overflowX : st.overflowY) === 'visible') continue;
        const [clipStart, clipEnd] = span(a.getBoundingClientRect());
        end = Math.min(end, clipEnd);
        start = Math.max(start, clipStart);
      }
      if (end > limit + 0.5 && end > start && !found.some((f) => f.el.contains(el)))
        found.push({
          el,
          element: describe(el),
          px: Math.round(end - limit),
          text: (el.textContent ?? '').slice(0, 60),
        });
    }
    return found.map(({ element, px, text }) => ({ element, px, text }));
  }, edge);
}

/**
 * Boxes that scroll sideways (overflow-x auto or scroll, content wider than the box), except the
 * ones that are meant to: those matching `allowed` (a CSS selector list), inside or around one.
 */
export function horizontalScrollers(page: Page, allowed = ''): Promise<LayoutFinding[]> {
  return page.evaluate((allowedSelector) => {
    const out: Array<{ element: string; px: number; text: string }> = [];
    for (const el of document.body.querySelectorAll('*')) {
      const style = getComputedStyle(el);
      if (style.overflowX !== 'auto' && style.overflowX !== 'scroll') continue;
      if (el.clientWidth === 0 || el.scrollWidth <= el.clientWidth + 1) continue;
      // Allowed: inside such a box, or a box that holds one (a document viewer around its <pre>).
      if (allowedSelector && (el.closest(allowedSelector) || el.querySelector(allowedSelector))) continue;
      const label = el.getAttribute('aria-label') ?? el.parentElement?.getAttribute('aria-label');
      const cls = typeof el.className === 'string' ? el.className.split(/\s+/).filter(Boolean).slice(0, 2) : [];
      out.push({
        element: `${el.tagName.toLowerCase()}${cls.map((c) => `.${c}`).join('')}${label ? `[${label}]` : ''}`,
        px: el.scrollWidth - el.clientWidth,
        text: (el.textContent ?? '').slice(0, 60),
      });
    }
    return out;
  }, allowed);
}
