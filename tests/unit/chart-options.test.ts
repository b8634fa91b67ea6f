import { describe, expect, it } from 'vitest';
import { bucketLabel, bucketTableLabel } from '../../src/lib/charts/buckets';
import { colourOption, colourTable } from '../../src/lib/charts/colours';
import { DARK, DARK_COLOURS, LIGHT, LIGHT_COLOURS } from '../../src/lib/charts/palette';
import {
  BAND_COLOURS,
  scoreHistogramOption,
  scoreHistogramTable
} from '../../src/lib/charts/score-histogram';
import { SCORE_BIN_LABELS } from '../../src/lib/audit-overview';
import { rankingHeight, rankingOption, rankingTable } from '../../src/lib/charts/ranking';
import {
  onTimeRateOption,
  onTimeRateTable,
  processingDaysOption,
  processingDaysTable,
  throughputOption,
  throughputTable,
  trendTable,
  type TrendPoint
} from '../../src/lib/charts/trend';
import type { ChartOption } from '../../src/lib/charts/types';

// The builders return plain data; these helpers read it without ECharts' union types.
type Loose = Record<string, any>;
const series = (option: ChartOption): Loose[] => option.series as Loose[];
const axis = (option: ChartOption, name: 'xAxis' | 'yAxis'): Loose => option[name] as Loose;
const tooltip = (option: ChartOption): Loose => option.tooltip as Loose;

const POINTS: TrendPoint[] = [
  {
    bucket: '2026-11-23',
    received: 1234,
    concluded: 1100,
    onTimePromised: 0.964,
    onTimeStatutory: 1,
    avgProcessingDays: 3.24,
    avgStatutoryDays: 15
  },
  {
    bucket: '2026-11-30',
    received: 0,
    concluded: 0,
    onTimePromised: null,
    onTimeStatutory: null,
    avgProcessingDays: null,
    avgStatutoryDays: null
  },
  {
    bucket: '2026-12-07',
    received: 15,
    concluded: 9,
    onTimePromised: 0.8889,
    onTimeStatutory: 0.95,
    avgProcessingDays: 0,
    avgStatutoryDays: 12.5
  }
];

describe('bucket labels', () => {
  it('names a day by month and day on the axis and in full in the table', () => {
    expect(bucketLabel('2026-11-25', 'day')).toBe('11-25');
    expect(bucketTableLabel('2026-11-25', 'day')).toBe('2026-11-25');
  });

  it('names a week by its Monday with 周, and by its Monday to Sunday in the table', () => {
    expect(bucketLabel('2026-11-23', 'week')).toBe('11-23周');
    expect(bucketTableLabel('2026-11-23', 'week')).toBe('2026-11-23 至 11-29');
    expect(bucketTableLabel('2026-12-28', 'week')).toBe('2026-12-28 至 01-03');
  });

  it('names a month as year-month', () => {
    expect(bucketLabel('2026-11-01', 'month')).toBe('2026-11');
    expect(bucketTableLabel('2026-11-01', 'month')).toBe('2026-11');
  });
});

describe('throughputOption', () => {
  const option = throughputOption(POINTS, 'week');

  it('draws received and concluded as two bar series in bucket order', () => {
    expect(series(option).map((s) => [s.type, s.name])).toEqual([
      ['bar', '收件量'],
      ['bar', '办结量']
    ]);
    expect(series(option)[0].data).toEqual([1234, 0, 15]);
    expect(series(option)[1].data).toEqual([1100, 0, 9]);
  });

  it('labels the category axis with the buckets', () => {
    expect(axis(option, 'xAxis').data).toEqual(['11-23周', '11-30周', '12-07周']);
  });

  it('shows counts in the tooltip with thousands separators', () => {
    expect(tooltip(option).valueFormatter(1234)).toBe('1,234');
    expect(tooltip(option).valueFormatter(null)).toBe('—');
  });

  it('counts whole cases on the value axis', () => {
    expect(axis(option, 'yAxis')).toMatchObject({ type: 'value', name: '件', minInterval: 1 });
  });

  it('has a legend for both series and uses the light palette by default', () => {
    expect((option.legend as Loose).data).toEqual(['收件量', '办结量']);
    expect(series(option)[0].itemStyle.color).toBe(LIGHT.series[0]);
    expect((option.textStyle as Loose).color).toBe(LIGHT.text);
  });
});

