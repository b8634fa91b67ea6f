import { requireRole, sectionScope } from '$lib/server/auth/guard';
import { caseListFilter, maskRow } from '$lib/server/cases/case-list';
import { listCases, listSections } from '$lib/server/cases/cases.repository';
import { getDb } from '$lib/server/db/index';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, 'leader', 'inspector', 'section_head');
  const scope = sectionScope(user);
  const filter = caseListFilter(event.url.searchParams);
  const [rows, sections] = await Promise.all([
    listCases(getDb(), { ...filter, limit: filter.limit + 1 }, scope),
    listSections(getDb(), scope)
  ]);
  return {
    filter,
    sections,
    rows: rows.slice(0, filter.limit).map(maskRow),
    hasNext: rows.length > filter.limit
  };
};
