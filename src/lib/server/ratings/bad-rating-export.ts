import type { Kysely } from 'kysely';
import { formatDate, formatNumber } from '../../format';
import { MARK_STATE_LABELS, NOTICE_PROGRESS_LABELS, RATING_CHANNEL_LABELS } from '../../rating-marks';
import type { SectionScope } from '../cases/section-scope';
import type { Database } from '../db/database';
import {
  exportResponse,
  listExportNotes,
  nameWithCode,
  type ExportColumn,
  type ExportFormat
} from '../export';
import { loadBadRatingPage, readBadRatingRequest } from './bad-rating-list';

// /ratings/bad/export: the bad-rating list as a file, with the page's filters and scope,
// every row up to the cap (docs/rules/exports.md). No applicant data is in the rows.

export const BAD_RATING_EXPORT_LIMIT = 50_000;

const COLUMNS: ExportColumn[] = [
  { key: 'id', header: '评价编号', kind: 'text' },
  { key: 'rated_at', header: '评价时间', kind: 'datetime' },
  { key: 'level', header: '星级', kind: 'integer' },
  { key: 'channel', header: '评价渠道', kind: 'text' },
  { key: 'case_no', header: '办件编号', kind: 'text' },
  { key: 'window_name', header: '窗口', kind: 'text' },
  { key: 'staff_name', header: '工作人员', kind: 'text' },
  { key: 'comment', header: '评价内容', kind: 'text', width: 40 },
  { key: 'notice', header: '整改情况', kind: 'text' },
  { key: 'mark', header: '标记', kind: 'text' }
];

export async function exportBadRatings(
  db: Kysely<Database>,
  params: URLSearchParams,
  scope: SectionScope,
  format: ExportFormat,
  today: string,
  now = new Date()
): Promise<Response> {
  const request = { ...(await readBadRatingRequest(db, params, scope, today)), page: 1 };
  const { rows, hasNext } = await loadBadRatingPage(db, request, BAD_RATING_EXPORT_LIMIT);
  const table = {
    title: '差评清单',
    columns: COLUMNS,
    rows: rows.map((r) => ({
      ...r,
      channel: RATING_CHANNEL_LABELS[r.channel] ?? r.channel,
      window_name: nameWithCode(r.window_name, r.window_code),
      staff_name: nameWithCode(r.staff_name, r.staff_no),
      notice: NOTICE_PROGRESS_LABELS[r.notice],
      mark: MARK_STATE_LABELS[r.mark]
    })),
    notes: [
      ...listExportNotes(now, `${request.choice.period.from} 至 ${request.choice.period.to}`, scope),
      `共 ${formatNumber(rows.length)} 条；评价内容中的证件号码、电话已脱敏`,
      hasNext ? `注意：超过导出上限，仅包含最新的 ${formatNumber(BAD_RATING_EXPORT_LIMIT)} 条` : ''
    ].filter(Boolean)
  };
  const stamp = formatDate(now);
  return exportResponse(table, format, { name: `差评清单-${stamp}`, ascii: `bad-ratings-${stamp}` });
}
