import { error } from '@sveltejs/kit';
import { ACCOUNTABILITY_PROPOSE_ROLES, ACCOUNTABILITY_VIEW_ROLES } from '$lib/accountability';
import { recordYear, yearlyCounts } from '$lib/server/accountability/ladder';
import {
  findStaff,
  listLevels,
  listPersonRecords,
  toPastRecords
} from '$lib/server/accountability/records.repository';
import { hasRole, requireRole } from '$lib/server/auth/guard';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { getDb } from '$lib/server/db/index';
import type { PageServerLoad } from './$types';

// One person's accountability: counts per year (by state and decided level) and the
// records of the chosen year (decision year, or proposal year while undecided).

export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, ...ACCOUNTABILITY_VIEW_ROLES);
  if (!/^\d{1,9}$/.test(event.params.staff_id))
    error(404, { message: '未找到该工作人员', code: 'not_found' });
  const db = getDb();
  const staffId = Number(event.params.staff_id);
  const [staff, rows, levels] = await Promise.all([
    findStaff(db, staffId),
    listPersonRecords(db, staffId),
    listLevels(db)
  ]);
  if (!staff && rows.length === 0) error(404, { message: '未找到该工作人员', code: 'not_found' });
  const past = toPastRecords(rows);
  const counts = yearlyCounts(past);
  const thisYear = Number(bureauToday().slice(0, 4));
  const wanted = Number(event.url.searchParams.get('year'));
  const year = Number.isInteger(wanted) && wanted >= 2000 && wanted <= 2100 ? wanted : thisYear;
  const years = [...new Set([thisYear, ...counts.map((c) => c.year)])].sort((a, b) => b - a);
  return {
    // A person no longer in the synced staff list keeps their records.
    staff: staff ?? {
      id: staffId,
      staff_no: rows[0].staff_no,
      name: rows[0].staff_name,
      active: false,
      section_name: null,
      window_name: null
    },
    counts,
    levels,
    year,
    years,
    records: rows.filter((r, i) => recordYear(past[i]) === year),
    canPropose: hasRole(user, ...ACCOUNTABILITY_PROPOSE_ROLES)
  };
};
