import { error } from '@sveltejs/kit';
import { monthsEndingAt } from '$lib/appraisal/months';
import { areaRoles } from '$lib/navigation';
import { loadPersonView } from '$lib/server/appraisal/person-view';
import { findStaff } from '$lib/server/appraisal/results.repository';
import { readMonthParam } from '$lib/server/appraisal/results.service';
import { requireRole } from '$lib/server/auth/guard';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { getDb } from '$lib/server/db/index';
import type { PageServerLoad } from './$types';

// The signed-in user's own score record: their account's staff number (users.staff_no)
// names the synced staff member. Without one, the page says so instead of failing.
export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, ...areaRoles('/appraisal'));
  const today = bureauToday();
  const month = readMonthParam(event.url.searchParams.get('month'), today);
  if (!month) error(400, { message: '月份格式应为 YYYY-MM，且不能晚于本月', code: 'bad_request' });
  const months = monthsEndingAt(today.slice(0, 7), 24).reverse();
  const db = getDb();
  const staff = user.staffNo ? await findStaff(db, { staffNo: user.staffNo }) : undefined;
  if (!staff) return { view: null, staffNo: user.staffNo, months, month };
  return { view: await loadPersonView(db, user, staff.id, month), staffNo: user.staffNo, months, month };
};
