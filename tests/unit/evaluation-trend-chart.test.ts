import { describe, expect, it } from 'vitest';
import {
  evaluationTrendOption,
  evaluationTrendTable,
  type EvaluationTrendPoint
} from '../../src/lib/charts/evaluation-trend';

// The 第三方测评 trend chart: one line per unit on a 0–100 axis, gaps for months without an index.

const points: EvaluationTrendPoint[] = [
  { month: '2026-09-01', index: { bureau: 81.25, 'service_point:P01': 80 } },
  { month: '2026-10-01', index: { bureau: 83.96 } }
];
const series = [
  { key: 'bureau', name: '全局' },
  { key: 'service_point:P01', name: '区政务服务中心' }
];

describe('the evaluation trend chart', () => {
  it('draws one line per unit over the months, the bureau first and solid', () => {
    const option = evaluationTrendOption(points, series) as {
      xAxis: { data: string[] };
      yAxis: { min: number; max: number };
      series: { name: string; data: (number | null)[]; lineStyle: { type: string } }[];
    };
    expect(option.xAxis.data).toEqual(['2026年9月', '2026年10月']);
    expect(option.yAxis).toMatchObject({ min: 0, max: 100 });
    expect(option.series.map((s) => [s.name, s.data, s.lineStyle.type])).toEqual([
      ['全局', [81.25, 83.96], 'solid'],
      ['区政务服务中心', [80, null], 'dashed']
    ]);
  });
  it('gives the same numbers as a table, indexes cut to one decimal and — for a gap', () => {
    expect(evaluationTrendTable(points, series)).toEqual({
      caption: '综合指数月度趋势',
      columns: ['月份', '全局', '区政务服务中心'],
      rows: [
        ['2026年9月', '81.2', '80.0'],
        ['2026年10月', '83.9', '—']
      ]
    });
  });
});
