import { describe, expect, it } from 'vitest';
import {
  appraisalTrendOption,
  appraisalTrendTable,
  BUREAU_MEAN_LABEL,
  formatScore
} from '../../src/lib/charts/appraisal-trend';

// The appraisal trend: the bureau mean and a person's total as lines, gaps kept.

type Loose = Record<string, any>;
const POINTS = [
  { month: '2025-08', bureauMean: null, person: null },
  { month: '2025-09', bureauMean: 968.33333, person: 925 },
  { month: '2025-10', bureauMean: 980, person: null }
];

describe('the appraisal trend chart', () => {
  it('draws the bureau mean alone on the month page, gaps as nulls, Chinese months', () => {
    const option = appraisalTrendOption(POINTS) as Loose;
    expect(option.xAxis.data).toEqual(['2025年8月', '2025年9月', '2025年10月']);
    expect(option.series).toHaveLength(1);
    expect(option.series[0]).toMatchObject({ name: BUREAU_MEAN_LABEL, type: 'line', connectNulls: false });
    expect(option.series[0].data).toEqual([null, 968.3, 980]);
    expect(option.yAxis.scale).toBe(true);
    expect([option.yAxis.min({ min: 955 }), option.yAxis.max({ max: 955 })]).toEqual([900, 1000]);
    expect([option.yAxis.min({ min: 910 }), option.yAxis.max({ max: 1050 })]).toEqual([900, 1100]);
    expect(option.series[0].lineStyle.type).toBe('solid');
  });

  it('adds the person as a second line, the mean dashed', () => {
    const option = appraisalTrendOption(POINTS, '员工1') as Loose;
    expect(option.legend.data).toEqual([BUREAU_MEAN_LABEL, '员工1']);
    expect(option.series[1].data).toEqual([null, 925, null]);
    expect(option.series[0].lineStyle.type).toBe('dashed');
    expect(option.tooltip.valueFormatter(968.33)).toBe('968.3');
    expect(option.tooltip.valueFormatter('-')).toBe('—');
  });

  it('has the same numbers as a table', () => {
    expect(appraisalTrendTable(POINTS, '员工1')).toEqual({
      caption: '员工1与全局平均分（按月）',
      columns: ['月份', BUREAU_MEAN_LABEL, '员工1'],
      rows: [
        ['2025年8月', '—', '—'],
        ['2025年9月', '968.3', '925'],
        ['2025年10月', '980', '—']
      ]
    });
    expect(appraisalTrendTable(POINTS).columns).toEqual(['月份', BUREAU_MEAN_LABEL]);
    expect(formatScore(1000.5)).toBe('1000.5');
  });
});
