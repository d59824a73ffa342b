/**
 * Contrast measured from a screenshot, as an admin's eyes get it: the PNG of an element holding
 * text is decoded (pngjs), the background is its most common colour, the ink is every pixel that
 * clearly differs from it, and the text colour is taken at the 90th percentile of the ink's
 * contrast (glyph cores, not their anti-aliased edges, and not one stray pixel).
 */
import { PNG } from 'pngjs';

export interface MeasuredContrast {
  /** WCAG 2 contrast ratio between the text's pixels and the background (1 to 21). */
  ratio: number;
  background: string;
  text: string;
  /** Pixels counted as ink (text), out of `pixels`. */
  inkPixels: number;
  pixels: number;
}

const channel = (v: number) => {
  const s = v / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};

/** WCAG 2 relative luminance of an sRGB colour. */
export function luminance(r: number, g: number, b: number): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

const ratioOf = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
const hex = (rgb: number) => `#${rgb.toString(16).padStart(6, '0')}`;

/** Colours of the opaque pixels, packed 0xRRGGBB. */
function pixelsOf(png: PNG): number[] {
  const out: number[] = [];
  for (let i = 0; i < png.data.length; i += 4)
    if (png.data[i + 3] === 255) out.push((png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2]);
  return out;
}

function mostCommon(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].reduce((best, e) => (e[1] > best[1] ? e : best))[0];
}

const lum = (rgb: number) => luminance((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255);

/** Measures the text contrast in a PNG screenshot of an element; throws when it holds no text. */
export function measureTextContrast(pngBytes: Buffer): MeasuredContrast {
  const pixels = pixelsOf(PNG.sync.read(pngBytes));
  if (pixels.length === 0) throw new Error('the screenshot has no opaque pixel');
  const background = mostCommon(pixels);
  const bgLum = lum(background);
  // Ink: pixels at 1.25:1 or more from the background (anti-aliasing noise stays below).
  const ink = pixels
    .map((p) => ({ p, ratio: ratioOf(lum(p), bgLum) }))
    .filter((x) => x.ratio >= 1.25)
    .sort((a, b) => b.ratio - a.ratio);
  if (ink.length < 8) throw new Error(`no text in the screenshot (${ink.length} ink pixels on ${hex(background)})`);
  const text = ink[Math.floor(ink.length * 0.1)];
  return {
    ratio: text.ratio,
    background: hex(background),
    text: hex(text.p),
    inkPixels: ink.length,
    pixels: pixels.length,
  };
}
