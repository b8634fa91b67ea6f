import type { Kysely, Transaction } from 'kysely';
import { scoreFile, type ScoreEntry, type ScoreError, type ScoresheetTemplate } from '../../scoresheet';
import { appendAudit, type Actor } from '../audit/audit.repository';
import type { Database } from '../db/database';
import { isDrawVoid } from './draw-voids.repository';
import {
  deleteDraft,
  findActiveTemplate,
  findDraftForUpdate,
  findDrawnCase,
  findLatestSubmitted,
  findTemplate,
  insertDraft,
  listDrawnReviewers,
  updateDraft,
  type ReviewResult
} from './reviews.repository';

// Reviewing a drawn case file (案卷评查; shared/spec/audits.md, docs/rules/audits.md).
// Only a reviewer drawn for the case writes its review; the arithmetic is scoreFile's.
// A draft is saved and resaved; submitting makes it final; a correction is a new draft
// naming the submitted review it corrects. Every write is audited in its transaction.

/** A refusal the user can understand (Chinese); `status` is the HTTP status to answer with. */
export class ReviewError extends Error {
  override name = 'ReviewError';
  constructor(
    message: string,
    readonly status: 403 | 404 | 409 = 409
  ) {
    super(message);
  }
}

export interface ReviewTarget {
  drawId: number;
  caseNo: string;
}

export type SaveOutcome = { ok: true; reviewId: number } | { ok: false; errors: ScoreError[] };

type Trx = Transaction<Database>;

async function requireDrawnReviewer(trx: Trx, actor: Actor, target: ReviewTarget) {
  const drawn = await findDrawnCase(trx, target.drawId, target.caseNo);
  if (!drawn) throw new ReviewError('该办件不在此次抽取中', 404);
  if (await isDrawVoid(trx, target.drawId)) throw new ReviewError('该抽取单已作废，不能再评查');
  const reviewers = await listDrawnReviewers(trx, target.drawId, target.caseNo);
  const userId = actor.userId;
  if (userId === null || !reviewers.some((r) => r.reviewer_user_id === userId))
    throw new ReviewError('只有抽中的评查人员可以评查该案卷', 403);
  return { caseId: drawn.case_id, reviewerId: userId };
}

async function templateItems(trx: Trx, id: number): Promise<ScoresheetTemplate> {
  const template = await findTemplate(trx, id);
  if (!template) throw new Error(`scoresheet template ${id} missing`);
  return template.items;
}

/** Scores the entries; only items with something recorded are stored. */
function score(template: ScoresheetTemplate, entries: readonly ScoreEntry[]) {
  const scored = scoreFile(template, entries);
  if (!scored.ok) return scored;
  const result: ReviewResult = {
    entries: scored.perItem
      .filter((i) => i.deducted > 0 || i.defect !== null || i.legality)
      .map((i) => ({ item: i.item, deducted: i.deducted, defect: i.defect, legality: i.legality })),
    score: scored.score,
    band: scored.band,
    legalityDefect: scored.legalityDefect
  };
  return { ok: true as const, result };
}

async function write(
  db: Kysely<Database>,
  actor: Actor,
  target: ReviewTarget,
  entries: readonly ScoreEntry[],
  submit: boolean
): Promise<SaveOutcome> {
  return db.transaction().execute(async (trx) => {
    const { caseId, reviewerId } = await requireDrawnReviewer(trx, actor, target);
    const draft = await findDraftForUpdate(trx, target.drawId, target.caseNo, reviewerId);
    let templateId = draft?.template_id;
    if (templateId === undefined) {
      if (await findLatestSubmitted(trx, target.drawId, target.caseNo, reviewerId))
        throw new ReviewError('该案卷的评查已提交，不能再修改；如需更正，请点击「更正评查」');
      const active = await findActiveTemplate(trx);
      if (!active) throw new ReviewError('没有启用的评查表模板');
      templateId = active.id;
    }
    const scored = score(await templateItems(trx, templateId), entries);
    if (!scored.ok) return { ok: false, errors: scored.errors };
    const { result } = scored;
    let reviewId = draft?.id;
    if (reviewId === undefined)
      reviewId = await insertDraft(trx, {
        ...target,
        ...result,
        caseId,
        reviewerId,
        templateId,
        correctsReviewId: null
      });
    if (draft || submit) await updateDraft(trx, reviewId, result, submit ? 'submitted' : 'draft');
    await appendAudit(trx, actor, {
      action: submit ? 'audit_review.submit' : 'audit_review.save_draft',
      entity: 'audit_review',
      entityId: reviewId,
      after: {
        draw_id: target.drawId,
        case_no: target.caseNo,
        template_id: templateId,
        corrects_review_id: draft?.corrects_review_id ?? null,
        ...result
      }
    });
    return { ok: true, reviewId };
  });
}

