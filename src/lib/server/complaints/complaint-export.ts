import type { Kysely } from 'kysely';
import { formatDate, formatNumber } from '../../format';
import { COMPLAINT_SOURCE_LABELS, substantiatedText } from '../../rating-marks';
import type { SectionScope } from '../cases/section-scope';
import type { Database } from '../db/database';
import {
  exportResponse,
  listExportNotes,
  nameWithCode,
  type ExportColumn,
  type ExportFormat
} from '../export';
import { loadComplaintRequest } from './complaint-list';

// /complaints/export: the complaint list with the page's period, cut and filters. Complaints
// carry no applicant data in the contract, so nothing needs masking.

const COLUMNS: ExportColumn[] = [
  { key: 'id', header: '投诉编号', kind: 'text' },
  { key: 'received_at', header: '收到时间', kind: 'datetime' },
  { key: 'source', header: '来源', kind: 'text' },
  { key: 'category', header: '类别', kind: 'text' },
  { key: 'case_no', header: '办件编号', kind: 'text' },
  { key: 'window', header: '窗口', kind: 'text' },
  { key: 'staff', header: '工作人员', kind: 'text' },
  { key: 'substantiated', header: '是否属实', kind: 'text' },
  { key: 'closed_at', header: '办结时间', kind: 'datetime' },
  { key: 'closing_days', header: '办结用时（工作日）', kind: 'integer' }
];

export async function exportComplaints(
  db: Kysely<Database>,
  params: URLSearchParams,
  scope: SectionScope,
  format: ExportFormat,
  today: string,
  now = new Date()
): Promise<Response> {
  const { request, list } = await loadComplaintRequest(db, params, scope, today);
  const table = {
    title: '投诉清单',
    columns: COLUMNS,
    rows: list.map((r) => ({
      ...r,
      source: COMPLAINT_SOURCE_LABELS[r.source] ?? r.source,
      window: nameWithCode(r.window_name, r.window_code),
      staff: nameWithCode(r.staff_name, r.staff_no),
      substantiated: substantiatedText(r.substantiated)
    })),
    notes: [
      ...listExportNotes(
        now,
        `${request.choice.period.from} 至 ${request.choice.period.to}（按收到时间）`,
        scope
      ),
      `共 ${formatNumber(list.length)} 条`
    ]
  };
  const stamp = formatDate(now);
  return exportResponse(table, format, { name: `投诉清单-${stamp}`, ascii: `complaints-${stamp}` });
}
