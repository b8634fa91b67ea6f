// Colours and type sizes of the charts, for the office pages (light) and the big screen
// (dark wall, read from across a room). Series colours are told apart by lightness as
// well as hue, so they survive a black-and-white printout and red–green colour blindness.

export interface Palette {
  text: string;
  muted: string;
  axisLine: string;
  splitLine: string;
  tooltipBg: string;
  /** In the order the builders use them: received, concluded, third, fourth. */
  series: [string, string, string, string];
  fontSize: number;
  legendFontSize: number;
  lineWidth: number;
}

export const LIGHT: Palette = {
  text: '#1f2329',
  muted: '#5b6472',
  axisLine: '#9aa3b0',
  splitLine: '#e4e7ec',
  tooltipBg: '#ffffff',
  series: ['#1a4f9c', '#d9822b', '#2e7d32', '#7b4fa0'],
  fontSize: 12,
  legendFontSize: 13,
  lineWidth: 2
};

export const DARK: Palette = {
  text: '#e8eef7',
  muted: '#a9b6c9',
  axisLine: '#5a6b87',
  splitLine: 'rgba(255, 255, 255, 0.12)',
  tooltipBg: '#14213a',
  series: ['#5ab0ff', '#ffb547', '#6fd08c', '#c59bf0'],
  fontSize: 18,
  legendFontSize: 20,
  lineWidth: 3
};

export const palette = (dark = false): Palette => (dark ? DARK : LIGHT);

/**
 * The 电子监察 lights. The office shades are the saturated siblings of WarningLight.svelte's
 * text colours (#b71c1c, #8a5a00, #1b5e20): that badge's yellow is a dark amber meant for
 * text, too brown to read as "yellow" in a filled slice, so the slice uses #d4a106.
 */
export const LIGHT_COLOURS = {
  red: '#b71c1c',
  yellow: '#d4a106',
  green: '#2e7d32',
  paused: '#8c8c8c'
} as const;

export const DARK_COLOURS = {
  red: '#ff4d4f',
  yellow: '#fadb14',
  green: '#52c41a',
  paused: '#8c98a8'
} as const;