/** Saves the reviewer's draft (creating it the first time). Errors are per item, in Chinese. */
export function saveDraft(db: Kysely<Database>, actor: Actor, target: ReviewTarget, entries: ScoreEntry[]) {
  return write(db, actor, target, entries, false);
}

/** Saves and submits in one transaction: afterwards the review cannot be changed. */
export function submitReview(
  db: Kysely<Database>,
  actor: Actor,
  target: ReviewTarget,
  entries: ScoreEntry[]
) {
  return write(db, actor, target, entries, true);
}

/** Opens a correction: a new draft, copying and naming the reviewer's latest submitted review. */
export async function startCorrection(db: Kysely<Database>, actor: Actor, target: ReviewTarget) {
  return db.transaction().execute(async (trx) => {
    const { caseId, reviewerId } = await requireDrawnReviewer(trx, actor, target);
    if (await findDraftForUpdate(trx, target.drawId, target.caseNo, reviewerId))
      throw new ReviewError('已有未提交的评查草稿，请先完成草稿');
    const previous = await findLatestSubmitted(trx, target.drawId, target.caseNo, reviewerId);
    if (!previous) throw new ReviewError('还没有已提交的评查，无需更正');
    const scored = score(await templateItems(trx, previous.template_id), previous.entries);
    if (!scored.ok) throw new Error(`submitted review ${previous.id} no longer scores`);
    const reviewId = await insertDraft(trx, {
      ...target,
      ...scored.result,
      caseId,
      reviewerId,
      templateId: previous.template_id,
      correctsReviewId: previous.id
    });
    await appendAudit(trx, actor, {
      action: 'audit_review.correct',
      entity: 'audit_review',
      entityId: reviewId,
      after: { draw_id: target.drawId, case_no: target.caseNo, corrects_review_id: previous.id }
    });
    return reviewId;
  });
}

/**
 * Discards the actor's own draft of a case (drafts are not scores: only submitted reviews
 * are immutable). Allowed on a void draw too. The audit entry keeps what the draft held.
 */
export async function discardDraft(db: Kysely<Database>, actor: Actor, target: ReviewTarget) {
  if (actor.userId === null) throw new ReviewError('需要登录', 403);
  const reviewerId = actor.userId;
  return db.transaction().execute(async (trx) => {
    const draft = await findDraftForUpdate(trx, target.drawId, target.caseNo, reviewerId);
    if (!draft) throw new ReviewError('没有可放弃的评查草稿', 404);
    const before = await trx
      .selectFrom('audit_reviews')
      .select(['entries', 'score', 'band', 'legality_defect', 'template_id', 'corrects_review_id'])
      .where('id', '=', draft.id)
      .executeTakeFirstOrThrow();
    const deleted = await deleteDraft(trx, draft.id);
    if (Number(deleted.numDeletedRows) !== 1) throw new ReviewError('该评查已提交，不能放弃');
    await appendAudit(trx, actor, {
      action: 'audit_review.discard',
      entity: 'audit_review',
      entityId: draft.id,
      before: { draw_id: target.drawId, case_no: target.caseNo, ...before }
    });
    return draft.id;
  });
}

/** The template a reviewer's form is on: their open draft's, or the active one. */
export async function formTemplate(db: Kysely<Database>, target: ReviewTarget, reviewerId: number | null) {
  const draft =
    reviewerId === null
      ? undefined
      : await db
          .selectFrom('audit_reviews')
          .select('template_id')
          .where('draw_id', '=', target.drawId)
          .where('case_no', '=', target.caseNo)
          .where('reviewer_user_id', '=', reviewerId)
          .where('status', '=', 'draft')
          .executeTakeFirst();
  const template = draft ? await findTemplate(db, draft.template_id) : await findActiveTemplate(db);
  if (!template) throw new ReviewError('没有启用的评查表模板');
  return template;
}
