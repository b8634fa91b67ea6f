import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { ReviewStatus, StoredEntry } from './reviews.table';
import type { Band } from '../../scoresheet';

// Queries of the file reviews (案卷评查). Writes run inside the caller's transaction; the
// database itself refuses any change to a submitted review.

type Db = Kysely<Database> | Transaction<Database>;

/** The newest active template: the one a new review is scored on. */
export async function findActiveTemplate(db: Db) {
  return db
    .selectFrom('audit_scoresheet_templates')
    .select(['id', 'name', 'items'])
    .where('active', '=', true)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function findTemplate(db: Db, id: number) {
  return db
    .selectFrom('audit_scoresheet_templates')
    .select(['id', 'name', 'items'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findDrawnCase(db: Db, drawId: number, caseNo: string) {
  return db
    .selectFrom('audit_draw_cases')
    .select(['draw_id', 'case_id', 'case_no', 'stratum', 'position'])
    .where('draw_id', '=', drawId)
    .where('case_no', '=', caseNo)
    .executeTakeFirst();
}

/** The reviewers drawn for one case (not the conflicted ones passed over). */
export async function listDrawnReviewers(db: Db, drawId: number, caseNo: string) {
  return db
    .selectFrom('audit_draw_reviewers as r')
    .innerJoin('audit_draw_pool as p', (join) =>
      join.onRef('p.draw_id', '=', 'r.draw_id').onRef('p.reviewer_user_id', '=', 'r.reviewer_user_id')
    )
    .select(['r.reviewer_user_id', 'p.display_name'])
    .where('r.draw_id', '=', drawId)
    .where('r.case_no', '=', caseNo)
    .where('r.outcome', '=', 'drawn')
    .orderBy('r.position')
    .execute();
}

const REVIEW_COLUMNS = [
  'v.id',
  'v.draw_id',
  'v.case_no',
  'v.reviewer_user_id',
  'v.template_id',
  'v.status',
  'v.entries',
  'v.score',
  'v.band',
  'v.legality_defect',
  'v.corrects_review_id',
  'v.created_at',
  'v.updated_at',
  'v.submitted_at'
] as const;

/** Every review of one case in a draw, oldest first, with the reviewer's name. */
export async function listCaseReviews(db: Db, drawId: number, caseNo: string) {
  return db
    .selectFrom('audit_reviews as v')
    .innerJoin('users as u', 'u.id', 'v.reviewer_user_id')
    .select(REVIEW_COLUMNS)
    .select('u.display_name as reviewer_name')
    .where('v.draw_id', '=', drawId)
    .where('v.case_no', '=', caseNo)
    .orderBy('v.id')
    .execute();
}

/** Every review of a draw (for the sheet): status and result only, oldest first. */
export async function listDrawReviews(db: Db, drawId: number) {
  return db
    .selectFrom('audit_reviews')
    .select(['id', 'case_no', 'reviewer_user_id', 'status', 'score', 'band', 'legality_defect'])
    .where('draw_id', '=', drawId)
    .orderBy('id')
    .execute();
}

/** The reviewer's open draft of a case, locked for the rest of the transaction. */
export async function findDraftForUpdate(db: Db, drawId: number, caseNo: string, reviewerId: number) {
  return db
    .selectFrom('audit_reviews')
    .select(['id', 'template_id', 'corrects_review_id'])
    .where('draw_id', '=', drawId)
    .where('case_no', '=', caseNo)
    .where('reviewer_user_id', '=', reviewerId)
    .where('status', '=', 'draft')
    .forUpdate()
    .executeTakeFirst();
}

/** The reviewer's latest submitted review of a case. */
export async function findLatestSubmitted(db: Db, drawId: number, caseNo: string, reviewerId: number) {
  return db
    .selectFrom('audit_reviews')
    .select(['id', 'template_id', 'entries'])
    .where('draw_id', '=', drawId)
    .where('case_no', '=', caseNo)
    .where('reviewer_user_id', '=', reviewerId)
    .where('status', '=', 'submitted')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export interface ReviewResult {
  entries: StoredEntry[];
  score: number;
  band: Band;
  legalityDefect: boolean;
}

export async function insertDraft(
  db: Db,
  row: {
    drawId: number;
    caseId: string;
    caseNo: string;
    reviewerId: number;
    templateId: number;
    correctsReviewId: number | null;
  } & ReviewResult
): Promise<number> {
  const inserted = await db
    .insertInto('audit_reviews')
    .values({
      draw_id: row.drawId,
      case_id: row.caseId,
      case_no: row.caseNo,
      reviewer_user_id: row.reviewerId,
      template_id: row.templateId,
      status: 'draft',
      entries: JSON.stringify(row.entries),
      score: row.score,
      band: row.band,
      legality_defect: row.legalityDefect,
      corrects_review_id: row.correctsReviewId
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Rewrites a draft's result; `submit` also makes it final (the trigger then guards it). */
export async function updateDraft(db: Db, id: number, result: ReviewResult, status: ReviewStatus) {
  await db
    .updateTable('audit_reviews')
    .set({
      entries: JSON.stringify(result.entries),
      score: result.score,
      band: result.band,
      legality_defect: result.legalityDefect,
      status,
      updated_at: sql<Date>`now()`,
      submitted_at: status === 'submitted' ? sql<Date>`now()` : null
    })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirstOrThrow();
}

export async function deleteDraft(db: Db, id: number) {
  return db.deleteFrom('audit_reviews').where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
}
