import { json } from '@sveltejs/kit';
import { requireRole, sectionScope } from '$lib/server/auth/guard';
import { listOverdue } from '$lib/server/cases/overdue.repository';
import { getDb } from '$lib/server/db/index';
import { badParameter } from '$lib/server/http/api-errors';
import type { RequestHandler } from './$types';

// GET /api/v1/overdue?basis=promised|statutory[&section=CODE] (shared/spec/interfaces.md):
// { cases: [{ case_no, due_on, overdue_days }] }, oldest due date first. overdue_days are
// working days counted beyond the limit (stops excluded).
export const GET: RequestHandler = async (event) => {
  const user = requireRole(event, 'leader', 'inspector', 'section_head');
  const basis = event.url.searchParams.get('basis') ?? 'promised';
  if (basis !== 'promised' && basis !== 'statutory') {
    return badParameter('basis', 'basis 须为 promised 或 statutory');
  }
  const section = event.url.searchParams.get('section') ?? undefined;
  if (section !== undefined && !/^[\w-]{1,32}$/.test(section))
    return badParameter('section', 'section 须为科室代码');
  const rows = await listOverdue(getDb(), basis, { section, scope: sectionScope(user) });
  return json({
    cases: rows.map((r) => ({ case_no: r.case_no, due_on: r.due_on, overdue_days: Number(r.overdue_days) }))
  });
};
