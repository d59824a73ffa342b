/**
 * Colours that carry data must read at 4.5:1 (WCAG AA) in light and dark. Mantine's stock palettes
 * put shade 6 (coloured text, filled buttons, links in the light scheme) at 1.9:1 (yellow) to 4.3:1
 * (indigo) on white, and shade 9 (the light variant's text: badges, active nav links, light
 * buttons) at 3.7:1 (red) to 4.4:1 (green) on its shade 1/2 background. Here shades 6 to 9 are
 * darkened just enough to clear the bar, so hues and the lighter shades (backgrounds, dark-scheme
 * text) stay Mantine's.
 */
import { darken, luminance, toRgba, type MantineColorsTuple } from '@mantine/core';

/** WCAG contrast ratio of two colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** `color` drawn at `opacity` over `background`, as the browser composes it (hex). */
export function over(color: string, opacity: number, background: string): string {
  const [f, b] = [toRgba(color), toRgba(background)];
  const mix = (x: number, y: number) =>
    Math.round(x * opacity + y * (1 - opacity))
      .toString(16)
      .padStart(2, '0');
  return `#${mix(f.r, b.r)}${mix(f.g, b.g)}${mix(f.b, b.b)}`;
}

/** `color` darkened in small steps until it reads at `ratio` on `background` (unchanged if it already does). */
export function darkenUntil(color: string, background: string, ratio: number): string {
  let out = color;
  for (let amount = 0.02; contrastRatio(out, background) < ratio && amount < 1; amount += 0.02)
    out = darken(color, amount);
  return out;
}

/**
 * The palette with shades 6 to 9 readable on `background` (white text on them too); 4.9 leaves room
 * for tinted backgrounds (gray-0, a selected row). Shade 9 also reads at 5.3 on shade 2 (the light
 * variant's hover): Mantine draws an active nav link's description at 0.9 opacity on shade 1.
 */
export function readablePalette(palette: MantineColorsTuple, background = '#ffffff', ratio = 4.9): MantineColorsTuple {
  const out = palette.map((shade, i) => (i >= 6 ? darkenUntil(shade, background, ratio) : shade));
  out[9] = darkenUntil(out[9], palette[2], 5.3);
  return out as unknown as MantineColorsTuple;
}
