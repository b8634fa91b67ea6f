import { AUDIT_VIEW_ROLES } from '$lib/audits';
import { countDecidedByLevel } from '$lib/server/accountability/records.repository';
import { requireRole } from '$lib/server/auth/guard';
import { loadAuditOverview } from '$lib/server/case-audits/audit-overview.service';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { getDb } from '$lib/server/db/index';
import { readPeriod } from '$lib/server/kpis/period-params';
import type { PageServerLoad } from './$types';

// 督查概览: the period's draws, reviews, scores, bands by section, the estimated defect
// rate and the rectification notices, every figure linking to its list. The period lives
// in the URL (month to date by default), read as on the overview page.
export const load: PageServerLoad = async (event) => {
  requireRole(event, ...AUDIT_VIEW_ROLES);
  const today = bureauToday();
  const choice = readPeriod(event.url.searchParams, today);
  const db = getDb();
  const [overview, accountability] = await Promise.all([
    loadAuditOverview(db, choice.period, today),
    countDecidedByLevel(db, choice.period)
  ]);
  return {
    ...overview,
    today,
    preset: choice.preset,
    period: choice.period,
    periodError: choice.error,
    // 责任追究（按级别）: decisions dated in the period, every level listed.
    accountability
  };
};
