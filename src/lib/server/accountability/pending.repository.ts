import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { PendingItem, PendingKind } from '../../accountability';

export type { PendingItem };
import type { Database } from '../db/database';

// The pending-decision list (shared/spec/audits.md): cases past their statutory deadline,
// drawn files whose latest review is 不合格 and substantiated complaints that no record in
// force (not superseded) with a decision — to hold someone accountable or to decline —
// refers to. A proposal alone keeps an item pending (shown as waiting).
//
// Scale: statutory-overdue cases can be many among 10M. They are read through the partial
// index case_clock_statutory_overdue_idx and checked against accountability_basis by its
// case_id index; only one page is joined to cases and staff. Complaints use the partial
// index complaints_substantiated_idx; reviews are a sample and small.

type Db = Kysely<Database> | Transaction<Database>;

/** Records in force referring to something, in the given states. */
function referring(column: 'case_id' | 'complaint_id', value: RawBuilder<unknown>, states: string[]) {
  return sql`EXISTS (
    SELECT 1 FROM accountability_basis b JOIN accountability_record_states r ON r.id = b.record_id
    WHERE b.${sql.ref(column)} = ${value} AND r.state IN (${sql.join(states)}))`;
}
const RESOLVED = ['decided', 'declined'];

/** The review referring to a drawn file, any of its reviews. */
function referringFile(alias: string, states: string[]) {
  return sql`EXISTS (
    SELECT 1 FROM accountability_basis b
    JOIN audit_reviews x ON x.id = b.review_id
    JOIN accountability_record_states r ON r.id = b.record_id
    WHERE x.draw_id = ${sql.ref(`${alias}.draw_id`)} AND x.case_no = ${sql.ref(`${alias}.case_no`)}
      AND r.state IN (${sql.join(states)}))`;
}
const waitingFile = (alias: string) => sql<number | null>`(
    SELECT min(b.record_id) FROM accountability_basis b
    JOIN audit_reviews x ON x.id = b.review_id
    JOIN accountability_record_states r ON r.id = b.record_id
    WHERE x.draw_id = ${sql.ref(`${alias}.draw_id`)} AND x.case_no = ${sql.ref(`${alias}.case_no`)}
      AND r.state = 'proposed')`;
const waiting = (column: 'case_id' | 'complaint_id', value: RawBuilder<unknown>) => sql<number | null>`(
    SELECT min(b.record_id) FROM accountability_basis b JOIN accountability_record_states r ON r.id = b.record_id
    WHERE b.${sql.ref(column)} = ${value} AND r.state = 'proposed')`;

/** The latest submitted, uncorrected review of each drawn file. */
const LATEST_REVIEWS = sql`(
  SELECT DISTINCT ON (v.draw_id, v.case_no) v.id, v.draw_id, v.case_no, v.case_id, v.score, v.band,
    v.legality_defect, v.submitted_at
  FROM audit_reviews v
  WHERE v.status = 'submitted'
    AND NOT EXISTS (SELECT 1 FROM audit_reviews n WHERE n.corrects_review_id = v.id AND n.status = 'submitted')
  ORDER BY v.draw_id, v.case_no, v.submitted_at DESC, v.id DESC)`;

export async function countPending(db: Db): Promise<Record<PendingKind, number>> {
  const row = await sql<{ cases: string; reviews: string; complaints: string }>`
    SELECT
      (SELECT count(*) FROM case_clock k
        WHERE k.statutory_overdue AND NOT ${referring('case_id', sql`k.case_id`, RESOLVED)}) AS cases,
      (SELECT count(*) FROM ${LATEST_REVIEWS} l
        WHERE l.band = 'fail' AND NOT ${referringFile('l', RESOLVED)}) AS reviews,
      (SELECT count(*) FROM complaints q
        WHERE q.substantiated AND NOT ${referring('complaint_id', sql`q.id`, RESOLVED)}) AS complaints`.execute(
    db
  );
  const r = row.rows[0];
  return { case: Number(r.cases), review: Number(r.reviews), complaint: Number(r.complaints) };
}

type Page = { limit: number; offset: number };

/** What each list selects of the person concerned and the proposal waiting on the item. */
interface PersonColumns {
  staff_id: number | null;
  staff_no: string | null;
  staff_name: string | null;
  proposal_id: number | null;
}
const person = (r: PersonColumns) => ({
  staffId: r.staff_id,
  staffNo: r.staff_no,
  staffName: r.staff_name,
  proposalId: r.proposal_id
});

