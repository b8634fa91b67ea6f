// Pieces every builder shares: the text style, the tooltip and the axes in one palette.
import { MISSING } from '$lib/format';
import { palette, type Palette } from './palette';
import type { ChartOption } from './types';

/** A value for ECharts: null stays null, which ECharts draws as a gap, never as zero. */
export const orNull = (value: number | null | undefined): number | null =>
  value === null || value === undefined || !Number.isFinite(value) ? null : value;

/** A ratio (0–1) as a percentage number for a 0–100 axis, one decimal; null stays null. */
export const toPercent = (ratio: number | null | undefined): number | null => {
  const value = orNull(ratio);
  return value === null ? null : Math.round(value * 1000) / 10;
};

export const roundTo = (value: number | null | undefined, digits: number): number | null => {
  const v = orNull(value);
  return v === null ? null : Number(v.toFixed(digits));
};

/** Tooltip values arrive as unknown (a number, null or '-' for a gap). */
export const tooltipValue =
  (format: (value: number) => string) =>
  (value: unknown): string =>
    typeof value === 'number' && Number.isFinite(value) ? format(value) : MISSING;

export function base(dark: boolean | undefined): { p: Palette; option: ChartOption } {
  const p = palette(dark);
  return {
    p,
    option: {
      // The dark wall has its own background; the office page is white.
      backgroundColor: 'transparent',
      color: [...p.series],
      // EChart.svelte's role=img wrapper carries the label and ChartFigure the data table;
      // ECharts' own description ("第0个系列…") would only repeat them worse. The aria
      // component is kept for its decal patterns, which EChart switches on for printing so
      // series stay apart on a black-and-white printout.
      aria: { enabled: true, label: { enabled: false }, decal: { show: false } },
      textStyle: { color: p.text, fontSize: p.fontSize },
      animation: !dark, // the wall refreshes on its own; no bouncing bars across the room
      tooltip: {
        backgroundColor: p.tooltipBg,
        borderColor: p.axisLine,
        textStyle: { color: p.text, fontSize: p.fontSize }
      },
      legend: {
        top: 0,
        textStyle: { color: p.text, fontSize: p.legendFontSize },
        itemGap: dark ? 32 : 20
      }
    }
  };
}

export function categoryAxis(p: Palette, labels: string[]) {
  return {
    type: 'category' as const,
    data: labels,
    axisLine: { lineStyle: { color: p.axisLine } },
    axisTick: { alignWithLabel: true, lineStyle: { color: p.axisLine } },
    axisLabel: { color: p.muted, fontSize: p.fontSize, hideOverlap: true }
  };
}

export function valueAxis(p: Palette, extra: Record<string, unknown> = {}) {
  return {
    type: 'value' as const,
    axisLine: { show: false },
    splitLine: { lineStyle: { color: p.splitLine } },
    axisLabel: { color: p.muted, fontSize: p.fontSize },
    nameTextStyle: { color: p.muted, fontSize: p.fontSize },
    ...extra
  };
}

export function grid(dark: boolean | undefined) {
  return dark ? { left: 16, right: 24, top: 64, bottom: 16 } : { left: 8, right: 16, top: 44, bottom: 8 };
}
