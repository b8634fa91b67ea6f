import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { AddresseeKind, EventKind, NoticeState, SourceKind } from './rectification.table';

// Reading and appending rectification notices and their events. The state comes from the
// view rectification_notice_states; "overdue" and "on time" are evaluated against a given
// bureau-local date, so that tests (and reports) can ask about any day.

type Db = Kysely<Database> | Transaction<Database>;

/** Whose notices: everything, some sections (a section head), or one staff member. */
export type NoticeScope = 'all' | { sectionIds: number[] } | { staffNo: string | null };

export type StateFilter = NoticeState | 'overdue' | 'all';

function scoped(db: Db, scope: NoticeScope) {
  let query = db
    .selectFrom('rectification_notice_states as n')
    .leftJoin('sections as s', 's.id', 'n.section_id');
  if (scope !== 'all' && 'sectionIds' in scope) {
    const ids = scope.sectionIds;
    query = query.where((eb) => (ids.length === 0 ? eb.val(false) : eb('n.section_id', 'in', ids)));
  } else if (scope !== 'all') {
    const staffNo = scope.staffNo;
    query = query.where((eb) =>
      staffNo === null
        ? eb.val(false)
        : eb.and([eb('n.addressee_kind', '=', 'staff'), eb('n.addressee_code', '=', staffNo)])
    );
  }
  return query;
}

/** Overdue on `today`: not verified and today is after the deadline. */
export const overdue = (today: string) =>
  sql<boolean>`(n.state <> 'verified' AND n.deadline_on < ${today}::date)`;
/** Verified on or before the deadline day (bureau-local); null while not verified. */
export const onTime = sql<boolean | null>`CASE WHEN n.verified_at IS NULL THEN NULL
  ELSE (n.verified_at AT TIME ZONE 'Asia/Shanghai')::date <= n.deadline_on END`;

/** Bureau-local days, both included (the overview's drill-down links). */
export interface NoticeDates {
  issued?: { from: string; to: string };
  verified?: { from: string; to: string };
  /** Only notices verified by their deadline. */
  onTime?: boolean;
}

const ZONE = 'Asia/Shanghai';
/** `column` falls on the bureau-local days from..to. */
export const onDays = (column: 'n.issued_at' | 'n.verified_at', days: { from: string; to: string }) =>
  sql<boolean>`(${sql.ref(column)} >= (${days.from}::date::timestamp AT TIME ZONE ${ZONE})
    AND ${sql.ref(column)} < ((${days.to}::date + 1)::timestamp AT TIME ZONE ${ZONE}))`;

export async function listNotices(
  db: Db,
  scope: NoticeScope,
  filter: StateFilter,
  today: string,
  dates: NoticeDates = {}
) {
  let query = scoped(db, scope)
    .selectAll('n')
    .select(['s.code as section_code', 's.name as section_name'])
    .select([overdue(today).as('overdue'), onTime.as('verified_on_time')]);
  if (filter === 'overdue') query = query.where(overdue(today));
  else if (filter !== 'all') query = query.where('n.state', '=', filter);
  if (dates.issued) query = query.where(onDays('n.issued_at', dates.issued));
  if (dates.verified) query = query.where(onDays('n.verified_at', dates.verified));
  if (dates.onTime) query = query.where(sql<boolean>`(${onTime}) IS TRUE`);
  return query.orderBy('n.id', 'desc').limit(500).execute();
}

export async function findNotice(db: Db, id: number, today: string) {
  return db
    .selectFrom('rectification_notice_states as n')
    .leftJoin('sections as s', 's.id', 'n.section_id')
    .innerJoin('users as u', 'u.id', 'n.issued_by')
    .selectAll('n')
    .select(['s.code as section_code', 's.name as section_name', 'u.display_name as issued_by_name'])
    .select([overdue(today).as('overdue'), onTime.as('verified_on_time')])
    .where('n.id', '=', id)
    .executeTakeFirst();
}

export async function listEvents(db: Db, noticeId: number) {
  return db
    .selectFrom('rectification_events as e')
    .innerJoin('users as u', 'u.id', 'e.by_user_id')
    .select(['e.id', 'e.kind', 'e.body', 'e.at', 'e.evidence_filename', 'u.display_name as by_name'])
    .select(sql<number | null>`octet_length(e.evidence)`.as('evidence_size'))
    .where('e.notice_id', '=', noticeId)
    .orderBy('e.id')
    .execute();
}

export async function findEvidence(db: Db, noticeId: number, eventId: number) {
  return db
    .selectFrom('rectification_events')
    .select(['evidence_filename', 'evidence_content_type', 'evidence'])
    .where('notice_id', '=', noticeId)
    .where('id', '=', eventId)
    .where('evidence', 'is not', null)
    .executeTakeFirst();
}

export interface NewNotice {
  sourceKind: SourceKind;
  reviewId: number | null;
  complaintId: string | null;
  ratingId: string | null;
  caseId: string | null;
  addresseeKind: AddresseeKind;
  addresseeCode: string;
  sectionId: number | null;
  defects: string;
  deadlineDays: number;
  issuedBy: number;
  issuedAt: Date;
  deadlineOn: string;
}

export async function insertNotice(db: Db, n: NewNotice): Promise<number> {
  const row = await db
    .insertInto('rectification_notices')
    .values({
      source_kind: n.sourceKind,
      review_id: n.reviewId,
      complaint_id: n.complaintId,
      rating_id: n.ratingId,
      case_id: n.caseId,
      addressee_kind: n.addresseeKind,
      addressee_code: n.addresseeCode,
      section_id: n.sectionId,
      defects: n.defects,
      deadline_days: n.deadlineDays,
      issued_by: n.issuedBy,
      issued_at: n.issuedAt,
      deadline_on: n.deadlineOn
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface Evidence {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export async function insertEvent(
  db: Db,
  e: {
    noticeId: number;
    kind: EventKind;
    body: string;
    byUserId: number;
    at: Date;
    evidence: Evidence | null;
  }
): Promise<number> {
  const row = await db
    .insertInto('rectification_events')
    .values({
      notice_id: e.noticeId,
      kind: e.kind,
      body: e.body,
      by_user_id: e.byUserId,
      at: e.at,
      evidence_filename: e.evidence?.filename ?? null,
      evidence_content_type: e.evidence?.contentType ?? null,
      evidence: e.evidence?.bytes ?? null
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function sectionIdsForCodes(db: Db, codes: readonly string[]): Promise<number[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom('sections')
    .select('id')
    .where('code', 'in', [...codes])
    .execute();
  return rows.map((r) => r.id);
}
