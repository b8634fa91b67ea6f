import { AUDIT_VIEW_ROLES } from '$lib/audits';
import { requireRole } from '$lib/server/auth/guard';
import { fileFigures } from '$lib/server/case-audits/audit-overview';
import { bandsTable } from '$lib/server/case-audits/audit-overview-export';
import { listPeriodFiles } from '$lib/server/case-audits/audit-overview.repository';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { getDb } from '$lib/server/db/index';
import { exportResponse, readExportFormat } from '$lib/server/export';
import { readPeriod } from '$lib/server/kpis/period-params';
import type { RequestHandler } from './$types';

// GET /audits/overview/export?period=…&format=xlsx|csv: the overview's bands by section
// for the same period as the page.
export const GET: RequestHandler = async (event) => {
  requireRole(event, ...AUDIT_VIEW_ROLES);
  const params = event.url.searchParams;
  const format = readExportFormat(params);
  const { period } = readPeriod(params, bureauToday());
  const figures = fileFigures(await listPeriodFiles(getDb(), period));
  const stamp = `${period.from}_${period.to}`;
  const table = bandsTable(figures, period, new Date());
  return exportResponse(table, format, { name: `各科室评查等次-${stamp}`, ascii: `audit-bands-${stamp}` });
};
