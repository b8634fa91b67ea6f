import { RECTIFICATION_ISSUE_ROLES, RECTIFICATION_VIEW_ROLES, STATE_FILTERS } from '$lib/rectification';
import { hasRole, requireRole } from '$lib/server/auth/guard';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { getDb } from '$lib/server/db/index';
import { listNotices, type StateFilter } from '$lib/server/rectification/notices.repository';
import { noticeScope } from '$lib/server/rectification/scope';
import type { PageServerLoad } from './$types';

// 整改通知: the notices a user may see, newest first, filtered by state; overdue ones
// (not verified, past the deadline on the bureau's today) are flagged.

export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, ...RECTIFICATION_VIEW_ROLES);
  const wanted = event.url.searchParams.get('state') ?? 'all';
  const filter = (STATE_FILTERS.some((f) => f.value === wanted) ? wanted : 'all') as StateFilter;
  const db = getDb();
  const today = bureauToday();
  const notices = await listNotices(db, await noticeScope(db, user), filter, today);
  return { notices, filter, today, canIssue: hasRole(user, ...RECTIFICATION_ISSUE_ROLES) };
};
