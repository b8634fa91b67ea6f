import { sql, type Kysely, type Transaction } from 'kysely';
import type { RecordFilter } from '../../accountability';
import type { Database } from '../db/database';

export type { RecordFilter };
import type { PastRecord } from './ladder';
import type { BasisKind, DecisionOutcome, GroundsCode } from './accountability.table';

// Reading and appending accountability records, their basis and decisions. Dates are the
// bureau's (Asia/Shanghai): a decision "on" a day is one made during that local day.

type Db = Kysely<Database> | Transaction<Database>;

/** The bureau-local date of a timestamp column, as 'YYYY-MM-DD' text. */
const localDay = (column: string) =>
  sql<string>`to_char(${sql.ref(column)} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`;
/** The instant a bureau-local day starts. */
const dayStart = (day: string) => sql<Date>`(${day}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`;
const dayAfter = (day: string) => sql<Date>`(${day}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`;

export async function listLevels(db: Db) {
  return db.selectFrom('accountability_levels').selectAll().orderBy('level').execute();
}

export async function listGrounds(db: Db) {
  return db
    .selectFrom('accountability_grounds')
    .selectAll()
    .orderBy('start_level', 'desc')
    .orderBy('code')
    .execute();
}

export async function findStaffByNo(db: Db, staffNo: string) {
  return db
    .selectFrom('staff')
    .select(['id', 'staff_no', 'name'])
    .where('staff_no', '=', staffNo)
    .orderBy('id')
    .executeTakeFirst();
}