describe('onTimeRateOption', () => {
  const option = onTimeRateOption(POINTS, 'week');

  it('plots the promised and statutory rates as lines in percent, one decimal', () => {
    expect(series(option).map((s) => [s.type, s.name])).toEqual([
      ['line', '承诺时限按时办结率'],
      ['line', '法定时限按时办结率']
    ]);
    expect(series(option)[0].data).toEqual([96.4, null, 88.9]);
    expect(series(option)[1].data).toEqual([100, null, 95]);
  });

  it('leaves a bucket without concluded cases as a gap, not as zero', () => {
    expect(series(option).every((s) => s.connectNulls === false)).toBe(true);
    expect(series(option)[0].data[1]).toBeNull();
  });

  it('fixes the y axis to 0–100 with % labels', () => {
    expect(axis(option, 'yAxis')).toMatchObject({ min: 0, max: 100 });
    expect(axis(option, 'yAxis').axisLabel.formatter).toBe('{value}%');
  });

  it('formats tooltip values as percentages and a gap as a dash', () => {
    expect(tooltip(option).valueFormatter(96.4)).toBe('96.4%');
    expect(tooltip(option).valueFormatter('-')).toBe('—');
  });

  it('tells the two lines apart by dash as well as colour', () => {
    expect(series(option).map((s) => s.lineStyle.type)).toEqual(['solid', 'dashed']);
  });
});

describe('processingDaysOption', () => {
  const option = processingDaysOption(POINTS, 'week');

  it('plots average processing days against average statutory days, one decimal, gaps as null', () => {
    expect(series(option).map((s) => s.name)).toEqual(['平均办理时长', '平均法定时限']);
    expect(series(option)[0].data).toEqual([3.2, null, 0]);
    expect(series(option)[1].data).toEqual([15, null, 12.5]);
  });

  it('labels the axis in working days and shows them in the tooltip', () => {
    expect(axis(option, 'yAxis')).toMatchObject({ name: '工作日', min: 0 });
    expect(tooltip(option).valueFormatter(3.2)).toBe('3.2 个工作日');
  });
});

describe('dark variant (the big screen)', () => {
  it('uses the dark palette, larger fonts and a transparent background', () => {
    const option = throughputOption(POINTS, 'day', { dark: true });
    expect(option.backgroundColor).toBe('transparent');
    expect((option.textStyle as Loose).color).toBe(DARK.text);
    expect((option.textStyle as Loose).fontSize).toBeGreaterThan(LIGHT.fontSize);
    expect(series(option)[0].itemStyle.color).toBe(DARK.series[0]);
    expect(axis(option, 'xAxis').axisLabel.color).toBe(DARK.muted);
  });

  it('draws thicker lines', () => {
    const option = onTimeRateOption(POINTS, 'day', { dark: true });
    expect(series(option)[0].lineStyle.width).toBe(DARK.lineWidth);
  });
});

describe('empty trend input', () => {
  it('gives empty series and axis rather than failing', () => {
    for (const build of [throughputOption, onTimeRateOption, processingDaysOption]) {
      const option = build([], 'month');
      expect(axis(option, 'xAxis').data).toEqual([]);
      expect(series(option).every((s) => s.data.length === 0)).toBe(true);
    }
  });

  it('gives a table with its columns and no rows', () => {
    expect(trendTable([], 'day')).toMatchObject({ rows: [] });
    expect(trendTable([], 'day').columns).toHaveLength(7);
  });
});

describe('trend tables (text alternative)', () => {
  it('throughput: formatted counts per bucket, with the grain in the caption', () => {
    expect(throughputTable(POINTS, 'week')).toEqual({
      caption: '收件量与办结量（按周）',
      columns: ['时间', '收件量', '办结量'],
      rows: [
        ['2026-11-23 至 11-29', '1,234', '1,100'],
        ['2026-11-30 至 12-06', '0', '0'],
        ['2026-12-07 至 12-13', '15', '9']
      ]
    });
  });

  it('on-time rates in percent, missing as a dash', () => {
    expect(onTimeRateTable(POINTS, 'week').rows).toEqual([
      ['2026-11-23 至 11-29', '96.4%', '100.0%'],
      ['2026-11-30 至 12-06', '—', '—'],
      ['2026-12-07 至 12-13', '88.9%', '95.0%']
    ]);
  });

  it('processing days in working days', () => {
    expect(processingDaysTable(POINTS, 'month').rows[0]).toEqual([
      '2026-11',
      '3.2 个工作日',
      '15.0 个工作日'
    ]);
  });

  it('the combined table has every trend figure', () => {
    expect(trendTable(POINTS, 'day').rows[0]).toEqual([
      '2026-11-23',
      '1,234',
      '1,100',
      '96.4%',
      '100.0%',
      '3.2 个工作日',
      '15.0 个工作日'
    ]);
  });
});

