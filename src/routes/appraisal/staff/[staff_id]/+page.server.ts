import { error } from '@sveltejs/kit';
import { areaRoles } from '$lib/navigation';
import { monthsEndingAt } from '$lib/appraisal/months';
import { loadPersonView } from '$lib/server/appraisal/person-view';
import { readMonthParam } from '$lib/server/appraisal/results.service';
import { requireRole } from '$lib/server/auth/guard';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { getDb } from '$lib/server/db/index';
import type { PageServerLoad } from './$types';

// A person's month. Row scope in loadPersonView: section heads their sections, staff only
// themselves (404 for anyone else, so staff ids cannot be probed).
export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, ...areaRoles('/appraisal'));
  const staffId = Number(event.params.staff_id);
  if (!Number.isSafeInteger(staffId) || staffId <= 0)
    error(404, { message: '未找到该人员', code: 'not_found' });
  const today = bureauToday();
  const month = readMonthParam(event.url.searchParams.get('month'), today);
  if (!month) error(400, { message: '月份格式应为 YYYY-MM，且不能晚于本月', code: 'bad_request' });
  return {
    view: await loadPersonView(getDb(), user, staffId, month),
    months: monthsEndingAt(today.slice(0, 7), 24).reverse(),
    seesRanking: user.roles.some((r) => r === 'leader' || r === 'inspector' || r === 'section_head')
  };
};
