import { RECTIFICATION_ISSUE_ROLES, RECTIFICATION_VIEW_ROLES } from '$lib/rectification';
import { hasRole, requireRole } from '$lib/server/auth/guard';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { getDb } from '$lib/server/db/index';
import { describeDates, readNoticeListFilter } from '$lib/server/rectification/list-filter';
import { listNotices } from '$lib/server/rectification/notices.repository';
import { noticeScope } from '$lib/server/rectification/scope';
import type { PageServerLoad } from './$types';

// 整改通知: the notices a user may see, newest first, filtered by state and, from the
// inspectors' overview, by the days they were issued or verified on; overdue ones (not
// verified, past the deadline on the bureau's today) are flagged. The filters narrow the
// user's scope, never widen it.

export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, ...RECTIFICATION_VIEW_ROLES);
  const { state: filter, dates, problems } = readNoticeListFilter(event.url.searchParams);
  const db = getDb();
  const today = bureauToday();
  const notices = await listNotices(db, await noticeScope(db, user), filter, today, dates);
  return {
    notices,
    filter,
    dateFilter: describeDates(dates),
    problems,
    today,
    canIssue: hasRole(user, ...RECTIFICATION_ISSUE_ROLES)
  };
};
