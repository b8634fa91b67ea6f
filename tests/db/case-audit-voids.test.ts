import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/audit/audit.repository';
import { drawPlan, DrawError } from '../../src/lib/server/case-audits/draw.service';
import { voidDraw } from '../../src/lib/server/case-audits/draw-void.service';
import {
  discardDraft,
  ReviewError,
  saveDraft,
  submitReview
} from '../../src/lib/server/case-audits/review.service';
import { insertConcludedCases, planAndDraw } from '../helpers/audit-plan';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';
import { addUser } from '../helpers/users';

// Discarding a draft review, voiding a draw and re-drawing: every change is a new row (or,
// for a draft, its removal); the draw rows stay exactly as they were.

let t: TestDatabases;
let planId: number;
let drawId: number;
let reviewerOf: (drawId: number, caseNo: string) => Promise<Actor>;
let planner: Actor;

const caseNo = '510107-TEST-000001';
const audit = (action: string) =>
  t.db
    .selectFrom('audit_log')
    .select(['entity_id', 'before', 'after'])
    .where('action', '=', action)
    .execute();

beforeAll(async () => {
  t = await createTestDatabases();
  await insertConcludedCases(t, 4);
  const ids = {
    a: await addUser(t.db, { login: 'a.insp', roles: ['inspector'] }),
    b: await addUser(t.db, { login: 'b.insp', roles: ['inspector'] })
  };
  planner = { userId: ids.a, login: 'a.insp', roles: ['inspector'] };
  ({ planId, drawId } = await planAndDraw(t.db, planner, { title: '作废测试', seed: 'void-test' }));
  reviewerOf = async (draw, no) => {
    const r = await t.db
      .selectFrom('audit_draw_reviewers')
      .select('reviewer_user_id')
      .where('draw_id', '=', draw)
      .where('case_no', '=', no)
      .where('outcome', '=', 'drawn')
      .executeTakeFirstOrThrow();
    const login = r.reviewer_user_id === ids.a ? 'a.insp' : 'b.insp';
    return { userId: r.reviewer_user_id, login, roles: ['inspector'] };
  };
});
afterAll(() => t?.destroy());

describe('discarding a draft review', () => {
  it('removes the reviewer’s own draft with an audit entry; a submitted review stays', async () => {
    const target = { drawId, caseNo };
    const reviewer = await reviewerOf(drawId, caseNo);
    const saved = await saveDraft(t.db, reviewer, target, [{ item: 'fees', deducted: 1, defect: '多收' }]);
    if (!saved.ok) throw new Error('draft not saved');
    expect(await discardDraft(t.db, reviewer, target)).toBe(saved.reviewId);
    expect(await t.db.selectFrom('audit_reviews').select('id').execute()).toEqual([]);
    const [entry] = await audit('audit_review.discard');
    expect(entry.entity_id).toBe(String(saved.reviewId));
    expect(entry.before).toMatchObject({
      case_no: caseNo,
      score: '99.0',
      entries: [{ item: 'fees', deducted: 1 }]
    });
    await expect(discardDraft(t.db, reviewer, target)).rejects.toThrow('没有可放弃的评查草稿');

    const submitted = await submitReview(t.db, reviewer, target, []);
    if (!submitted.ok) throw new Error('not submitted');
    await expect(discardDraft(t.db, reviewer, target)).rejects.toThrow(ReviewError);
    await expect(
      sql`DELETE FROM audit_reviews WHERE id = ${submitted.reviewId}`.execute(t.db)
    ).rejects.toThrow(/immutable once submitted/);
    expect(await t.db.selectFrom('audit_reviews').select('status').execute()).toEqual([
      { status: 'submitted' }
    ]);
  });
});

