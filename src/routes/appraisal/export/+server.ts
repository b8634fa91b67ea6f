import { error } from '@sveltejs/kit';
import { scopeResults } from '$lib/server/appraisal/results-scope';
import { rankingExport } from '$lib/server/appraisal/results-export';
import { loadMonthView, readMonthParam } from '$lib/server/appraisal/results.service';
import { requireRole, sectionScope } from '$lib/server/auth/guard';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { getDb } from '$lib/server/db/index';
import { exportResponse, readExportFormat } from '$lib/server/export';
import type { RequestHandler } from './$types';

// GET /appraisal/export?month=YYYY-MM&format=xlsx|csv: the month's ranking as the page
// shows it (section heads: their sections). Staff have no ranking to export.
export const GET: RequestHandler = async (event) => {
  const user = requireRole(event, 'leader', 'inspector', 'section_head');
  const params = event.url.searchParams;
  const format = readExportFormat(params);
  const month = readMonthParam(params.get('month'), bureauToday());
  if (!month) error(400, { message: '月份格式应为 YYYY-MM，且不能晚于本月', code: 'bad_request' });
  const view = await loadMonthView(getDb(), month);
  const scope = sectionScope(user);
  const table = rankingExport(scopeResults(view.results, scope), {
    closed: view.status.closed,
    closedAt: view.status.closedAt,
    scopeNote: scope === 'all' ? '全局' : `本人负责科室（${scope.join('、') || '无'}）`
  });
  return exportResponse(table, format, {
    name: `千分制考核排名-${month}`,
    ascii: `appraisal-ranking-${month}`
  });
};
