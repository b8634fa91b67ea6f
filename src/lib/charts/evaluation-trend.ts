// The composite index by month (第三方测评 trend): the bureau and each service point as a
// line on a 0–100 axis, with its table alternative. A month without an index is a gap.
import { monthLabel } from '$lib/evaluation';
import { formatIndex } from '$lib/format';
import { base, categoryAxis, grid, orNull, tooltipValue, valueAxis } from './common';
import type { ChartOption, ChartOptions, ChartTable } from './types';

export interface EvaluationTrendPoint {
  /** 'YYYY-MM-01' */
  month: string;
  /** Index by unit key; absent or null when the unit was not evaluated that month. */
  index: Record<string, number | null>;
}

export interface EvaluationTrendSeries {
  key: string;
  name: string;
}

const valueOf = (point: EvaluationTrendPoint, key: string) => orNull(point.index[key]);

export function evaluationTrendOption(
  points: EvaluationTrendPoint[],
  series: EvaluationTrendSeries[],
  opts: ChartOptions = {}
): ChartOption {
  const { p, option } = base(opts.dark);
  return {
    ...option,
    tooltip: { ...option.tooltip, trigger: 'axis', valueFormatter: tooltipValue((v) => formatIndex(v)) },
    legend: { ...option.legend, data: series.map((s) => s.name), type: 'scroll' },
    grid: grid(opts.dark),
    xAxis: categoryAxis(
      p,
      points.map((point) => monthLabel(point.month))
    ),
    yAxis: valueAxis(p, { min: 0, max: 100, name: '综合指数' }),
    series: series.map((s, i) => ({
      type: 'line' as const,
      name: s.name,
      data: points.map((point) => valueOf(point, s.key)),
      connectNulls: false,
      showSymbol: true,
      // A single month is a dot; it must be visible without a line through it.
      symbolSize: 7,
      itemStyle: { color: p.series[i % p.series.length] },
      // The bureau's line is the thick one; service points are thinner and dashed.
      lineStyle: {
        color: p.series[i % p.series.length],
        width: i === 0 ? p.lineWidth + 1 : p.lineWidth,
        type: i === 0 ? ('solid' as const) : ('dashed' as const)
      }
    }))
  };
}

export function evaluationTrendTable(
  points: EvaluationTrendPoint[],
  series: EvaluationTrendSeries[]
): ChartTable {
  return {
    caption: '综合指数月度趋势',
    columns: ['月份', ...series.map((s) => s.name)],
    rows: points.map((point) => [
      monthLabel(point.month),
      ...series.map((s) => formatIndex(valueOf(point, s.key)))
    ])
  };
}