describe('voiding and re-drawing', () => {
  it('records a void as a new row, leaves the draw unchanged and refuses its reviews', async () => {
    const before = await t.db
      .selectFrom('audit_draws')
      .selectAll()
      .where('id', '=', drawId)
      .executeTakeFirstOrThrow();
    const other = '510107-TEST-000002';
    const reviewer = await reviewerOf(drawId, other);
    const draft = await saveDraft(t.db, reviewer, { drawId, caseNo: other }, []);
    expect(draft.ok).toBe(true);

    await expect(voidDraw(t.db, planner, drawId, '  ')).rejects.toThrow('请写明作废理由');
    await voidDraw(t.db, planner, drawId, '抽取时总体未含迟到同步的办件');
    await expect(voidDraw(t.db, planner, drawId, '再次作废')).rejects.toThrow('该抽取单已作废');
    const after = await t.db
      .selectFrom('audit_draws')
      .selectAll()
      .where('id', '=', drawId)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    expect(
      await t.db.selectFrom('audit_draw_voids').select(['draw_id', 'reason', 'voided_by']).execute()
    ).toEqual([{ draw_id: drawId, reason: '抽取时总体未含迟到同步的办件', voided_by: planner.userId }]);
    expect((await audit('audit_draw.void'))[0]).toMatchObject({ entity_id: String(drawId) });

    // No new review, no change to the open draft, not even a correction; discarding is fine.
    const third = '510107-TEST-000003';
    await expect(
      saveDraft(t.db, await reviewerOf(drawId, third), { drawId, caseNo: third }, [])
    ).rejects.toThrow('该抽取单已作废');
    await expect(saveDraft(t.db, reviewer, { drawId, caseNo: other }, [])).rejects.toThrow('该抽取单已作废');
    await expect(
      sql`UPDATE audit_reviews SET status = 'draft' WHERE case_no = ${other}`.execute(t.db)
    ).rejects.toThrow(/is void/);
    const template = await t.db
      .selectFrom('audit_scoresheet_templates')
      .select('id')
      .executeTakeFirstOrThrow();
    await expect(
      sql`INSERT INTO audit_reviews (draw_id, case_id, case_no, reviewer_user_id, template_id, status, entries, score, band, legality_defect)
          SELECT draw_id, case_id, case_no, ${reviewer.userId}, ${template.id}, 'draft', '[]', 100, 'excellent', false
          FROM audit_draw_cases WHERE draw_id = ${drawId} AND case_no = ${third}`.execute(t.db)
    ).rejects.toThrow(/is void/);
    expect(await discardDraft(t.db, reviewer, { drawId, caseNo: other })).toBeTypeOf('number');
  });

  it('refuses the app role any change to a void', async () => {
    await expect(sql`UPDATE audit_draw_voids SET reason = 'x'`.execute(t.db)).rejects.toThrow(
      /permission denied/
    );
    await expect(sql`DELETE FROM audit_draw_voids`.execute(t.db)).rejects.toThrow(/permission denied/);
    await expect(sql`TRUNCATE audit_draw_voids`.execute(t.db)).rejects.toThrow(/permission denied/);
  });

  it('re-draws: a new draw of the same plan naming the one it supersedes, once', async () => {
    const redraw = await drawPlan(t.db, planner, planId, { drawId, reason: '' });
    const row = await t.db
      .selectFrom('audit_draws')
      .select(['plan_id', 'supersedes_draw_id'])
      .where('id', '=', redraw)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ plan_id: planId, supersedes_draw_id: drawId });
    await expect(drawPlan(t.db, planner, planId, { drawId, reason: '再来' })).rejects.toThrow('已被重新抽取');
    // Re-drawing a standing draw voids it first, with the reason, in the same transaction.
    await expect(drawPlan(t.db, planner, planId, { drawId: redraw, reason: '' })).rejects.toThrow(DrawError);
    const third = await drawPlan(t.db, planner, planId, { drawId: redraw, reason: '评查人员名单有误' });
    const voids = await t.db
      .selectFrom('audit_draw_voids')
      .select(['draw_id', 'reason'])
      .orderBy('id')
      .execute();
    expect(voids.map((v) => v.draw_id)).toEqual([drawId, redraw]);
    expect(voids[1].reason).toBe('评查人员名单有误');
    expect(third).toBeGreaterThan(redraw);
    // The database refuses a draw superseding one that is not void.
    await expect(
      sql`INSERT INTO audit_draws (plan_id, drawn_by, population_size, sample_size, population_digest, supersedes_draw_id)
          VALUES (${planId}, ${planner.userId}, 1, 1, 'x', ${third})`.execute(t.db)
    ).rejects.toThrow(/not void/);
  });
});
