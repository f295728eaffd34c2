import { describe, expect, it } from '@jest/globals';
import { contrastRatio, over, PALETTE, type PaletteColor } from './palette';

const AA = 4.5;
const colors = Object.keys(PALETTE) as PaletteColor[];

describe('the palette reads at WCAG 2.1 AA', () => {
  it('computes contrast as WCAG does (black on white 21:1, Mantine blue 6 on white 3.56:1)', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#228be6', '#ffffff')).toBeCloseTo(3.56, 2);
    expect(over('#000000', 0.5)).toBe('#808080');
  });

  it.each(colors)('%s: white on the filled shade, the light variant, coloured text on white', (name) => {
    const p = PALETTE[name];
    // Filled buttons and badges (white label on shade 6), and their hover (shade 7).
    expect(contrastRatio('#ffffff', p[6])).toBeGreaterThanOrEqual(AA);
    expect(contrastRatio('#ffffff', p[7])).toBeGreaterThanOrEqual(AA);
    // Light badges, tabs and alerts: shade 6 text on shade 6 at 10 % (hover 12 %) over white.
    expect(contrastRatio(p[6], over(p[6], 0.12))).toBeGreaterThanOrEqual(AA);
    // Text in colour (c="red.8", links) on white, on the page's light gray (gray 0) and on shade 0.
    for (const shade of [6, 7, 8, 9]) {
      expect(contrastRatio(p[shade], '#ffffff')).toBeGreaterThanOrEqual(AA);
      expect(contrastRatio(p[shade], PALETTE.gray[0])).toBeGreaterThanOrEqual(AA);
      expect(contrastRatio(p[shade], p[0])).toBeGreaterThanOrEqual(AA);
    }
  });

  it('dimmed text (gray 6) on white, on gray 0 and gray 1, and on the unread blue 0', () => {
    for (const bg of ['#ffffff', PALETTE.gray[0], PALETTE.gray[1], PALETTE.blue[0]]) expect(contrastRatio(PALETTE.gray[6], bg)).toBeGreaterThanOrEqual(AA);
  });
});