describe('rankingOption', () => {
  const rows = [
    { label: '市场准入科', value: 0.9876 },
    { label: '建设工程科', value: null },
    { label: '社会事务科', value: 0.5 }
  ];

  it('draws horizontal bars in the given order, the first on top', () => {
    const option = rankingOption(rows, { format: 'rate' });
    expect(axis(option, 'yAxis')).toMatchObject({
      type: 'category',
      inverse: true,
      data: ['市场准入科', '建设工程科', '社会事务科']
    });
    expect(axis(option, 'xAxis').type).toBe('value');
    expect(series(option)[0].type).toBe('bar');
  });

  it('plots rates on a 0–100 % axis and leaves a missing value without a bar', () => {
    const option = rankingOption(rows, { format: 'rate' });
    expect(series(option)[0].data).toEqual([98.8, null, 50]);
    expect(axis(option, 'xAxis')).toMatchObject({ min: 0, max: 100 });
    expect(axis(option, 'xAxis').axisLabel.formatter).toBe('{value}%');
  });

  it('labels each bar with the formatted figure', () => {
    const label = series(rankingOption(rows, { format: 'rate' }))[0].label;
    expect(label.formatter({ value: 98.8 })).toBe('98.8%');
    expect(label.formatter({ value: null })).toBe('—');
    const days = series(rankingOption([{ label: 'a', value: 3.25 }], { format: 'days' }))[0];
    expect(days.data).toEqual([3.3]);
    expect(days.label.formatter({ value: 3.3 })).toBe('3.3 个工作日');
    const counts = series(rankingOption([{ label: 'a', value: 12345 }], { format: 'count' }))[0];
    expect(counts.label.formatter({ value: 12345 })).toBe('12,345');
  });

  it('leaves the count axis without a fixed maximum', () => {
    expect(axis(rankingOption(rows, { format: 'count' }), 'xAxis').max).toBeUndefined();
  });

  it('handles no rows', () => {
    const option = rankingOption([], { format: 'count' });
    expect(axis(option, 'yAxis').data).toEqual([]);
    expect(series(option)[0].data).toEqual([]);
  });

  it('uses the dark palette on the big screen', () => {
    const option = rankingOption(rows, { format: 'rate' }, { dark: true });
    expect(series(option)[0].itemStyle.color).toBe(DARK.series[0]);
    expect(axis(option, 'yAxis').axisLabel.color).toBe(DARK.text);
  });

  it('suggests a height that grows with the rows', () => {
    expect(rankingHeight(2)).toBe('160px');
    expect(rankingHeight(20)).toBe('640px');
  });

  it('has a table with the formatted values', () => {
    expect(
      rankingTable(rows, { format: 'rate', caption: '各科室按时办结率', valueHeader: '按时办结率' })
    ).toEqual({
      caption: '各科室按时办结率',
      columns: ['名称', '按时办结率'],
      rows: [
        ['市场准入科', '98.8%'],
        ['建设工程科', '—'],
        ['社会事务科', '50.0%']
      ]
    });
  });
});

