import { CUT_DIMENSIONS, cutFromParams, type CutDimension } from '$lib/kpis/cuts';
import { DEFAULT_METRIC, isRankingMetric } from '$lib/kpis/ranking-metrics';
import { areaRoles } from '$lib/navigation';
import { requireRole, sectionScope } from '$lib/server/auth/guard';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { getDb } from '$lib/server/db/index';
import { loadOverview } from '$lib/server/kpis/overview.service';
import { readPeriod } from '$lib/server/kpis/period-params';
import type { PageServerLoad } from './$types';

// 总览: the headline figures of the chosen period and cut with the previous period and
// the same period a year earlier, the trends and a ranking, all from the rollups. The
// period and cut live in the URL (shareable; Back restores them).
export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, ...areaRoles('/'));
  const params = event.url.searchParams;
  const today = bureauToday();
  const choice = readPeriod(params, today);
  const cut = cutFromParams(params);
  const rank = params.get('rank');
  const rankBy: CutDimension = CUT_DIMENSIONS.find((d) => d === rank) ?? 'section';
  const metricParam = params.get('metric');
  const metric = isRankingMetric(metricParam) ? metricParam : DEFAULT_METRIC;
  const overview = await loadOverview(getDb(), {
    period: choice.period,
    cut,
    scope: sectionScope(user),
    rankBy,
    metric
  });
  const options = Object.fromEntries(
    CUT_DIMENSIONS.map((d) => [d, overview.members[d].map((m) => ({ value: m.code, label: m.label }))])
  ) as Record<CutDimension, { value: string; label: string }[]>;
  const { members: _members, ...rest } = overview;
  void _members;
  return { ...rest, today, preset: choice.preset, periodError: choice.error, cut, options };
};
