// The scores of the reviewed files in 10-point bins (督查概览), as columns coloured by the
// band the bin lies in, with its table. The bins come from audit-overview.ts scoreBins.
import { binBand, SCORE_BIN_COUNT, SCORE_BIN_LABELS } from '$lib/audit-overview';
import { formatNumber, formatPercent } from '$lib/format';
import { BAND_NAMES, type Band } from '$lib/scoresheet';
import { base, categoryAxis, grid, tooltipValue, valueAxis } from './common';
import type { ChartOption, ChartOptions, ChartTable } from './types';

/** 不合格 red, 合格 blue, 优秀 green: the light chart's shades (palette.ts). */
export const BAND_COLOURS: Record<Band, string> = {
  fail: '#b71c1c',
  pass: '#1a4f9c',
  excellent: '#2e7d32'
};

function checkBins(bins: readonly number[]) {
  if (bins.length !== SCORE_BIN_COUNT) throw new RangeError(`expected ${SCORE_BIN_COUNT} bins`);
}

export function scoreHistogramOption(bins: readonly number[], opts: ChartOptions = {}): ChartOption {
  checkBins(bins);
  const { p, option } = base(opts.dark);
  return {
    ...option,
    legend: { show: false },
    tooltip: {
      ...option.tooltip,
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: tooltipValue((value) => `${formatNumber(value)} 件`)
    },
    grid: { ...grid(opts.dark), top: 24, containLabel: true },
    xAxis: (() => {
      const axis = categoryAxis(p, [...SCORE_BIN_LABELS]);
      // Every bin named, slanted to fit half a page: hideOverlap would drop every other one.
      return { ...axis, axisLabel: { ...axis.axisLabel, interval: 0, rotate: 35, hideOverlap: false } };
    })(),
    yAxis: valueAxis(p, { minInterval: 1, name: '案卷数' }),
    series: [
      {
        type: 'bar',
        name: '案卷数',
        // Each column in its band's colour: the red of 不合格 below 60 stands out.
        data: bins.map((count, i) => ({ value: count, itemStyle: { color: BAND_COLOURS[binBand(i)] } })),
        barCategoryGap: '12%',
        label: {
          show: true,
          position: 'top',
          color: p.text,
          fontSize: p.fontSize,
          // An empty bin carries no "0" label: the axis already says nothing is there.
          formatter: (params: { value?: unknown }) =>
            typeof params.value === 'number' && params.value > 0 ? formatNumber(params.value) : ''
        }
      }
    ]
  };
}

export function scoreHistogramTable(bins: readonly number[]): ChartTable {
  checkBins(bins);
  const total = bins.reduce((sum, n) => sum + n, 0);
  return {
    caption: '评查得分分布',
    columns: ['分数段', '等次', '案卷数', '占比'],
    rows: [
      ...bins.map((count, i) => [
        SCORE_BIN_LABELS[i],
        BAND_NAMES[binBand(i)],
        formatNumber(count),
        formatPercent(total === 0 ? null : count / total)
      ]),
      ['合计', '', formatNumber(total), formatPercent(total === 0 ? null : 1)]
    ]
  };
}