export async function listPending(db: Db, kind: PendingKind, page: Page): Promise<PendingItem[]> {
  if (kind === 'case') return pendingCases(db, page);
  if (kind === 'review') return pendingReviews(db, page);
  return pendingComplaints(db, page);
}

async function pendingCases(db: Db, page: Page): Promise<PendingItem[]> {
  const result = await sql<
    {
      case_id: string;
      case_no: string;
      statutory_due_on: string | null;
      matter_name: string | null;
      status: string;
    } & PersonColumns
  >`
    WITH page AS (
      SELECT k.case_id, k.statutory_due_on FROM case_clock k
      WHERE k.statutory_overdue AND NOT ${referring('case_id', sql`k.case_id`, RESOLVED)}
      ORDER BY k.statutory_due_on DESC NULLS LAST, k.case_id DESC
      LIMIT ${page.limit} OFFSET ${page.offset}
    )
    SELECT p.case_id, c.case_no, p.statutory_due_on, m.name AS matter_name, c.status,
      s.id AS staff_id, s.staff_no, s.name AS staff_name, ${waiting('case_id', sql`p.case_id`)} AS proposal_id
    FROM page p
    JOIN cases c ON c.id = p.case_id
    LEFT JOIN matters m ON m.id = c.matter_id
    LEFT JOIN staff s ON s.id = c.handler_staff_id
    ORDER BY p.statutory_due_on DESC NULLS LAST, p.case_id DESC`.execute(db);
  return result.rows.map((r) => ({
    kind: 'case',
    ref: r.case_no,
    caseNo: r.case_no,
    date: r.statutory_due_on,
    detail: r.matter_name ?? '',
    drawId: null,
    ...person(r)
  }));
}

async function pendingReviews(db: Db, page: Page): Promise<PendingItem[]> {
  const result = await sql<
    {
      id: number;
      draw_id: number;
      case_no: string;
      score: string;
      legality_defect: boolean;
      submitted_at: Date;
    } & PersonColumns
  >`
    SELECT l.id, l.draw_id, l.case_no, l.score, l.legality_defect, l.submitted_at,
      s.id AS staff_id, s.staff_no, s.name AS staff_name, ${waitingFile('l')} AS proposal_id
    FROM ${LATEST_REVIEWS} l
    LEFT JOIN cases c ON c.id = l.case_id
    LEFT JOIN staff s ON s.id = c.handler_staff_id
    WHERE l.band = 'fail' AND NOT ${referringFile('l', RESOLVED)}
    ORDER BY l.submitted_at DESC, l.id DESC
    LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  return result.rows.map((r) => ({
    kind: 'review',
    ref: String(r.id),
    caseNo: r.case_no,
    date: r.submitted_at,
    detail: `${r.score} 分${r.legality_defect ? '（合法性问题）' : ''}`,
    drawId: r.draw_id,
    ...person(r)
  }));
}

async function pendingComplaints(db: Db, page: Page): Promise<PendingItem[]> {
  const result = await sql<
    {
      id: string;
      received_at: Date;
      category: string;
      case_no: string | null;
    } & PersonColumns
  >`
    WITH page AS (
      SELECT q.id, q.received_at, q.category, q.case_id, q.staff_id FROM complaints q
      WHERE q.substantiated AND NOT ${referring('complaint_id', sql`q.id`, RESOLVED)}
      ORDER BY q.received_at DESC, q.id DESC
      LIMIT ${page.limit} OFFSET ${page.offset}
    )
    SELECT p.id, p.received_at, p.category, c.case_no,
      s.id AS staff_id, s.staff_no, s.name AS staff_name, ${waiting('complaint_id', sql`p.id`)} AS proposal_id
    FROM page p
    LEFT JOIN cases c ON c.id = p.case_id
    LEFT JOIN staff s ON s.id = coalesce(p.staff_id, c.handler_staff_id)
    ORDER BY p.received_at DESC, p.id DESC`.execute(db);
  return result.rows.map((r) => ({
    kind: 'complaint',
    ref: String(r.id),
    caseNo: r.case_no,
    date: r.received_at,
    detail: r.category,
    drawId: null,
    ...person(r)
  }));
}