export async function findStaff(db: Db, id: number) {
  return db
    .selectFrom('staff as s')
    .leftJoin('sections as sec', 'sec.id', 's.section_id')
    .leftJoin('windows as w', 'w.id', 's.window_id')
    .select(['s.id', 's.staff_no', 's.name', 's.active', 'sec.name as section_name', 'w.name as window_name'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export interface NewRecord {
  staffId: number;
  staffNo: string;
  staffName: string;
  grounds: GroundsCode;
  groundsNote: string | null;
  level: number;
  levelLabel: string;
  facts: string;
  proposedBy: number;
  proposedAt: Date;
  correctsId: number | null;
}

export interface NewBasis {
  kind: BasisKind;
  ref: string;
  caseId: string | null;
  reviewId: number | null;
  complaintId: string | null;
  noticeId: number | null;
}

export async function insertRecord(db: Db, r: NewRecord, basis: readonly NewBasis[]): Promise<number> {
  const row = await db
    .insertInto('accountability_records')
    .values({
      staff_id: r.staffId,
      staff_no: r.staffNo,
      staff_name: r.staffName,
      grounds: r.grounds,
      grounds_note: r.groundsNote,
      proposed_level: r.level,
      proposed_level_label: r.levelLabel,
      facts: r.facts,
      proposed_by: r.proposedBy,
      proposed_at: r.proposedAt,
      corrects_id: r.correctsId
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('accountability_basis')
    .values(
      basis.map((b) => ({
        record_id: row.id,
        kind: b.kind,
        ref: b.ref,
        case_id: b.caseId,
        review_id: b.reviewId,
        complaint_id: b.complaintId,
        notice_id: b.noticeId
      }))
    )
    .execute();
  return row.id;
}

export async function insertDecision(
  db: Db,
  d: {
    recordId: number;
    outcome: DecisionOutcome;
    level: number | null;
    levelLabel: string | null;
    reason: string;
    decidedBy: number;
    decidedAt: Date;
  }
): Promise<number> {
  const row = await db
    .insertInto('accountability_decisions')
    .values({
      record_id: d.recordId,
      outcome: d.outcome,
      level: d.level,
      level_label: d.levelLabel,
      reason: d.reason,
      decided_by: d.decidedBy,
      decided_at: d.decidedAt
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Serialises decisions and corrections of one record (the trigger refuses the UPDATE itself). */
export async function lockRecord(db: Db, id: number): Promise<void> {
  await db.selectFrom('accountability_records').select('id').where('id', '=', id).forUpdate().execute();
}

export async function findRecord(db: Db, id: number) {
  return db
    .selectFrom('accountability_record_states as r')
    .innerJoin('accountability_grounds as g', 'g.code', 'r.grounds')
    .innerJoin('users as p', 'p.id', 'r.proposed_by')
    .leftJoin('users as d', 'd.id', 'r.decided_by')
    .selectAll('r')
    .select([
      'g.label as grounds_label',
      'p.display_name as proposed_by_name',
      'd.display_name as decided_by_name'
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/** A record's basis with what each reference points to, for display and links. */
export async function listBasis(db: Db, recordId: number) {
  return db
    .selectFrom('accountability_basis as b')
    .leftJoin('cases as c', 'c.id', 'b.case_id')
    .leftJoin('audit_reviews as rv', 'rv.id', 'b.review_id')
    .leftJoin('complaints as q', 'q.id', 'b.complaint_id')
    .leftJoin('cases as qc', 'qc.id', 'q.case_id')
    .select(['b.id', 'b.kind', 'b.ref', 'c.case_no', 'b.review_id', 'b.complaint_id', 'b.notice_id'])
    .select(['rv.draw_id', 'rv.case_no as review_case_no', 'rv.score', 'rv.band'])
    .select(['q.category', 'q.received_at as complaint_received_at', 'qc.case_no as complaint_case_no'])
    .where('b.record_id', '=', recordId)
    .orderBy('b.id')
    .execute();
}

/** Every record of a person, newest first, with bureau-local dates (for the ladder). */
export async function listPersonRecords(db: Db, staffId: number) {
  return db
    .selectFrom('accountability_record_states as r')
    .innerJoin('accountability_grounds as g', 'g.code', 'r.grounds')
    .select([
      'r.id',
      'r.staff_no',
      'r.staff_name',
      'r.grounds',
      'g.label as grounds_label',
      'r.grounds_note',
      'r.state',
      'r.proposed_level',
      'r.decided_level',
      'r.decided_level_label',
      'r.corrects_id',
      'r.corrected_by_id'
    ])
    .select([localDay('r.proposed_at').as('proposed_on'), localDay('r.decided_at').as('decided_on')])
    .where('r.staff_id', '=', staffId)
    .orderBy('r.proposed_at', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
}

export function toPastRecords(rows: Awaited<ReturnType<typeof listPersonRecords>>): PastRecord[] {
  return rows.map((r) => ({
    id: r.id,
    grounds: r.grounds,
    state: r.state,
    decidedLevel: r.decided_level,
    decidedOn: r.decided_on,
    proposedOn: r.proposed_on
  }));
}

export async function listRecords(db: Db, filter: RecordFilter, page: { limit: number; offset: number }) {
  let query = db
    .selectFrom('accountability_record_states as r')
    .innerJoin('accountability_grounds as g', 'g.code', 'r.grounds');
  if (filter.state !== 'all') query = query.where('r.state', '=', filter.state);
  if (filter.grounds) query = query.where('r.grounds', '=', filter.grounds as GroundsCode);
  if (filter.level !== null) query = query.where('r.decided_level', '=', filter.level);
  if (filter.year !== null)
    query = query.where(
      sql<number>`extract(year FROM coalesce(r.decided_at, r.proposed_at) AT TIME ZONE 'Asia/Shanghai')`,
      '=',
      filter.year
    );
  if (filter.decidedFrom) query = query.where('r.decided_at', '>=', dayStart(filter.decidedFrom));
  if (filter.decidedTo) query = query.where('r.decided_at', '<', dayAfter(filter.decidedTo));
  if (filter.person) {
    const like = `%${filter.person.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('r.staff_no', 'ilike', like), eb('r.staff_name', 'ilike', like)]));
  }
  const [rows, total] = await Promise.all([
    query
      .select([
        'r.id',
        'r.staff_id',
        'r.staff_no',
        'r.staff_name',
        'r.grounds',
        'g.label as grounds_label',
        'r.grounds_note',
        'r.proposed_level',
        'r.proposed_level_label',
        'r.decided_level',
        'r.decided_level_label',
        'r.state',
        'r.proposed_at',
        'r.decided_at',
        'r.corrects_id'
      ])
      .orderBy('r.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()
  ]);
  return { rows, total: Number(total.n) };
}

/**
 * Decisions to hold someone accountable made on the bureau-local days from `from` to `to`
 * (both included), per level; every configured level is listed, with 0 when none. Records
 * since corrected (superseded) do not count: their correction does, once decided.
 */
export async function countDecidedByLevel(
  db: Db,
  range: { from: string; to: string }
): Promise<{ level: number; label: string; count: number }[]> {
  const [levels, counts] = await Promise.all([
    listLevels(db),
    db
      .selectFrom('accountability_record_states')
      .select(['decided_level', sql<string>`count(*)`.as('n')])
      .where('state', '=', 'decided')
      .where('decided_at', '>=', dayStart(range.from))
      .where('decided_at', '<', dayAfter(range.to))
      .groupBy('decided_level')
      .execute()
  ]);
  const byLevel = new Map(counts.map((c) => [c.decided_level, Number(c.n)]));
  return levels.map((l) => ({ level: l.level, label: l.label, count: byLevel.get(l.level) ?? 0 }));
}
