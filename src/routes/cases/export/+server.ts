import { requireRole, sectionScope } from '$lib/server/auth/guard';
import { exportCaseList } from '$lib/server/cases/case-export';
import { getDb } from '$lib/server/db/index';
import { readExportFormat } from '$lib/server/export';
import type { RequestHandler } from './$types';

// GET /cases/export?…filters…[&format=xlsx]: the filtered case list as CSV (default) or
// XLSX, masked like the page, within the caller's sections.
export const GET: RequestHandler = async (event) => {
  const user = requireRole(event, 'leader', 'inspector', 'section_head');
  const format = readExportFormat(event.url.searchParams);
  return exportCaseList(getDb(), event.url.searchParams, sectionScope(user), format);
};
