import { maskIdNumber, maskPhone } from '../../mask';
import { localDate } from '../calendar/working-days';
import type { ClockResult } from '../clock/types';
import type { CaseDetail } from './cases.repository';

// The body of GET /api/v1/cases/{case_no} (shared/spec/interfaces.md). Personal data is
// masked: the API never reveals it.

export function caseApiBody(detail: CaseDetail, clock: ClockResult) {
  return {
    case_no: detail.case_no,
    status: detail.status,
    matter_code: detail.matter_code,
    section_code: detail.section_code,
    accepted_on: clock.acceptedOn,
    concluded_on: detail.concluded_at ? localDate(detail.concluded_at) : null,
    promised: {
      limit_days: clock.promised.limitDays,
      due_on: clock.promised.dueOn,
      on_time: clock.promised.onTime
    },
    statutory: {
      limit_days: clock.statutory.limitDays,
      due_on: clock.statutory.dueOn,
      on_time: clock.statutory.onTime
    },
    colour: clock.open ? clock.colour : null,
    paused: clock.paused,
    elapsed_days: clock.elapsedDays,
    flags: clock.flags,
    trace: clock.trace,
    calendar_unconfirmed: clock.calendarUnconfirmed,
    applicant: {
      kind: detail.applicant_kind,
      name: detail.applicant_name,
      id_no: maskIdNumber(detail.applicant_id_no),
      phone: maskPhone(detail.applicant_phone)
    }
  };
}
