import { CASE_STATUS_LABELS, COLOUR_LABELS, label } from '../../case-labels';
import { CUT_LABELS, type CutDimension } from '../../kpis/cuts';
import { BASIS_LABELS } from '../../kpis/drill-down';
import { FLAG_NAMES } from '../clock/labels';
import type { CutMembers } from '../kpis/cut-members.repository';
import type { CaseListFilter } from './cases.repository';

// The case list's filter in words, for the drill-down banner on /cases and the notes of
// an export: 「期间办结 2026-11-01 至 2026-11-25；科室：市场准入科；承诺时限超期」.

const LATE = { promised: '承诺时限超期办结', statutory: '超法定时限办结' };
const OVERDUE = { promised: '已超承诺时限', statutory: '已超法定时限' };
const DECISION = { approved: '准予许可', denied: '不予许可' };

export function describeCaseFilter(filter: CaseListFilter, members: CutMembers): string[] {
  const name = (dimension: CutDimension, code: string) =>
    members[dimension].find((m) => m.code === code)?.label ?? code;
  const parts: string[] = [];
  if (filter.basis === 'open') parts.push(BASIS_LABELS.open);
  else if (filter.basis && filter.period)
    parts.push(`${BASIS_LABELS[filter.basis]} ${filter.period.from} 至 ${filter.period.to}`);
  if (filter.section) parts.push(`${CUT_LABELS.section}：${name('section', filter.section)}`);
  for (const [dimension, code] of Object.entries(filter.members ?? {}) as [CutDimension, string][]) {
    if (code) parts.push(`${CUT_LABELS[dimension]}：${name(dimension, code)}`);
  }
  if (filter.decision) parts.push(DECISION[filter.decision]);
  if (filter.late) parts.push(LATE[filter.late]);
  if (filter.sameDay) parts.push('当日办结');
  if (filter.overdue) parts.push(OVERDUE[filter.overdue]);
  if (filter.flag) parts.push(`时限异常：${FLAG_NAMES[filter.flag]}`);
  if (filter.q) parts.push(`办件编号开头“${filter.q}”`);
  if (filter.status) parts.push(`状态：${label(CASE_STATUS_LABELS, filter.status)}`);
  if (filter.colour) parts.push(`预警：${label(COLOUR_LABELS, filter.colour)}`);
  return parts;
}
