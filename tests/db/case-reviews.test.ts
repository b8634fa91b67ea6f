import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/audit/audit.repository';
import {
  ReviewError,
  saveDraft,
  startCorrection,
  submitReview
} from '../../src/lib/server/case-audits/review.service';
import { DEFAULT_SCORESHEET } from '../../src/lib/scoresheet';
import { auditActions } from '../helpers/audit-log';
import { insertConcludedCases, planAndDraw } from '../helpers/audit-plan';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';
import { addUser } from '../helpers/users';

// Reviews of drawn files: four concluded cases of S01, all drawn (minimum 4), one reviewer
// each from two inspectors without conflicts. Draft → submit; a submitted review is
// refused any change by the database; a correction is a new row naming the old one.

const caseNo = (id: number) => `510107-TEST-${String(id).padStart(6, '0')}`;

let t: TestDatabases;
let drawId: number;
/** The case reviewed here, its drawn reviewer and an inspector not drawn for it. */
let target: { drawId: number; caseNo: string };
let reviewer: Actor;
let other: Actor;

beforeAll(async () => {
  t = await createTestDatabases();
  await insertConcludedCases(t, 4);
  const a = await addUser(t.db, { login: 'a.insp', roles: ['inspector'] });
  const b = await addUser(t.db, { login: 'b.insp', roles: ['inspector'] });
  const planner: Actor = { userId: a, login: 'a.insp', roles: ['inspector'] };
  ({ drawId } = await planAndDraw(t.db, planner, { title: '评查测试', seed: 'review-test' }));
  const drawn = await t.db
    .selectFrom('audit_draw_reviewers')
    .select(['case_no', 'reviewer_user_id'])
    .where('draw_id', '=', drawId)
    .where('outcome', '=', 'drawn')
    .where('case_no', '=', caseNo(1))
    .executeTakeFirstOrThrow();
  target = { drawId, caseNo: drawn.case_no };
  const actor = (id: number): Actor => ({
    userId: id,
    login: id === a ? 'a.insp' : 'b.insp',
    roles: ['inspector']
  });
  reviewer = actor(drawn.reviewer_user_id);
  other = actor(drawn.reviewer_user_id === a ? b : a);
});
afterAll(() => t?.destroy());

const reviews = () => t.db.selectFrom('audit_reviews').selectAll().orderBy('id').execute();

describe('file reviews', () => {
  it('seeds the default template', async () => {
    const template = await t.db.selectFrom('audit_scoresheet_templates').selectAll().execute();
    expect(template).toHaveLength(1);
    expect(template[0].items).toEqual([...DEFAULT_SCORESHEET]);
  });

  it('refuses a reviewer not drawn for the case', async () => {
    await expect(saveDraft(t.db, other, target, [])).rejects.toThrow(ReviewError);
    await expect(saveDraft(t.db, other, target, [])).rejects.toThrow('只有抽中的评查人员');
    expect(await reviews()).toHaveLength(0);
  });

  it('reports errors per item and writes nothing', async () => {
    const outcome = await saveDraft(t.db, reviewer, target, [
      { item: 'acceptance', deducted: 2, defect: '' },
      { item: 'fees', deducted: 0.3, defect: '多收' }
    ]);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors.map((e) => e.item)).toEqual(['acceptance', 'fees']);
    expect(outcome.errors[0].message).toBe('受理：扣分须写明发现的问题');
    expect(await reviews()).toHaveLength(0);
  });

  it('saves a draft, resaves it, then submits it with audit entries', async () => {
    const first = await saveDraft(t.db, reviewer, target, [
      { item: 'acceptance', deducted: 2, defect: '材料登记不全' }
    ]);
    expect(first.ok).toBe(true);
    const second = await saveDraft(t.db, reviewer, target, [
      { item: 'acceptance', deducted: 2.5, defect: '材料登记不全' }
    ]);
    expect(second).toEqual(first);
    let rows = await reviews();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'draft', score: '97.5', band: 'excellent' });

    const submitted = await submitReview(t.db, reviewer, target, [
      { item: 'acceptance', deducted: 2.5, defect: '材料登记不全' },
      { item: 'time_limit', deducted: 10, defect: '超期未说明' }
    ]);
    expect(submitted).toEqual(first);
    rows = await reviews();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'submitted', score: '87.5', band: 'pass' });
    expect(rows[0].submitted_at).toBeInstanceOf(Date);
    expect(await auditActions(t.db, 'audit_review')).toEqual([
      'audit_review.save_draft',
      'audit_review.save_draft',
      'audit_review.submit'
    ]);
  });

  it('refuses any change to a submitted review, in the app and in the database', async () => {
    await expect(saveDraft(t.db, reviewer, target, [])).rejects.toThrow('评查已提交');
    const [row] = await reviews();
    await expect(
      t.db.updateTable('audit_reviews').set({ score: 100 }).where('id', '=', row.id).execute()
    ).rejects.toThrow(/immutable once submitted/);
    await expect(t.db.deleteFrom('audit_reviews').where('id', '=', row.id).execute()).rejects.toThrow(
      /immutable once submitted/
    );
    await expect(sql`TRUNCATE audit_reviews`.execute(t.db)).rejects.toThrow(/permission denied/);
    await expect(t.db.deleteFrom('audit_scoresheet_templates').execute()).rejects.toThrow(
      /permission denied/
    );
    expect((await reviews())[0]).toMatchObject({ status: 'submitted', score: '87.5' });
  });

  it('corrects by a new review naming the old one; a legality defect scores 0, 不合格', async () => {
    const [old] = await reviews();
    const id = await startCorrection(t.db, reviewer, target);
    expect(id).not.toBe(old.id);
    let rows = await reviews();
    expect(rows[1]).toMatchObject({ status: 'draft', corrects_review_id: old.id, score: '87.5' });
    expect(rows[1].entries).toEqual(old.entries);
    await expect(startCorrection(t.db, reviewer, target)).rejects.toThrow('已有未提交的评查草稿');

    const outcome = await submitReview(t.db, reviewer, target, [
      { item: 'decision', deducted: 0, defect: '越权作出许可决定', legality: true }
    ]);
    expect(outcome).toEqual({ ok: true, reviewId: id });
    rows = await reviews();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ status: 'submitted', score: '87.5' });
    expect(rows[1]).toMatchObject({
      status: 'submitted',
      score: '0.0',
      band: 'fail',
      legality_defect: true,
      corrects_review_id: old.id
    });
  });

  it('lets a reviewer discard their own draft, not a submitted review', async () => {
    const drawn = await t.db
      .selectFrom('audit_draw_reviewers')
      .select(['case_no', 'reviewer_user_id'])
      .where('draw_id', '=', drawId)
      .where('case_no', '=', caseNo(2))
      .where('outcome', '=', 'drawn')
      .executeTakeFirstOrThrow();
    const who: Actor = { userId: drawn.reviewer_user_id, login: 'x', roles: ['inspector'] };
    const saved = await saveDraft(t.db, who, { drawId, caseNo: drawn.case_no }, []);
    if (!saved.ok) throw new Error('not saved');
    const removed = await t.db
      .deleteFrom('audit_reviews')
      .where('id', '=', saved.reviewId)
      .executeTakeFirst();
    expect(removed.numDeletedRows).toBe(1n);
  });
});
