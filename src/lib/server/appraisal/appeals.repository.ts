import { sql, type Kysely } from 'kysely';
import type { EventStatus, RuleTarget } from '../../appraisal/catalogue';
import type { Database } from '../db/database';
import type { EventOrigin, EventSourceKind } from './appraisal.table';

// Queries of one event as its page and the appeal service see it, and of the appeals.

type Db = Kysely<Database>;

export interface EventDetail {
  id: string;
  staffId: number;
  staffNo: string | null;
  staffName: string | null;
  windowName: string | null;
  sectionCode: string | null;
  sectionName: string | null;
  month: string;
  occurredOn: string;
  ruleCode: string;
  target: RuleTarget;
  points: string;
  origin: EventOrigin;
  sourceKind: EventSourceKind | null;
  sourceRef: string | null;
  note: string | null;
  status: EventStatus;
  enteredBy: number | null;
  enteredByName: string | null;
  enteredAt: Date;
  retractedAt: Date | null;
  retractedReason: string | null;
  monthClosed: boolean;
  ruleSetId: number;
}

/** One event with its person, section and enterer; `forUpdate` locks the row. */
export async function findEvent(db: Db, id: string, forUpdate = false): Promise<EventDetail | undefined> {
  let query = db
    .selectFrom('score_events as e')
    .leftJoin('staff as s', 's.id', 'e.staff_id')
    .leftJoin('windows as w', 'w.id', 's.window_id')
    .leftJoin('sections as sec', (j) =>
      j.on('sec.id', '=', sql<number>`coalesce(s.section_id, w.section_id)`)
    )
    .leftJoin('users as u', 'u.id', 'e.entered_by')
    .leftJoin('appraisal_months as m', 'm.month', 'e.month')
    .select([
      'e.id',
      'e.staff_id',
      's.staff_no',
      's.name as staff_name',
      'w.name as window_name',
      'sec.code as section_code',
      'sec.name as section_name',
      'e.month',
      'e.occurred_on',
      'e.rule_code',
      'e.target',
      'e.points',
      'e.origin',
      'e.source_kind',
      'e.source_ref',
      'e.note',
      'e.status',
      'e.entered_by',
      'u.display_name as entered_by_name',
      'e.entered_at',
      'e.retracted_at',
      'e.retracted_reason',
      sql<boolean>`m.closed_at IS NOT NULL`.as('month_closed'),
      'e.rule_set_id'
    ])
    .where('e.id', '=', id);
  if (forUpdate) query = query.forUpdate('e');
  const r = await query.executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    staffId: r.staff_id,
    staffNo: r.staff_no,
    staffName: r.staff_name,
    windowName: r.window_name,
    sectionCode: r.section_code,
    sectionName: r.section_name,
    month: r.month,
    occurredOn: r.occurred_on,
    ruleCode: r.rule_code,
    target: r.target,
    points: r.points,
    origin: r.origin,
    sourceKind: r.source_kind,
    sourceRef: r.source_ref,
    note: r.note,
    status: r.status,
    enteredBy: r.entered_by,
    enteredByName: r.entered_by_name,
    enteredAt: r.entered_at,
    retractedAt: r.retracted_at,
    retractedReason: r.retracted_reason,
    monthClosed: Boolean(r.month_closed),
    ruleSetId: r.rule_set_id
  };
}

export interface AppealRow {
  id: number;
  eventId: string;
  reason: string;
  appealedBy: number;
  appealedByName: string;
  appealedAt: Date;
  reviewerUserId: number | null;
  reviewerName: string | null;
  decision: 'upheld' | 'revoked' | null;
  decisionReason: string | null;
  decidedAt: Date | null;
}

function appealsQuery(db: Db) {
  return db
    .selectFrom('score_appeals as a')
    .innerJoin('users as ua', 'ua.id', 'a.appealed_by')
    .leftJoin('users as ur', 'ur.id', 'a.reviewer_user_id')
    .select([
      'a.id',
      sql<string>`a.event_id::text`.as('event_id'),
      'a.reason',
      'a.appealed_by',
      'ua.display_name as appealed_by_name',
      'a.appealed_at',
      'a.reviewer_user_id',
      'ur.display_name as reviewer_name',
      'a.decision',
      'a.decision_reason',
      'a.decided_at'
    ]);
}

type AppealQueryRow = Awaited<ReturnType<ReturnType<typeof appealsQuery>['execute']>>[number];

