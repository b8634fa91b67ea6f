import { error, fail, redirect } from '@sveltejs/kit';
import { APPRAISAL_CLOSE_ROLES, APPRAISAL_ENTRY_ROLES } from '$lib/appraisal/catalogue';
import { addMonths, monthsEndingAt } from '$lib/appraisal/months';
import { areaRoles } from '$lib/navigation';
import { isMonthClosable } from '$lib/server/appraisal/appraisal-dates';
import { monthPageData } from '$lib/server/appraisal/month-page';
import { listUnclosedMonths } from '$lib/server/appraisal/results.repository';
import { scopeResults } from '$lib/server/appraisal/results-scope';
import { closeMonth } from '$lib/server/appraisal/closing.service';
import {
  AppraisalError,
  loadMonthView,
  month01,
  readMonthParam
} from '$lib/server/appraisal/results.service';
import { loadTrend } from '$lib/server/appraisal/trend.service';
import { actorOf } from '$lib/server/auth/actor';
import { hasRole, requireRole, sectionScope } from '$lib/server/auth/guard';
import { loadCalendarFrom } from '$lib/server/case-clock/calendar.repository';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { getDb } from '$lib/server/db/index';
import type { Actions, PageServerLoad } from './$types';

// 千分制考核: a month's ranking bureau-wide and by section, window means, the awards, the
// trend, and closing (leaders). Section heads see their sections; staff are sent to
// their own page. Open months are computed live, closed ones are their frozen snapshot.

export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, ...areaRoles('/appraisal'));
  if (!hasRole(user, 'leader', 'inspector', 'section_head')) redirect(303, '/appraisal/me');
  const today = bureauToday();
  const month = readMonthParam(event.url.searchParams.get('month'), today);
  if (!month) error(400, { message: '月份格式应为 YYYY-MM，且不能晚于本月', code: 'bad_request' });
  const db = getDb();
  const view = await loadMonthView(db, month, { today });
  const scope = sectionScope(user);
  const page = monthPageData(scopeResults(view.results, scope), view);
  const trend = await loadTrend(db, month, null, { known: view.status.closed ? undefined : view.results });

  let closableMonths: string[] = [];
  if (hasRole(user, ...APPRAISAL_CLOSE_ROLES)) {
    const calendar = await loadCalendarFrom(db);
    const unclosed = await listUnclosedMonths(db, month01(today.slice(0, 7)));
    closableMonths = unclosed.filter((m) => isMonthClosable(m, today, calendar));
  }
  return {
    month,
    months: monthsEndingAt(today.slice(0, 7), 24).reverse(),
    previousMonth: addMonths(today.slice(0, 7), 1),
    status: view.status,
    ruleSetId: view.results.ruleSetId,
    computedAt: view.results.computedAt,
    scopeAll: scope === 'all',
    ...page,
    trend,
    closableMonths,
    canClose: hasRole(user, ...APPRAISAL_CLOSE_ROLES),
    canEnter: hasRole(user, ...APPRAISAL_ENTRY_ROLES)
  };
};

export const actions: Actions = {
  close: async (event) => {
    const user = requireRole(event, ...APPRAISAL_CLOSE_ROLES);
    const month = String((await event.request.formData()).get('month') ?? '');
    try {
      await closeMonth(getDb(), actorOf(user, event.getClientAddress()), month);
    } catch (e) {
      if (e instanceof AppraisalError) return fail(e.status === 403 ? 403 : 400, { closeError: e.message });
      throw e;
    }
    redirect(303, `/appraisal?month=${month}&closed=1`);
  }
};
