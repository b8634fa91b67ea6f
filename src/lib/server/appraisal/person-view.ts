import { error } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { Identity } from '../auth/identity';
import type { Database } from '../db/database';
import { listMonthEvents } from './events.repository';
import { ruleLabels } from './month-page';
import { findStaff } from './results.repository';
import { personOf, mayViewPerson } from './results-scope';
import { loadMonthView, month01 } from './results.service';
import { loadTrend } from './trend.service';

// A person's month (/appraisal/staff/[staff_id] and /appraisal/me): the score by
// dimension, the bonus, the total and rank, every event with its explanation and its
// row (date, note, origin, status now), the corrections after closing, the trend. Row
// scope: leaders and inspectors anyone, section heads their sections, staff themselves;
// anyone else gets 404 so that ids cannot be probed.

export async function loadPersonView(
  db: Kysely<Database>,
  identity: Identity,
  staffId: number,
  month: string
) {
  const staff = await findStaff(db, { id: staffId });
  if (!staff) error(404, { message: '未找到该人员', code: 'not_found' });
  const view = await loadMonthView(db, month);
  const person = personOf(view.results, staffId);
  const allowed = mayViewPerson(identity, {
    staffNo: staff.staff_no,
    sectionCodes: [staff.section_code, person?.sectionCode ?? null]
  });
  if (!allowed) error(404, { message: '未找到该人员', code: 'not_found' });

  const rows = await listMonthEvents(db, month01(month), [staffId]);
  const details = Object.fromEntries(
    rows.map((r) => [
      String(Number(r.id)),
      {
        id: r.id,
        occurredOn: r.occurredOn,
        origin: r.origin,
        note: r.note,
        sourceKind: r.sourceKind,
        sourceRef: r.sourceRef,
        statusNow: r.status,
        retractedReason: r.retractedReason
      }
    ])
  );
  const trend = await loadTrend(db, month, staffId, {
    known: view.status.closed ? undefined : view.results
  });
  return {
    staff: {
      id: staff.id,
      staffNo: staff.staff_no,
      name: staff.name,
      position: staff.position,
      active: staff.active
    },
    month,
    status: view.status,
    person,
    scoredCount: view.results.staff.length,
    ruleSetId: view.results.ruleSetId,
    ruleLabels: ruleLabels(view.ruleSet),
    details,
    correction: view.corrections.find((c) => c.staffId === staffId) ?? null,
    trend
  };
}

export type PersonView = Awaited<ReturnType<typeof loadPersonView>>;
