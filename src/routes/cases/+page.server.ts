import { requireRole, sectionScope } from '$lib/server/auth/guard';
import { describeCaseFilter } from '$lib/server/cases/case-filter-description';
import { caseListFilter, maskRow } from '$lib/server/cases/case-list';
import { listCases } from '$lib/server/cases/cases.repository';
import { getDb } from '$lib/server/db/index';
import { loadCutMembers } from '$lib/server/kpis/cut-members.repository';
import type { PageServerLoad } from './$types';

// 办件查询, and the list of cases behind each dashboard figure (the drill-down's basis,
// period, cut and refinements arrive in the URL; see src/lib/kpis/drill-down.ts).
export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, 'leader', 'inspector', 'section_head');
  const scope = sectionScope(user);
  const filter = caseListFilter(event.url.searchParams);
  const [rows, members] = await Promise.all([
    listCases(getDb(), { ...filter, limit: filter.limit + 1 }, scope),
    loadCutMembers(getDb(), scope)
  ]);
  // Only the drill-down's own conditions go into the banner; the form shows the rest.
  const drill = { ...filter, q: undefined, status: undefined, colour: undefined, section: undefined };
  return {
    filter,
    sections: members.section.map((s) => ({ code: s.code, name: s.label })),
    drillDown: filter.basis || filter.flag ? describeCaseFilter(drill, members) : [],
    rows: rows.slice(0, filter.limit).map(maskRow),
    hasNext: rows.length > filter.limit
  };
};
