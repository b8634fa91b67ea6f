import { CUT_DIMENSIONS, type CutDimension } from '$lib/kpis/cuts';
import { areaRoles } from '$lib/navigation';
import { requireRole, sectionScope } from '$lib/server/auth/guard';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { getDb } from '$lib/server/db/index';
import { listNotices } from '$lib/server/rectification/notices.repository';
import { noticeScope } from '$lib/server/rectification/scope';
import { readOverviewRequest } from '$lib/server/kpis/overview-request';
import { loadOverview } from '$lib/server/kpis/overview.service';
import type { PageServerLoad } from './$types';

// 总览: the headline figures of the chosen period and cut with the previous period and
// the same period a year earlier, the trends and a ranking, all from the rollups. The
// period and cut live in the URL (shareable; Back restores them). Below them, the overdue
// rectification notices the user may see (any period: they stay until verified).
export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, ...areaRoles('/'));
  const today = bureauToday();
  const { request, choice } = readOverviewRequest(event.url.searchParams, today, sectionScope(user));
  const db = getDb();
  const [overview, overdueNotices] = await Promise.all([
    loadOverview(db, request),
    noticeScope(db, user).then((scope) => listNotices(db, scope, 'overdue', today))
  ]);
  const options = Object.fromEntries(
    CUT_DIMENSIONS.map((d) => [d, overview.members[d].map((m) => ({ value: m.code, label: m.label }))])
  ) as Record<CutDimension, { value: string; label: string }[]>;
  const { members: _members, ...rest } = overview;
  void _members;
  return {
    ...rest,
    today,
    preset: choice.preset,
    periodError: choice.error,
    cut: request.cut,
    options,
    overdueNotices
  };
};
