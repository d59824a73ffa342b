/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Layout checks on a laptop-sized window: what sticks out past the window's right edge, and which
 * boxes need a horizontal scrollbar. Both are measured in the page from bounding boxes; each
 * finding names the element so a failure says where to look.
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
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const describe = (el: Element): string => {
      const label = el.getAttribute('aria-label');
      const cls = typeof el.className === 'string' ? el.className.split(/\s+/).filter(Boolean).slice(0, 2) : [];
      return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls.map((c) => `.${c}`).join('')}${label ? `[${label}]` : ''}`;
    };
    const found: Array<{ el: Element; element: string; px: number; text: string }> = [];
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      // Visually hidden text (1px, clipped) and empty boxes show nothing.
      if (box.width <= 1 || box.height <= 1) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'contents') continue;
      let right = box.right;
      let left = box.left;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX === 'visible') continue;
        const clip = a.getBoundingClientRect();
        right = Math.min(right, clip.right);
        left = Math.max(left, clip.left);
      }
      if (right > width + 0.5 && right > left && !found.some((f) => f.el.contains(el)))
        found.push({
          el,
          element: describe(el),
          px: Math.round(right - width),
          text: (el.textContent ?? '').slice(0, 60),
        });
    }
    return found.map(({ element, px, text }) => ({ element, px, text }));
  });
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
