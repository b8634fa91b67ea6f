// Trend charts over a period's buckets (days, weeks or months; periods.ts trendGrain):
// throughput, on-time rates and processing days, each with its table alternative.
// Missing values (a bucket without concluded cases has no rate) stay gaps, never zeros.
import { formatDays, formatNumber, formatPercent, MISSING } from '$lib/format';
import type { TrendGrain } from '$lib/kpis/periods';
import { bucketLabel, bucketTableLabel } from './buckets';
import { base, categoryAxis, grid, roundTo, toPercent, tooltipValue, valueAxis } from './common';
import type { ChartOption, ChartOptions, ChartTable } from './types';

export interface TrendPoint {
  /** YYYY-MM-DD, the first day of the bucket. */
  bucket: string;
  received: number;
  concluded: number;
  /** Ratios 0–1; null when nothing was concluded in the bucket. */
  onTimePromised: number | null;
  onTimeStatutory: number | null;
  /** Working days; null when no concluded case had a processing time. */
  avgProcessingDays: number | null;
  avgStatutoryDays: number | null;
}

export const TREND_SERIES = {
  received: '收件量',
  concluded: '办结量',
  onTimePromised: '承诺时限按时办结率',
  onTimeStatutory: '法定时限按时办结率',
  avgProcessingDays: '平均办理时长',
  avgStatutoryDays: '平均法定时限'
} as const;

const GRAIN_WORDS: Record<TrendGrain, string> = { day: '按日', week: '按周', month: '按月' };

function axisFor(points: TrendPoint[], grain: TrendGrain) {
  return points.map((point) => bucketLabel(point.bucket, grain));
}

/** Received vs concluded, as bars side by side. */
export function throughputOption(
  points: TrendPoint[],
  grain: TrendGrain,
  opts: ChartOptions = {}
): ChartOption {
  const { p, option } = base(opts.dark);
  return {
    ...option,
    tooltip: { ...option.tooltip, trigger: 'axis', valueFormatter: tooltipValue(formatNumber) },
    legend: { ...option.legend, data: [TREND_SERIES.received, TREND_SERIES.concluded] },
    grid: grid(opts.dark),
    xAxis: categoryAxis(p, axisFor(points, grain)),
    yAxis: valueAxis(p, { name: '件', minInterval: 1 }),
    series: [
      {
        type: 'bar',
        name: TREND_SERIES.received,
        data: points.map((point) => point.received),
        itemStyle: { color: p.series[0] },
        barMaxWidth: opts.dark ? 36 : 24
      },
      {
        type: 'bar',
        name: TREND_SERIES.concluded,
        data: points.map((point) => point.concluded),
        itemStyle: { color: p.series[1] },
        barMaxWidth: opts.dark ? 36 : 24
      }
    ]
  };
}

function line(name: string, data: (number | null)[], colour: string, width: number, dashed = false) {
  return {
    type: 'line' as const,
    name,
    data,
    // A bucket without a value is a gap: joining across it would invent a trend.
    connectNulls: false,
    showSymbol: true,
    symbolSize: width * 3,
    itemStyle: { color: colour },
    // The second line is dashed so the two are told apart without colour (print, CVD).
    lineStyle: { color: colour, width, type: dashed ? ('dashed' as const) : ('solid' as const) }
  };
}

/** Promised and statutory on-time rates as lines on a 0–100 % axis. */
export function onTimeRateOption(
  points: TrendPoint[],
  grain: TrendGrain,
  opts: ChartOptions = {}
): ChartOption {
  const { p, option } = base(opts.dark);
  return {
    ...option,
    tooltip: {
      ...option.tooltip,
      trigger: 'axis',
      valueFormatter: tooltipValue((value) => formatPercent(value / 100))
    },
    legend: { ...option.legend, data: [TREND_SERIES.onTimePromised, TREND_SERIES.onTimeStatutory] },
    grid: grid(opts.dark),
    xAxis: categoryAxis(p, axisFor(points, grain)),
    yAxis: valueAxis(p, {
      min: 0,
      max: 100,
      axisLabel: { color: p.muted, fontSize: p.fontSize, formatter: '{value}%' }
    }),
    series: [
      line(
        TREND_SERIES.onTimePromised,
        points.map((point) => toPercent(point.onTimePromised)),
        p.series[0],
        p.lineWidth
      ),
      line(
        TREND_SERIES.onTimeStatutory,
        points.map((point) => toPercent(point.onTimeStatutory)),
        p.series[2],
        p.lineWidth,
        true
      )
    ]
  };
}

