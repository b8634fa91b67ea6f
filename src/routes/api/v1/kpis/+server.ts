import { json } from '@sveltejs/kit';
import { requireRole, sectionScope } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/index';
import { badParameter } from '$lib/server/http/api-errors';
import { assembleKpis, checkPeriod } from '$lib/server/kpis/kpi-definitions';
import { loadCountsForCut } from '$lib/server/kpis/kpi.service';
import type { RequestHandler } from './$types';

// GET /api/v1/kpis?from=YYYY-MM-DD&to=YYYY-MM-DD[&section=CODE] (shared/spec/interfaces.md):
// { from, to, figures: { <name>: { value, numerator, denominator } } }. A section head is
// restricted to their sections: a section outside them yields empty figures, never a 403
// (docs/rules/kpis.md).
export const GET: RequestHandler = async (event) => {
  const user = requireRole(event, 'leader', 'inspector', 'section_head');
  const params = event.url.searchParams;
  const check = checkPeriod(params.get('from'), params.get('to'));
  if (!check.ok) return badParameter(check.parameter, check.message);
  const section = params.get('section') ?? undefined;
  if (section !== undefined && !/^[\w-]{1,32}$/.test(section))
    return badParameter('section', 'section 须为科室代码');
  const counts = await loadCountsForCut(getDb(), check.period, { section }, sectionScope(user));
  return json({ from: check.period.from, to: check.period.to, figures: assembleKpis(counts) });
};
