import { requireRole, sectionScope } from '$lib/server/auth/guard';
import { casesToCsv } from '$lib/server/cases/case-csv';
import { caseListFilter, maskRow } from '$lib/server/cases/case-list';
import { listCases } from '$lib/server/cases/cases.repository';
import { getDb } from '$lib/server/db/index';
import type { RequestHandler } from './$types';

const EXPORT_LIMIT = 50_000;

// GET /cases/export?…filters…: the filtered case list as CSV (masked, like the page).
export const GET: RequestHandler = async (event) => {
  const user = requireRole(event, 'leader', 'inspector', 'section_head');
  const filter = { ...caseListFilter(event.url.searchParams, EXPORT_LIMIT), offset: 0 };
  const rows = (await listCases(getDb(), filter, sectionScope(user))).map(maskRow);
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(casesToCsv(rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="cases-${stamp}.csv"; filename*=UTF-8''${encodeURIComponent(`办件清单-${stamp}.csv`)}`
    }
  });
};
