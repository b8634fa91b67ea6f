import { json } from '@sveltejs/kit';
import { requireRole, sectionScope } from '$lib/server/auth/guard';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { explainCaseClock } from '$lib/server/case-clock/explain';
import { caseApiBody } from '$lib/server/cases/case-api';
import { findCaseDetail } from '$lib/server/cases/cases.repository';
import { getDb } from '$lib/server/db/index';
import { apiError } from '$lib/server/http/api-errors';
import type { RequestHandler } from './$types';

// GET /api/v1/cases/{case_no}: the case's deadlines, colour, flags and trace.
export const GET: RequestHandler = async (event) => {
  const user = requireRole(event, 'leader', 'inspector', 'section_head');
  const detail = await findCaseDetail(getDb(), event.params.case_no, sectionScope(user));
  if (!detail) return apiError(404, 'not_found', `没有办件 ${event.params.case_no}`);
  const explained = await explainCaseClock(getDb(), { caseId: detail.id }, bureauToday());
  if (!explained) return apiError(404, 'not_found', `没有办件 ${event.params.case_no}`);
  return json(caseApiBody(detail, explained.result));
};
