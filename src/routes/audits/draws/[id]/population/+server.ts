import { error } from '@sveltejs/kit';
import { AUDIT_VIEW_ROLES } from '$lib/audits';
import { requireRole } from '$lib/server/auth/guard';
import { findDraw, listDrawPopulation } from '$lib/server/case-audits/draws.repository';
import { getDb } from '$lib/server/db/index';
import type { RequestHandler } from './$types';

// The population of a draw as plain text, one "case_no<TAB>stratum" a line, sorted by
// case number (UTF-16 code units): with the seed, all anyone needs to repeat the draw with their own tools.
// Joined by '\n' without the strata, the case numbers hash to the sheet's digest.
export const GET: RequestHandler = async (event) => {
  requireRole(event, ...AUDIT_VIEW_ROLES);
  const param = event.params.id;
  const draw = /^\d{1,9}$/.test(param) ? await findDraw(getDb(), Number(param)) : undefined;
  if (!draw) error(404, { message: '未找到该抽取单', code: 'not_found' });
  // UTF-16 code unit order, as the digest sorts (not the database's collation).
  const rows = (await listDrawPopulation(getDb(), draw.id)).sort((a, b) =>
    a.case_no < b.case_no ? -1 : a.case_no > b.case_no ? 1 : 0
  );
  const body = rows.map((r) => `${r.case_no}\t${r.stratum}\n`).join('');
  return new Response(body, {
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'content-disposition': `attachment; filename="audit-draw-${draw.id}-population.txt"`
    }
  });
};
