import { DIMENSION_LABELS, DIMENSIONS } from '../../appraisal/catalogue';
import { monthLabel } from '../../appraisal/months';
import { formatDateTime } from '../../format';
import type { ExportColumn, TableExport } from '../export';
import type { MonthResults } from './month-results';

// The month's ranking as a table file (/appraisal/export): the rows the page shows, in the
// caller's scope (scopeResults first), with the month's state in the notes.

export function rankingExport(
  results: MonthResults,
  state: { closed: boolean; closedAt: Date | null; scopeNote: string },
  now: Date = new Date()
): TableExport {
  const columns: ExportColumn[] = [
    { key: 'bureauRank', header: '全局排名', kind: 'integer' },
    { key: 'sectionRank', header: '科室排名', kind: 'integer' },
    { key: 'staffNo', header: '工号', kind: 'text' },
    { key: 'name', header: '姓名', kind: 'text' },
    { key: 'section', header: '科室', kind: 'text' },
    { key: 'window', header: '窗口', kind: 'text' },
    ...DIMENSIONS.map((d): ExportColumn => ({ key: d, header: DIMENSION_LABELS[d], kind: 'number' })),
    { key: 'bonus', header: '加分', kind: 'number' },
    { key: 'total', header: '总分', kind: 'number' }
  ];
  const rows = results.staff.map((p) => ({
    bureauRank: p.bureauRank,
    sectionRank: p.sectionRank,
    staffNo: p.staffNo,
    name: p.name,
    section: p.sectionName ?? '',
    window: p.windowName ?? '',
    ...Object.fromEntries(DIMENSIONS.map((d) => [d, p.dimensions[d].score])),
    bonus: p.bonus.counted,
    total: p.total
  }));
  return {
    title: `千分制考核排名 ${monthLabel(results.month)}`,
    columns,
    rows,
    notes: [
      state.closed
        ? `已结账（${formatDateTime(state.closedAt)}），数据为结账时冻结的结果`
        : `未结账，数据为 ${formatDateTime(new Date(results.computedAt))} 的实时计算结果，可能变化`,
      `数据范围：${state.scopeNote}`,
      `规则版本：第 ${results.ruleSetId} 版`,
      `导出时间：${formatDateTime(now)}（北京时间）`
    ]
  };
}
