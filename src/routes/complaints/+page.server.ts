import { areaRoles } from '$lib/navigation';
import { COMPLAINT_SOURCE_LABELS } from '$lib/rating-marks';
import { RECTIFICATION_ISSUE_ROLES } from '$lib/rectification';
import { hasRole, requireRole, sectionScope } from '$lib/server/auth/guard';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { complaintStats, groupComplaints } from '$lib/server/complaints/complaint-figures';
import { loadComplaintRequest } from '$lib/server/complaints/complaint-list';
import { countOpenComplaints } from '$lib/server/complaints/complaints.repository';
import { getDb } from '$lib/server/db/index';
import { assembleKpis } from '$lib/server/kpis/kpi-definitions';
import { loadCounts } from '$lib/server/kpis/kpi.service';
import { followerOptions } from '$lib/server/ratings/rating-request';
import type { PageServerLoad } from './$types';

// 投诉: the complaints received in the period — the headline counts from the KPI code, the
// closing times and the breakdowns from the rows — and the list with its own filters.
// Inspectors get a link to raise a rectification notice from a complaint.

const PAGE_SIZE = 100;

export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, ...areaRoles('/complaints'));
  const db = getDb();
  const scope = sectionScope(user);
  const { request, listFilter, rows, calendar, list } = await loadComplaintRequest(
    db,
    event.url.searchParams,
    scope,
    bureauToday()
  );
  const [counts, openNow, options] = await Promise.all([
    loadCounts(db, request.choice.period, request.filter),
    countOpenComplaints(db, request.filter),
    followerOptions(db, scope)
  ]);
  const page = Math.max(1, Math.min(10_000, Number(event.url.searchParams.get('page')) || 1));
  return {
    preset: request.choice.preset,
    period: request.choice.period,
    periodError: request.choice.error,
    cut: request.cut,
    options,
    listFilter,
    kpi: assembleKpis(counts).complaints,
    stats: complaintStats(rows, calendar),
    openNow,
    groups: {
      window: groupComplaints(rows, 'window', calendar),
      staff: groupComplaints(rows, 'staff', calendar),
      source: groupComplaints(rows, 'source', calendar, COMPLAINT_SOURCE_LABELS),
      category: groupComplaints(rows, 'category', calendar)
    },
    categories: [...new Set(rows.map((r) => r.category))].sort(),
    list: list.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    listTotal: list.length,
    page,
    hasNext: list.length > page * PAGE_SIZE,
    canIssueNotice: hasRole(user, ...RECTIFICATION_ISSUE_ROLES)
  };
};
