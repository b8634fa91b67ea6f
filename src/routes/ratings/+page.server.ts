import { previousPeriod } from '$lib/kpis/periods';
import { areaRoles } from '$lib/navigation';
import { requireRole, sectionScope } from '$lib/server/auth/guard';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { getDb } from '$lib/server/db/index';
import { assembleKpis } from '$lib/server/kpis/kpi-definitions';
import { loadCounts } from '$lib/server/kpis/kpi.service';
import { loadRatingGroups } from '$lib/server/ratings/ratings.repository';
import { followerOptions, readFollowerRequest } from '$lib/server/ratings/rating-request';
import type { PageServerLoad } from './$types';

// 好差评: the rating figures of a period (the headline KPI code, not a copy of it) with the
// previous period, and the ratings by window and by person. Section heads see their
// sections only (the KPI filter carries the scope).
export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, ...areaRoles('/ratings'));
  const db = getDb();
  const scope = sectionScope(user);
  const { choice, cut, filter } = await readFollowerRequest(db, event.url.searchParams, scope, bureauToday());
  const previous = previousPeriod(choice.period);
  const [now, before, byWindow, byStaff, options] = await Promise.all([
    loadCounts(db, choice.period, filter),
    loadCounts(db, previous, filter),
    loadRatingGroups(db, choice.period, filter, 'window'),
    loadRatingGroups(db, choice.period, filter, 'staff'),
    followerOptions(db, scope)
  ]);
  const figures = assembleKpis(now);
  const previousFigures = assembleKpis(before);
  return {
    preset: choice.preset,
    period: choice.period,
    previous,
    periodError: choice.error,
    cut,
    options,
    ratings: now.ratings,
    figures: {
      good_rating_rate: figures.good_rating_rate,
      bad_ratings: figures.bad_ratings,
      rating_coverage: figures.rating_coverage,
      bad_rating_rectified_rate: figures.bad_rating_rectified_rate,
      bad_rating_rectified_on_time_rate: figures.bad_rating_rectified_on_time_rate
    },
    previousFigures: {
      good_rating_rate: previousFigures.good_rating_rate,
      bad_ratings: previousFigures.bad_ratings,
      rating_coverage: previousFigures.rating_coverage,
      bad_rating_rectified_rate: previousFigures.bad_rating_rectified_rate,
      bad_rating_rectified_on_time_rate: previousFigures.bad_rating_rectified_on_time_rate
    },
    byWindow,
    byStaff
  };
};
