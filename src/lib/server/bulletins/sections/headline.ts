import { monthLabel } from '../../../bulletins';
import { formatDays, formatNumber, formatPercent } from '../../../format';
import { assembleKpis, type KpiFigures, type RatioFigure } from '../../kpis/kpi-definitions';
import { countRow, countTable, pointsChange, rateRow, rateTable } from './compare';
import type { SectionProvider } from './types';

// 主要指标: the headline figures of the month (shared/spec/kpis.md) against the month
// before, bureau-wide, from the KPI service: no formula is computed here.

const COUNTS = [
  ['received', '收件量'],
  ['accepted', '受理量'],
  ['concluded', '办结量'],
  ['approved', '准予许可'],
  ['denied', '不予许可'],
  ['rejected', '不予受理'],
  ['withdrawn', '申请人撤回']
] as const;

const RATES = [
  ['on_time_rate_promised', '承诺时限按时办结率'],
  ['on_time_rate_statutory', '法定时限按时办结率'],
  ['same_day_rate', '即办率'],
  ['time_compression', '时限压缩率'],
  ['efficiency_gain', '审批效率提升'],
  ['online_rate', '网上办理率'],
  ['good_rating_rate', '好评率'],
  ['rating_coverage', '主动评价率']
] as const;

const ratio = (figures: KpiFigures, name: (typeof RATES)[number][0] | 'avg_processing_days') =>
  figures[name] as RatioFigure;

export function headlineParagraph(month: string, now: KpiFigures, before: KpiFigures): string {
  const count = (f: KpiFigures, name: 'received' | 'concluded') => formatNumber(f[name].value);
  return (
    `${monthLabel(month)}，全局收件 ${count(now, 'received')} 件（上月 ${count(before, 'received')} 件），` +
    `办结 ${count(now, 'concluded')} 件（上月 ${count(before, 'concluded')} 件）；` +
    `承诺时限按时办结率 ${formatPercent(ratio(now, 'on_time_rate_promised').value)}，` +
    `较上月${pointsChange(ratio(now, 'on_time_rate_promised').value, ratio(before, 'on_time_rate_promised').value)}；` +
    `法定时限按时办结率 ${formatPercent(ratio(now, 'on_time_rate_statutory').value)}；` +
    `平均办理时长 ${formatDays(ratio(now, 'avg_processing_days').value)}；` +
    `差评 ${formatNumber(now.bad_ratings.value)} 条，投诉 ${formatNumber(now.complaints.value)} 件。`
  );
}

export const headlineSection: SectionProvider = {
  key: 'headline',
  title: '主要指标',
  async load({ month, bureauCounts }) {
    const { current: nowCounts, previous: beforeCounts } = await bureauCounts();
    const now = assembleKpis(nowCounts);
    const before = assembleKpis(beforeCounts);
    const days = (f: KpiFigures) => ratio(f, 'avg_processing_days').value;
    return {
      paragraphs: [headlineParagraph(month, now, before)],
      tables: [
        countTable(
          '办件量（件）',
          COUNTS.map(([name, label]) => countRow(label, now[name].value ?? 0, before[name].value ?? 0))
        ),
        rateTable(
          '时效、便民与评价',
          RATES.map(([name, label]) => rateRow(label, ratio(now, name), ratio(before, name))),
          ['时限压缩率 = 1 − Σ办理工作日 ÷ Σ法定工作日；审批效率提升 = Σ法定工作日 ÷ Σ办理工作日 − 1。']
        ),
        {
          title: '办理时长（工作日）',
          columns: [
            { key: 'indicator', header: '指标', kind: 'text' },
            { key: 'current', header: '本月', kind: 'decimal' },
            { key: 'previous', header: '上月', kind: 'decimal' },
            { key: 'basis', header: '本月计算依据', kind: 'text' }
          ],
          rows: [
            {
              indicator: '平均办理时长',
              current: days(now),
              previous: days(before),
              basis: `Σ办理工作日 ${formatNumber(nowCounts.processingDays)} ÷ 办件 ${formatNumber(nowCounts.withProcessing)}`
            }
          ]
        }
      ]
    };
  }
};
