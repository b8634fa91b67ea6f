// A ranking as horizontal bars, in the order given (the caller ranks), with its table.
import { formatFigure, MISSING } from '$lib/format';
import { base, orNull, roundTo, toPercent, tooltipValue, valueAxis } from './common';
import type { ChartOption, ChartOptions, ChartTable } from './types';

export interface RankingRow {
  label: string;
  value: number | null;
}
export type RankingFormat = 'count' | 'rate' | 'days';

/** What ECharts plots: rates as percentages (0–100), days to one decimal, counts as they are. */
function plotted(value: number | null, format: RankingFormat): number | null {
  if (format === 'rate') return toPercent(value);
  if (format === 'days') return roundTo(value, 1);
  return orNull(value);
}

/** Back from the plotted number to the figure, for labels and tooltips. */
const unplot = (value: number, format: RankingFormat) => (format === 'rate' ? value / 100 : value);

/** A height that gives every bar room: pass it to EChart's `height`. */
export function rankingHeight(rows: number, opts: ChartOptions = {}): string {
  const perRow = opts.dark ? 44 : 30;
  return `${Math.max(160, 40 + rows * perRow)}px`;
}

export function rankingOption(
  rows: RankingRow[],
  { format }: { format: RankingFormat },
  opts: ChartOptions = {}
): ChartOption {
  const { p, option } = base(opts.dark);
  const text = (value: unknown) =>
    typeof value === 'number' ? formatFigure(unplot(value, format), format) : MISSING;
  return {
    ...option,
    legend: { show: false },
    tooltip: {
      ...option.tooltip,
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: tooltipValue((value) => text(value))
    },
    grid: { left: 8, right: opts.dark ? 120 : 88, top: 8, bottom: 8 },
    xAxis: valueAxis(p, {
      min: 0,
      ...(format === 'rate'
        ? { max: 100, axisLabel: { color: p.muted, fontSize: p.fontSize, formatter: '{value}%' } }
        : {}),
      ...(format === 'count' ? { minInterval: 1 } : {})
    }),
    yAxis: {
      type: 'category',
      data: rows.map((row) => row.label),
      // The first row on top: a category axis otherwise starts at the bottom.
      inverse: true,
      axisLine: { lineStyle: { color: p.axisLine } },
      axisTick: { show: false },
      axisLabel: {
        color: p.text,
        fontSize: p.fontSize,
        width: opts.dark ? 220 : 140,
        overflow: 'truncate'
      }
    },
    series: [
      {
        type: 'bar',
        name: '数值',
        data: rows.map((row) => plotted(row.value, format)),
        itemStyle: { color: p.series[0] },
        barMaxWidth: opts.dark ? 28 : 18,
        label: {
          show: true,
          position: 'right',
          color: p.text,
          fontSize: p.fontSize,
          formatter: (params: { value?: unknown }) => text(params.value)
        }
      }
    ]
  };
}

export function rankingTable(
  rows: RankingRow[],
  { format, caption, valueHeader }: { format: RankingFormat; caption: string; valueHeader: string }
): ChartTable {
  return {
    caption,
    columns: ['名称', valueHeader],
    rows: rows.map((row) => [row.label, formatFigure(row.value, format)])
  };
}
