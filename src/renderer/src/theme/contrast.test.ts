import { describe, expect, it } from 'vitest';
import { DEFAULT_THEME } from '@mantine/core';
import { contrastRatio, darkenUntil, over, readablePalette } from './contrast';
import { lightDimmed, theme } from './index';

const colors = Object.entries(theme.colors ?? {}).map(([name, p]) => [name, [...(p ?? [])] as string[]] as const);

describe('contrast', () => {
  it('measures WCAG ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    // Mantine's stock gray-6 (the light scheme's dimmed text) on white: below AA.
    expect(contrastRatio(DEFAULT_THEME.colors.gray[6], '#ffffff')).toBeLessThan(4.5);
    // Stock green-9 on green-1, a "light" badge: below AA too.
    expect(contrastRatio(DEFAULT_THEME.colors.green[9], DEFAULT_THEME.colors.green[1])).toBeLessThan(4.5);
  });

  it('composes a colour at an opacity over a background', () => {
    expect(over('#000000', 0.5, '#ffffff')).toBe('#808080');
    expect(over('#ff0000', 1, '#00ff00')).toBe('#ff0000');
  });

  it('darkens only as much as needed and leaves readable colours alone', () => {
    const fixed = darkenUntil(DEFAULT_THEME.colors.green[6], '#ffffff', 4.6);
    expect(contrastRatio(fixed, '#ffffff')).toBeGreaterThanOrEqual(4.6);
    expect(contrastRatio(fixed, '#ffffff')).toBeLessThan(5.2);
    expect(darkenUntil('#000000', '#ffffff', 4.6)).toBe('#000000');
  });

  it('keeps shades 0-5 and makes 6-9 readable', () => {
    const yellow = readablePalette(DEFAULT_THEME.colors.yellow);
    expect(yellow.slice(0, 6)).toEqual(DEFAULT_THEME.colors.yellow.slice(0, 6));
    for (const shade of yellow.slice(6)) expect(contrastRatio(shade, '#ffffff')).toBeGreaterThanOrEqual(4.9);
  });

  it('every colour of the app theme reads on white from shade 6 on', () => {
    for (const [name, palette] of colors)
      for (const shade of palette.slice(6)) expect(contrastRatio(shade, '#ffffff'), name).toBeGreaterThanOrEqual(4.5);
  });

  it('light-variant text (shade 9) reads on shade 1 and 2, and at 0.9 opacity on shade 1', () => {
    for (const [name, p] of colors) {
      expect(contrastRatio(p[9], p[2]), `${name} hover`).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(over(p[9], 0.9, p[1]), p[1]), `${name} description`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('light dimmed text reads on the tinted rows it sits on (selection, search hits)', () => {
    for (const bg of [
      '#ffffff',
      DEFAULT_THEME.colors.indigo[1],
      DEFAULT_THEME.colors.yellow[2],
      DEFAULT_THEME.colors.gray[1],
    ])
      expect(contrastRatio(lightDimmed, bg), bg).toBeGreaterThanOrEqual(4.5);
  });
});
