import { AUDIT_VIEW_ROLES } from '$lib/audits';
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
  const overview = await loadAuditOverview(getDb(), choice.period, today);
  return {
    ...overview,
    today,
    preset: choice.preset,
    period: choice.period,
    periodError: choice.error,
    // 责任追究（按级别）: filled by the accountability records once they exist.
    accountability: [] as { level: number; label: string; count: number }[]
  };
};