const toAppeal = (r: AppealQueryRow): AppealRow => ({
  id: r.id,
  eventId: r.event_id,
  reason: r.reason,
  appealedBy: r.appealed_by,
  appealedByName: r.appealed_by_name,
  appealedAt: r.appealed_at,
  reviewerUserId: r.reviewer_user_id,
  reviewerName: r.reviewer_name,
  decision: r.decision,
  decisionReason: r.decision_reason,
  decidedAt: r.decided_at
});

/** An event's appeals, oldest first. */
export async function listAppeals(db: Db, eventId: string): Promise<AppealRow[]> {
  const rows = await appealsQuery(db).where('a.event_id', '=', eventId).orderBy('a.id').execute();
  return rows.map(toAppeal);
}

export async function insertAppeal(
  db: Db,
  a: { eventId: string; reason: string; appealedBy: number; at: Date }
): Promise<number> {
  const row = await db
    .insertInto('score_appeals')
    .values({ event_id: a.eventId, reason: a.reason, appealed_by: a.appealedBy, appealed_at: a.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Decides the event's open appeal; returns its id, or undefined when none is open. */
export async function decideOpenAppeal(
  db: Db,
  d: { eventId: string; reviewer: number; decision: 'upheld' | 'revoked'; reason: string; at: Date }
): Promise<number | undefined> {
  const row = await db
    .updateTable('score_appeals')
    .set({
      reviewer_user_id: d.reviewer,
      decision: d.decision,
      decision_reason: d.reason,
      decided_at: d.at
    })
    .where('event_id', '=', d.eventId)
    .where('decision', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function setEventStatus(db: Db, eventId: string, status: EventStatus): Promise<void> {
  await db.updateTable('score_events').set({ status }).where('id', '=', eventId).execute();
}

export interface AppealListItem extends AppealRow {
  staffName: string | null;
  staffNo: string | null;
  sectionName: string | null;
  month: string;
  ruleCode: string;
  points: string;
  status: EventStatus;
  enteredBy: number | null;
}

export type AppealListFilter =
  | { kind: 'review'; sections: 'all' | readonly string[]; excludeUserId: number }
  | { kind: 'own'; staffNo: string };

/**
 * Open appeals a reviewer may decide (their sections' or all, never of events they
 * entered or appeals they filed), or a staff member's own appeals (all, newest first).
 */
export async function listAppealItems(db: Db, filter: AppealListFilter): Promise<AppealListItem[]> {
  let query = appealsQuery(db)
    .innerJoin('score_events as e', 'e.id', 'a.event_id')
    .leftJoin('staff as s', 's.id', 'e.staff_id')
    .leftJoin('windows as w', 'w.id', 's.window_id')
    .leftJoin('sections as sec', (j) =>
      j.on('sec.id', '=', sql<number>`coalesce(s.section_id, w.section_id)`)
    )
    .select([
      's.name as staff_name',
      's.staff_no',
      'sec.name as section_name',
      'e.month',
      'e.rule_code',
      'e.points',
      'e.status',
      'e.entered_by'
    ]);
  if (filter.kind === 'own') {
    query = query.where('s.staff_no', '=', filter.staffNo).orderBy('a.id', 'desc');
  } else {
    query = query
      .where('a.decision', 'is', null)
      .where('a.appealed_by', '<>', filter.excludeUserId)
      .where((eb) => eb.or([eb('e.entered_by', 'is', null), eb('e.entered_by', '<>', filter.excludeUserId)]))
      .orderBy('a.appealed_at')
      .orderBy('a.id');
    if (filter.sections !== 'all')
      query = query.where('sec.code', 'in', filter.sections.length ? [...filter.sections] : ['']);
  }
  const rows = await query.limit(500).execute();
  return rows.map((r) => ({
    ...toAppeal(r),
    staffName: r.staff_name,
    staffNo: r.staff_no,
    sectionName: r.section_name,
    month: r.month,
    ruleCode: r.rule_code,
    points: r.points,
    status: r.status,
    enteredBy: r.entered_by
  }));
}

/** Where a review's page is (its draw and case), for the source link of an audit event. */
export async function findReviewPlace(db: Db, reviewId: number) {
  return db
    .selectFrom('audit_reviews')
    .select(['draw_id', 'case_no'])
    .where('id', '=', reviewId)
    .executeTakeFirst();
}
