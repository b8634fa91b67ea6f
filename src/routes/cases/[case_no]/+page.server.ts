import { error, fail } from '@sveltejs/kit';
import { maskIdNumber, maskPhone } from '$lib/mask';
import { actorOf } from '$lib/server/auth/actor';
import { canRevealPersonalData, requireRole, sectionScope } from '$lib/server/auth/guard';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { explainCaseClock } from '$lib/server/case-clock/explain';
import { findCaseDetail, listCaseEvents } from '$lib/server/cases/cases.repository';
import { revealApplicant } from '$lib/server/cases/personal-data.service';
import { getDb } from '$lib/server/db/index';
import type { Actions, PageServerLoad } from './$types';

const CASE_ROLES = ['leader', 'inspector', 'section_head'] as const;

// One case: its timeline and the arithmetic of its deadlines. Another section's case is
// "not found" for a section head, whatever number is typed into the address.
export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, ...CASE_ROLES);
  const detail = await findCaseDetail(getDb(), event.params.case_no, sectionScope(user));
  if (!detail) error(404, { message: `没有找到办件 ${event.params.case_no}`, code: 'not_found' });
  const [events, explained] = await Promise.all([
    listCaseEvents(getDb(), detail.id),
    explainCaseClock(getDb(), { caseId: detail.id }, bureauToday())
  ]);
  const { applicant_id_no, applicant_phone, id: _id, ...shown } = detail;
  return {
    detail: {
      ...shown,
      applicant_id_no: maskIdNumber(applicant_id_no),
      applicant_phone: maskPhone(applicant_phone)
    },
    events,
    clock: explained!.result,
    canReveal: canRevealPersonalData(user)
  };
};

export const actions: Actions = {
  reveal: async (event) => {
    const user = requireRole(event, ...CASE_ROLES);
    if (!canRevealPersonalData(user))
      return fail(403, { revealError: '只有纪检监察人员可以查看完整个人信息' });
    const detail = await findCaseDetail(getDb(), event.params.case_no, sectionScope(user));
    if (!detail) error(404, { message: `没有找到办件 ${event.params.case_no}`, code: 'not_found' });
    const revealed = await revealApplicant(getDb(), actorOf(user, event.getClientAddress()), detail);
    return { revealed };
  }
};
