import { AUDIT_VIEW_ROLES } from '$lib/audits';
import { requireRole } from '$lib/server/auth/guard';
import { readFileFilter } from '$lib/server/case-audits/audit-overview';
import { loadPeriodFiles } from '$lib/server/case-audits/audit-overview.service';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { getDb } from '$lib/server/db/index';
import { readPeriod } from '$lib/server/kpis/period-params';
import type { PageServerLoad } from './$types';

// 评查结果: the files drawn in a period (by draw date) with the review that counts for
// each, filtered by status, section, band and draw: the lists behind the overview's figures.
export const load: PageServerLoad = async (event) => {
  requireRole(event, ...AUDIT_VIEW_ROLES);
  const params = event.url.searchParams;
  const choice = readPeriod(params, bureauToday());
  const filter = readFileFilter(params);
  const { draws, sections, files } = await loadPeriodFiles(getDb(), choice.period, filter);
  return {
    preset: choice.preset,
    period: choice.period,
    periodError: choice.error,
    filter,
    draws,
    sections,
    files
  };
};
