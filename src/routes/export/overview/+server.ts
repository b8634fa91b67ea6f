import { areaRoles } from '$lib/navigation';
import { requireRole, sectionScope } from '$lib/server/auth/guard';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { getDb } from '$lib/server/db/index';
import { exportResponse, readExportFormat } from '$lib/server/export';
import { apiError } from '$lib/server/http/api-errors';
import { cutWords, figuresTable, rankingTable } from '$lib/server/kpis/overview-export';
import { readOverviewRequest } from '$lib/server/kpis/overview-request';
import { loadOverview } from '$lib/server/kpis/overview.service';
import { CARD_GROUPS } from '../../overview/figure-groups';
import type { RequestHandler } from './$types';

// GET /export/overview?table=figures|ranking&format=xlsx|csv&…the overview's own query…:
// the overview's figures (with the previous period and the year before) or its ranking,
// for the same period, cut and scope as the page.
export const GET: RequestHandler = async (event) => {
  const user = requireRole(event, ...areaRoles('/'));
  const params = event.url.searchParams;
  const format = readExportFormat(params);
  const { request } = readOverviewRequest(params, bureauToday(), sectionScope(user));
  const overview = await loadOverview(getDb(), request);
  const now = new Date();
  const cut = cutWords(overview, request.cut);
  const stamp = `${request.period.from}_${request.period.to}`;
  if (params.get('table') === 'ranking') {
    const table = rankingTable(overview, now, cut);
    if (!table) return apiError(400, 'bad_parameter', '多个维度组合筛选时没有排行，请只保留一个维度的筛选');
    return exportResponse(table, format, { name: `${table.title}-${stamp}`, ascii: `ranking-${stamp}` });
  }
  const lines = CARD_GROUPS.flatMap((group) => group.cards);
  const table = figuresTable(overview, lines, now, cut);
  return exportResponse(table, format, { name: `审批效能指标-${stamp}`, ascii: `figures-${stamp}` });
};
