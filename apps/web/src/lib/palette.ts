/**
 * The app's colours, in one place (WCAG 2.1 AA). Mantine's palettes keep their light shades 0–5
 * (backgrounds, borders); shades 6–9 are darkened so that every use of them reads at AA:
 * - filled buttons and badges: white text on shade 6 (≥ 4.5:1, Mantine's `primaryShade` is 6);
 * - light badges and tabs: shade 6 text on shade 6 at 10 % over white (≥ 4.5:1);
 * - text in colour (`c="red.8"`, links = the primary colour's shade 6) on white;
 * - `dimmed` text is gray 6 (≥ 4.5:1 on white and on the light gray backgrounds).
 * `palette.spec.ts` checks every one of these ratios.
 */

export type Shades = readonly [string, string, string, string, string, string, string, string, string, string];

export const PALETTE = {
  blue: ['#e7f5ff', '#d0ebff', '#a5d8ff', '#74c0fc', '#4dabf7', '#339af0', '#1b6cb3', '#1662a7', '#135693', '#114779'],
  green: ['#ebfbee', '#d3f9d8', '#b2f2bb', '#8ce99a', '#69db7c', '#51cf66', '#287736', '#226e30', '#1d6029', '#194f23'],
  // Amber: "done late".
  yellow: ['#fff9db', '#fff3bf', '#ffec99', '#ffe066', '#ffd43b', '#fcc419', '#896103', '#845600', '#7a4700', '#6c3800'],
  orange: ['#fff4e6', '#ffe8cc', '#ffd8a8', '#ffc078', '#ffa94d', '#ff922b', '#a4520d', '#a34405', '#923808', '#7c2909'],
  red: ['#fff5f5', '#ffe3e3', '#ffc9c9', '#ffa8a8', '#ff8787', '#ff6b6b', '#b93d3d', '#b42e2e', '#a12323', '#851c1c'],
  gray: ['#f8f9fa', '#f1f3f5', '#e9ecef', '#dee2e6', '#ced4da', '#adb5bd', '#646a70', '#495057', '#343a40', '#212529'],
  teal: ['#e6fcf5', '#c3fae8', '#96f2d7', '#63e6be', '#38d9a9', '#20c997', '#0c7857', '#086e4f', '#066045', '#054f38'],
  grape: ['#f8f0fc', '#f3d9fa', '#eebefa', '#e599f7', '#da77f2', '#cc5de8', '#9e3eb6', '#9435ab', '#832d98', '#6b257d'],
} as const satisfies Record<string, Shades>;

export type PaletteColor = keyof typeof PALETTE;

function channels(hex: string): [number, number, number] {
  const c = hex.replace('#', '');
  return [0, 2, 4].map((i) => parseInt(c.slice(i, i + 2), 16)) as [number, number, number];
}

/** Relative luminance (WCAG 2.1). */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((x) => {
    const s = x / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio of two colours (1 … 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** `hex` at `alpha` over `under` (how the light variants' backgrounds look). */
export function over(hex: string, alpha: number, under = '#ffffff'): string {
  const top = channels(hex);
  const bottom = channels(under);
  return `#${top.map((x, i) => Math.round(bottom[i] + (x - bottom[i]) * alpha).toString(16).padStart(2, '0')).join('')}`;
}
