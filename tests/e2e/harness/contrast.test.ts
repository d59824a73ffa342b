import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { luminance, measureTextContrast } from './contrast';

type Rgb = [number, number, number];

/**
 * A 60x20 "label": `bg` everywhere, vertical 1-px glyph stems of `ink` every 3 px with
 * anti-aliased neighbours (ink and background half and half), as a rasterised line of text has.
 */
function label(bg: Rgb, ink: Rgb): Buffer {
  const png = new PNG({ width: 60, height: 20 });
  const half = ink.map((v, i) => Math.round((v + bg[i]) / 2)) as Rgb;
  for (let y = 0; y < 20; y++)
    for (let x = 0; x < 60; x++) {
      const inText = y >= 5 && y < 15 && x >= 6 && x < 54;
      const colour = inText && x % 3 === 0 ? ink : inText && x % 3 === 1 ? half : bg;
      png.data.set([...colour, 255], (y * 60 + x) * 4);
    }
  return PNG.sync.write(png);
}

describe('measureTextContrast', () => {
  it('finds black on white at 21:1 and names both colours', () => {
    const m = measureTextContrast(label([255, 255, 255], [0, 0, 0]));
    expect(m.ratio).toBeCloseTo(21, 5);
    expect(m).toMatchObject({ background: '#ffffff', text: '#000000' });
  });

  it('measures the WCAG ratio of the glyph cores, not of their anti-aliased edges', () => {
    // #767676 on white is the classic 4.54:1.
    expect(measureTextContrast(label([255, 255, 255], [0x76, 0x76, 0x76])).ratio).toBeCloseTo(4.54, 2);
    // Light text on Mantine's dark body.
    const dark = measureTextContrast(label([0x24, 0x24, 0x24], [0xa8, 0xa8, 0xa8]));
    expect(dark.background).toBe('#242424');
    expect(dark.ratio).toBeCloseTo((luminance(168, 168, 168) + 0.05) / (luminance(36, 36, 36) + 0.05), 5);
  });

  it('reports faint text as faint', () => {
    expect(measureTextContrast(label([255, 255, 255], [0xbb, 0xbb, 0xbb])).ratio).toBeLessThan(2);
  });

  it('refuses a screenshot without text', () => {
    expect(() => measureTextContrast(label([255, 255, 255], [255, 255, 255]))).toThrow(/no text/);
  });
});
