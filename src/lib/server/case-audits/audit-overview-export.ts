import { formatDateTime } from '../../format';
import type { Period } from '../../kpis/periods';
import type { TableExport } from '../export';
import { bandRows, type FileFigures } from './audit-overview';

// The overview's bands table as a file (docs/rules/exports.md): one line per section and
// the 合计 line (bandRows), the mean a number rounded to one decimal.

export function bandsTable(figures: FileFigures, period: Period, now: Date): TableExport {
  const rate = figures.defectRate;
  return {
    title: '各科室评查等次',
    notes: [
      `抽取期间：${period.from} 至 ${period.to}（按抽取日期）`,
      rate.interval
        ? `不合格率 ${rate.defects}/${rate.reviewed}，95% Wilson 区间 ${(rate.interval.lower * 100).toFixed(1)}% – ${(rate.interval.upper * 100).toFixed(1)}%`
        : '本期没有已评查的案卷',
      `导出时间：${formatDateTime(now)}（北京时间）`
    ],
    columns: [
      { key: 'section', header: '科室', kind: 'text', width: 20 },
      { key: 'drawn', header: '抽中案卷', kind: 'integer' },
      { key: 'reviewed', header: '已评查', kind: 'integer' },
      { key: 'mean', header: '平均得分', kind: 'number' },
      { key: 'excellent', header: '优秀', kind: 'integer' },
      { key: 'pass', header: '合格', kind: 'integer' },
      { key: 'fail', header: '不合格', kind: 'integer' }
    ],
    rows: bandRows(figures)
  };
}
