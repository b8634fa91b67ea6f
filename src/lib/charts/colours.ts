// The open cases by warning light as a doughnut, with its table. Each slice is named
// (红灯 12 件), so the colours only repeat what the labels say.
import { COLOUR_LABELS } from '$lib/case-labels';
import { formatNumber, formatPercent } from '$lib/format';
import { base } from './common';
import { DARK_COLOURS, LIGHT_COLOURS } from './palette';
import type { ChartOption, ChartOptions, ChartTable } from './types';

export interface ColourCounts {
  green: number;
  yellow: number;
  red: number;
  /** Open cases whose clock is stopped (特别程序), when the caller counts them apart. */
  paused?: number;
}

const PAUSED_LABEL = '计时中止';
const ORDER = ['red', 'yellow', 'green', 'paused'] as const;

function slices(counts: ColourCounts) {
  return ORDER.filter((key) => key !== 'paused' || counts.paused !== undefined).map((key) => ({
    key,
    name: key === 'paused' ? PAUSED_LABEL : COLOUR_LABELS[key],
    value: counts[key] ?? 0
  }));
}

export function colourOption(counts: ColourCounts, opts: ChartOptions = {}): ChartOption {
  const { p, option } = base(opts.dark);
  const colours = opts.dark ? DARK_COLOURS : LIGHT_COLOURS;
  const data = slices(counts);
  return {
    ...option,
    color: data.map((slice) => colours[slice.key]),
    tooltip: {
      ...option.tooltip,
      trigger: 'item',
      formatter: (params: unknown) => {
        const { name, value, percent } = params as { name: string; value: number; percent: number };
        return `${name}：${formatNumber(value)} 件（${formatPercent(percent / 100)}）`;
      }
    },
    legend: { ...option.legend, top: undefined, bottom: 0 },
    series: [
      {
        type: 'pie',
        name: '在办件预警',
        radius: ['48%', '72%'],
        center: ['50%', '45%'],
        // Empty slices would stack their labels on top of each other.
        data: data
          .filter((slice) => slice.value > 0)
          .map((slice) => ({
            name: slice.name,
            value: slice.value,
            itemStyle: { color: colours[slice.key] }
          })),
        label: {
          color: p.text,
          fontSize: p.fontSize,
          formatter: (params: { name?: string; value?: unknown }) =>
            `${params.name ?? ''}\n${formatNumber(params.value as number)} 件`
        },
        itemStyle: { borderColor: opts.dark ? '#0b1a33' : '#ffffff', borderWidth: 2 },
        // No open case: a grey ring rather than nothing (the table says 合计 0).
        showEmptyCircle: true
      }
    ]
  };
}

export function colourTable(counts: ColourCounts): ChartTable {
  const data = slices(counts);
  const total = data.reduce((sum, slice) => sum + slice.value, 0);
  return {
    caption: '在办件预警灯分布',
    columns: ['预警', '件数', '占比'],
    rows: [
      ...data.map((slice) => [
        slice.name,
        formatNumber(slice.value),
        formatPercent(total === 0 ? null : slice.value / total)
      ]),
      ['合计', formatNumber(total), formatPercent(total === 0 ? null : 1)]
    ]
  };
}
