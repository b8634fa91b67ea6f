// The thousand-point appraisal over the months: the bureau mean and, on a person's page,
// the person's total, as lines. A month without results (the appraisal not running, or
// the person not scored) is a gap, never a zero. The axis is scaled to the data: scores
// live between 900 and 1050, and a 0-based axis would flatten every change.
import { monthLabel } from '$lib/appraisal/months';
import { MISSING } from '$lib/format';
import { base, categoryAxis, grid, orNull, tooltipValue, valueAxis } from './common';
import type { ChartOption, ChartOptions, ChartTable } from './types';

export interface AppraisalTrendPoint {
  /** 'YYYY-MM' */
  month: string;
  bureauMean: number | null;
  /** The person's total; null without a person or when not scored that month. */
  person: number | null;
}

export const BUREAU_MEAN_LABEL = '全局平均分';

/** Scores to one decimal (a mean of half points may run long). */
export function formatScore(value: number | null | undefined): string {
  const v = orNull(value);
  return v === null ? MISSING : String(Math.round(v * 10) / 10);
}

const round1 = (value: number | null) => {
  const v = orNull(value);
  return v === null ? null : Math.round(v * 10) / 10;
};

/** `personName` given: a second, dashed line for the person (told apart without colour). */
export function appraisalTrendOption(
  points: readonly AppraisalTrendPoint[],
  personName?: string,
  opts: ChartOptions = {}
): ChartOption {
  const { p, option } = base(opts.dark);
  const line = (name: string, data: (number | null)[], colour: string, dashed: boolean) => ({
    type: 'line' as const,
    name,
    data,
    connectNulls: false,
    showSymbol: true,
    symbolSize: p.lineWidth * 3,
    itemStyle: { color: colour },
    lineStyle: { color: colour, width: p.lineWidth, type: dashed ? ('dashed' as const) : ('solid' as const) }
  });
  const series = [
    line(
      BUREAU_MEAN_LABEL,
      points.map((x) => round1(x.bureauMean)),
      p.series[0],
      Boolean(personName)
    )
  ];
  if (personName)
    series.push(
      line(
        personName,
        points.map((x) => round1(x.person)),
        p.series[1],
        false
      )
    );
  return {
    ...option,
    tooltip: { ...option.tooltip, trigger: 'axis', valueFormatter: tooltipValue(formatScore) },
    legend: { ...option.legend, data: series.map((s) => s.name) },
    grid: grid(opts.dark),
    xAxis: categoryAxis(
      p,
      points.map((x) => monthLabel(x.month))
    ),
    // Around the data in steps of 50, so that a single month does not spread over 400–1600.
    yAxis: valueAxis(p, {
      name: '分',
      scale: true,
      min: (v: { min: number }) => Math.max(0, Math.floor((v.min - 10) / 50) * 50),
      max: (v: { max: number }) => Math.ceil((v.max + 10) / 50) * 50
    }),
    series
  };
}

export function appraisalTrendTable(points: readonly AppraisalTrendPoint[], personName?: string): ChartTable {
  return {
    caption: personName ? `${personName}与全局平均分（按月）` : '全局平均分（按月）',
    columns: ['月份', BUREAU_MEAN_LABEL, ...(personName ? [personName] : [])],
    rows: points.map((x) => [
      monthLabel(x.month),
      formatScore(x.bureauMean),
      ...(personName ? [formatScore(x.person)] : [])
    ])
  };
}