/** Average processing working days against the average statutory days of the same cases. */
export function processingDaysOption(
  points: TrendPoint[],
  grain: TrendGrain,
  opts: ChartOptions = {}
): ChartOption {
  const { p, option } = base(opts.dark);
  return {
    ...option,
    tooltip: { ...option.tooltip, trigger: 'axis', valueFormatter: tooltipValue((v) => formatDays(v)) },
    legend: {
      ...option.legend,
      data: [TREND_SERIES.avgProcessingDays, TREND_SERIES.avgStatutoryDays]
    },
    grid: grid(opts.dark),
    xAxis: categoryAxis(p, axisFor(points, grain)),
    yAxis: valueAxis(p, { name: '工作日', min: 0 }),
    series: [
      line(
        TREND_SERIES.avgProcessingDays,
        points.map((point) => roundTo(point.avgProcessingDays, 1)),
        p.series[0],
        p.lineWidth
      ),
      line(
        TREND_SERIES.avgStatutoryDays,
        points.map((point) => roundTo(point.avgStatutoryDays, 1)),
        p.series[3],
        p.lineWidth,
        true
      )
    ]
  };
}

const numberCell = (value: number | null) => (value === null ? MISSING : formatNumber(value));

function table(
  title: string,
  points: TrendPoint[],
  grain: TrendGrain,
  columns: [string, (point: TrendPoint) => string][]
): ChartTable {
  return {
    caption: `${title}（${GRAIN_WORDS[grain]}）`,
    columns: ['时间', ...columns.map(([name]) => name)],
    rows: points.map((point) => [
      bucketTableLabel(point.bucket, grain),
      ...columns.map(([, cell]) => cell(point))
    ])
  };
}

export function throughputTable(points: TrendPoint[], grain: TrendGrain): ChartTable {
  return table('收件量与办结量', points, grain, [
    [TREND_SERIES.received, (point) => numberCell(point.received)],
    [TREND_SERIES.concluded, (point) => numberCell(point.concluded)]
  ]);
}

export function onTimeRateTable(points: TrendPoint[], grain: TrendGrain): ChartTable {
  return table('按时办结率', points, grain, [
    [TREND_SERIES.onTimePromised, (point) => formatPercent(point.onTimePromised)],
    [TREND_SERIES.onTimeStatutory, (point) => formatPercent(point.onTimeStatutory)]
  ]);
}

export function processingDaysTable(points: TrendPoint[], grain: TrendGrain): ChartTable {
  return table('平均办理时长与法定时限', points, grain, [
    [TREND_SERIES.avgProcessingDays, (point) => formatDays(point.avgProcessingDays)],
    [TREND_SERIES.avgStatutoryDays, (point) => formatDays(point.avgStatutoryDays)]
  ]);
}

/** All trend figures in one table (e.g. under a group of trend charts, or for export). */
export function trendTable(points: TrendPoint[], grain: TrendGrain): ChartTable {
  return table('趋势数据', points, grain, [
    [TREND_SERIES.received, (point) => numberCell(point.received)],
    [TREND_SERIES.concluded, (point) => numberCell(point.concluded)],
    [TREND_SERIES.onTimePromised, (point) => formatPercent(point.onTimePromised)],
    [TREND_SERIES.onTimeStatutory, (point) => formatPercent(point.onTimeStatutory)],
    [TREND_SERIES.avgProcessingDays, (point) => formatDays(point.avgProcessingDays)],
    [TREND_SERIES.avgStatutoryDays, (point) => formatDays(point.avgStatutoryDays)]
  ]);
}
