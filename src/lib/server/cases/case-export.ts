import type { Kysely } from 'kysely';
import { CASE_STATUS_LABELS, COLOUR_LABELS, label } from '../../case-labels';
import { formatDate, formatDateTime, formatNumber } from '../../format';
import type { Database } from '../db/database';
import { exportResponse, type ExportColumn, type ExportFormat, type TableExport } from '../export';
import { caseListFilter, maskRow } from './case-list';
import { loadCutMembers } from '../kpis/cut-members.repository';
import { describeCaseFilter } from './case-filter-description';
import { listCases, type SectionScope } from './cases.repository';

// The case list as a file (/cases/export): the list's filters and scope, every matching
// row up to a cap, personal data masked before the rows reach the writer.

/** More rows than this is a bulk extract, not a list export: narrow the filters. */
export const CASE_EXPORT_LIMIT = 50_000;

export const CASE_COLUMNS: ExportColumn[] = [
  { key: 'case_no', header: '办件编号', kind: 'text' },
  { key: 'matter_name', header: '审批事项', kind: 'text' },
  { key: 'section_name', header: '审批科室', kind: 'text' },
  { key: 'status', header: '状态', kind: 'text' },
  { key: 'applicant_name', header: '申请人', kind: 'text' },
  { key: 'applicant_id_no', header: '证件号码（脱敏）', kind: 'text', width: 22 },
  { key: 'applicant_phone', header: '联系电话（脱敏）', kind: 'text', width: 16 },
  { key: 'received_at', header: '收件时间', kind: 'datetime' },
  { key: 'accepted_at', header: '受理时间', kind: 'datetime' },
  { key: 'concluded_at', header: '办结时间', kind: 'datetime' },
  { key: 'promised_due_on', header: '承诺到期日', kind: 'date' },
  { key: 'statutory_due_on', header: '法定到期日', kind: 'date' },
  { key: 'colour', header: '预警', kind: 'text' }
];

export async function exportCaseList(
  db: Kysely<Database>,
  params: URLSearchParams,
  scope: SectionScope,
  format: ExportFormat,
  options: { now?: Date; limit?: number } = {}
): Promise<Response> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? CASE_EXPORT_LIMIT;
  const filter = { ...caseListFilter(params, limit), offset: 0 };
  // One row more than the cap tells whether the file is complete.
  const [found, members] = await Promise.all([
    listCases(db, { ...filter, limit: limit + 1 }, scope),
    loadCutMembers(db, scope)
  ]);
  const described = describeCaseFilter(filter, members);
  const truncated = found.length > limit;
  const rows = found.slice(0, limit).map((row) => {
    const masked = maskRow(row);
    return {
      ...masked,
      status: label(CASE_STATUS_LABELS, masked.status),
      colour: masked.colour ? label(COLOUR_LABELS, masked.colour) : ''
    };
  });

  const notes = [
    `导出时间：${formatDateTime(now)}（北京时间）`,
    `筛选条件：${described.length ? described.join('；') : '无（全部办件）'}`,
    scope === 'all' ? '' : '数据范围：本人所在科室',
    `共 ${formatNumber(rows.length)} 条；证件号码、联系电话已脱敏`,
    truncated
      ? `注意：结果超过导出上限，仅包含最新收件的 ${formatNumber(limit)} 条，请缩小筛选范围后分批导出`
      : ''
  ].filter(Boolean);
  const table: TableExport = { title: '办件清单', columns: CASE_COLUMNS, rows, notes };

  // CSV has no notes (machine-readable); there the file name and a header say it is partial.
  const stamp = formatDate(now);
  const partial = truncated ? `-前${limit}条` : '';
  return exportResponse(
    table,
    format,
    { name: `办件清单-${stamp}${partial}`, ascii: `cases-${stamp}${truncated ? `-first-${limit}` : ''}` },
    truncated ? { 'X-Export-Truncated': String(limit) } : {}
  );
}
