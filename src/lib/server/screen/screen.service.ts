import type { Kysely } from 'kysely';
import { presetPeriod } from '../../kpis/periods';
import {
  scopeLabel,
  screenGroups,
  screenLights,
  screenRanking,
  urgentCase,
  type ScreenData
} from '../../screen/screen-data';
import type { SectionScope } from '../cases/section-scope';
import { bureauToday } from '../case-clock/bureau-date';
import type { Database } from '../db/database';
import { loadOverview } from '../kpis/overview.service';
import { listLitCases } from '../warnings/warnings.repository';

// The big screen's figures for one refresh: today's and the month's overview (the month
// also gives the daily trend and the sections ranked by promised on-time rate), and the
// most urgent red cases. Everything is reduced to JSON-safe values, because the wall
// re-reads it from the data endpoint, not only through the page load.

/** As many as fit the wall's bottom row at 16:9. */
const URGENT_CASES = 6;

export async function loadScreen(
  db: Kysely<Database>,
  scope: SectionScope,
  now = new Date()
): Promise<ScreenData> {
  const today = bureauToday(now);
  const month = presetPeriod('this_month', today);
  const request = { cut: {}, scope, rankBy: 'section', metric: 'on_time_rate_promised' } as const;
  const [todayOverview, monthOverview, red] = await Promise.all([
    loadOverview(db, { ...request, period: presetPeriod('today', today) }),
    loadOverview(db, { ...request, period: month }),
    listLitCases(db, scope, 'red', URGENT_CASES)
  ]);
  const ranking = screenRanking(monthOverview.ranking?.rows ?? []);
  const { freshness } = monthOverview;
  return {
    generatedAt: now.toISOString(),
    today,
    month,
    scopeLabel: scopeLabel(scope, monthOverview.members.section),
    freshness: { lastSyncAt: freshness.lastSyncAt?.toISOString() ?? null, stale: freshness.stale },
    groups: screenGroups(todayOverview.figures, monthOverview.figures),
    lights: screenLights(monthOverview.figures),
    trend: monthOverview.trend,
    ranking: ranking.rows,
    rankingLeftOff: ranking.leftOff,
    urgent: red.map(urgentCase)
  };
}