describe('colourOption', () => {
  it('draws a doughnut of red, yellow and green in the colours of the warning lights', () => {
    const option = colourOption({ green: 40, yellow: 7, red: 3 });
    const pie = series(option)[0];
    expect(pie.type).toBe('pie');
    expect(pie.radius).toEqual(['48%', '72%']);
    expect(pie.data).toEqual([
      { name: '红灯', value: 3, itemStyle: { color: LIGHT_COLOURS.red } },
      { name: '黄灯', value: 7, itemStyle: { color: LIGHT_COLOURS.yellow } },
      { name: '绿灯', value: 40, itemStyle: { color: LIGHT_COLOURS.green } }
    ]);
  });

  it('names each slice with its count, so colour is not the only cue', () => {
    const pie = series(colourOption({ green: 1234, yellow: 0, red: 0 }))[0];
    expect(pie.label.formatter({ name: '绿灯', value: 1234 })).toBe('绿灯\n1,234 件');
    const tip = tooltip(colourOption({ green: 1, yellow: 0, red: 0 })).formatter({
      name: '绿灯',
      value: 1,
      percent: 100
    });
    expect(tip).toBe('绿灯：1 件（100.0%）');
  });

  it('adds a grey 计时中止 slice only when paused cases are given', () => {
    expect(series(colourOption({ green: 1, yellow: 1, red: 1 }))[0].data).toHaveLength(3);
    const pie = series(colourOption({ green: 1, yellow: 1, red: 1, paused: 2 }))[0];
    expect(pie.data[3]).toEqual({ name: '计时中止', value: 2, itemStyle: { color: LIGHT_COLOURS.paused } });
  });

  it('leaves out empty slices and shows an empty ring when nothing is open', () => {
    const pie = series(colourOption({ green: 0, yellow: 0, red: 0 }))[0];
    expect(pie.data).toEqual([]);
    expect(pie.showEmptyCircle).toBe(true);
  });

  it('uses the brighter light colours on the big screen', () => {
    const pie = series(colourOption({ green: 1, yellow: 1, red: 1 }, { dark: true }))[0];
    expect(pie.data.map((d: Loose) => d.itemStyle.color)).toEqual([
      DARK_COLOURS.red,
      DARK_COLOURS.yellow,
      DARK_COLOURS.green
    ]);
    expect(pie.label.color).toBe(DARK.text);
  });

  it('has a table with counts, shares and the total', () => {
    expect(colourTable({ green: 6, yellow: 3, red: 1, paused: 0 })).toEqual({
      caption: '在办件预警灯分布',
      columns: ['预警', '件数', '占比'],
      rows: [
        ['红灯', '1', '10.0%'],
        ['黄灯', '3', '30.0%'],
        ['绿灯', '6', '60.0%'],
        ['计时中止', '0', '0.0%'],
        ['合计', '10', '100.0%']
      ]
    });
  });

  it('shows shares as a dash when nothing is open', () => {
    expect(colourTable({ green: 0, yellow: 0, red: 0 }).rows.at(-1)).toEqual(['合计', '0', '—']);
  });
});

describe('score histogram (督查概览)', () => {
  const bins = [1, 0, 0, 0, 0, 2, 0, 3, 4, 5];

  it('draws ten columns labelled by bin, coloured by the band each bin lies in', () => {
    const option = scoreHistogramOption(bins);
    expect(axis(option, 'xAxis').data).toEqual([...SCORE_BIN_LABELS]);
    expect(axis(option, 'xAxis').data[0]).toBe('0–9.5');
    expect(axis(option, 'xAxis').data[9]).toBe('90–100');
    const data = series(option)[0].data as Loose[];
    expect(data.map((d) => d.value)).toEqual(bins);
    expect(data[5].itemStyle.color).toBe(BAND_COLOURS.fail);
    expect(data[6].itemStyle.color).toBe(BAND_COLOURS.pass);
    expect(data[8].itemStyle.color).toBe(BAND_COLOURS.pass);
    expect(data[9].itemStyle.color).toBe(BAND_COLOURS.excellent);
    expect(axis(option, 'yAxis').minInterval).toBe(1);
  });

  it('labels only the columns that hold files', () => {
    const label = series(scoreHistogramOption(bins))[0].label as Loose;
    expect(label.formatter({ value: 0 })).toBe('');
    expect(label.formatter({ value: 1234 })).toBe('1,234');
    expect(tooltip(scoreHistogramOption(bins)).valueFormatter(3)).toBe('3 件');
  });

  it('tables the bins with their band and share, and a total', () => {
    const table = scoreHistogramTable(bins);
    expect(table.columns).toEqual(['分数段', '等次', '案卷数', '占比']);
    expect(table.rows[0]).toEqual(['0–9.5', '不合格', '1', '6.7%']);
    expect(table.rows[7]).toEqual(['70–79.5', '合格', '3', '20.0%']);
    expect(table.rows[9]).toEqual(['90–100', '优秀', '5', '33.3%']);
    expect(table.rows[10]).toEqual(['合计', '', '15', '100.0%']);
    expect(scoreHistogramTable(new Array(10).fill(0)).rows[10]).toEqual(['合计', '', '0', '—']);
  });

  it('refuses a wrong number of bins', () => {
    expect(() => scoreHistogramOption([1, 2])).toThrow(RangeError);
    expect(() => scoreHistogramTable([])).toThrow(RangeError);
  });
});

describe('score histogram axis', () => {
  it('names every bin, slanted', () => {
    const label = axis(scoreHistogramOption(new Array(10).fill(0)), 'xAxis').axisLabel as Loose;
    expect(label).toMatchObject({ interval: 0, rotate: 35, hideOverlap: false });
  });
});
