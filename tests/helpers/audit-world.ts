import { expect } from 'vitest';
import type { Actor } from '../../src/lib/server/audit/audit.repository';
import { saveDraft, startCorrection, submitReview } from '../../src/lib/server/case-audits/review.service';
import type { ScoreEntry } from '../../src/lib/scoresheet';
import { insertSectionS02, planAndDraw } from './audit-plan';
import { insertCase, insertReferenceWorld, syncOnce } from './sync-fixtures';
import type { TestDatabases } from './test-databases';

// A small audited world for the inspectors' overview, made through the services: seven
// cases concluded in March 2025, four in S01 (matter M001) and three in S02 (M003), all
// drawn today by one plan (strata by section, minimum 4), then reviewed by whichever
// inspector was drawn for each file:
//   case 1 S01 100 优秀 · case 2 S01 88 合格 · case 3 S01 0 不合格 (legality)
//   case 4 S01 only a draft (not reviewed) · case 5 S02 45 不合格 · case 6 S02 90 优秀
//   case 7 S02 submitted at 95, then corrected to 59.5 不合格 (the correction counts)

export const caseNo = (id: number) => `510107-TEST-${String(id).padStart(6, '0')}`;

const SHEETS: Record<number, ScoreEntry[]> = {
  1: [],
  2: [
    { item: 'time_limit', deducted: 10, defect: '超期未说明' },
    { item: 'fees', deducted: 2, defect: '收费凭证缺失' }
  ],
  3: [{ item: 'decision', deducted: 0, defect: '越权作出许可决定', legality: true }],
  5: [
    { item: 'examination', deducted: 25, defect: '未实质审查' },
    { item: 'acceptance', deducted: 15, defect: '受理材料不全' },
    { item: 'decision', deducted: 15, defect: '决定书要素缺失' }
  ],
  6: [{ item: 'archiving', deducted: 10, defect: '未归档' }],
  7: [{ item: 'fees', deducted: 5, defect: '多收费' }]
};
const CORRECTION_7: ScoreEntry[] = [
  { item: 'examination', deducted: 25, defect: '未实质审查' },
  { item: 'acceptance', deducted: 15, defect: '受理材料不全' },
  { item: 'fees', deducted: 0.5, defect: '收据填写错误' }
];

export interface AuditWorld {
  drawId: number;
  /** The review that counts, by case id (case 4 has none). */
  reviewIds: Record<number, number>;
  /** The inspector drawn for each case. */
  reviewers: Record<number, Actor>;
}

/** Writes the cases into the source and syncs; S02 and M003 are added to the reference world. */
export async function insertAuditCases(t: TestDatabases) {
  const w = t.sourceWriter;
  const updated_at = '2025-03-01T09:00:00+08:00';
  await insertReferenceWorld(w);
  await insertSectionS02(w, updated_at);
  for (let id = 1; id <= 7; id++)
    await insertCase(w, {
      id,
      matterId: id <= 4 ? 1 : 3,
      status: 'concluded',
      receivedAt: '2025-03-03T10:00:00+08:00',
      concludedAt: '2025-03-05T10:00:00+08:00',
      updatedAt: '2025-03-06T10:00:00+08:00'
    });
  expect((await syncOnce(t)).rowsQuarantined).toBe(0);
}

/** Plans, draws (today) and reviews; `planner` is an inspector. */
export async function drawAndReview(t: TestDatabases, planner: Actor): Promise<AuditWorld> {
  const { drawId } = await planAndDraw(
    t.db,
    planner,
    { title: '2025年3月办件抽查', seed: 'overview-test', strata: 'section' },
    { sections: ['S01', 'S02'], matters: ['M001', 'M002', 'M003'] }
  );
  const drawn = await t.db
    .selectFrom('audit_draw_reviewers')
    .select(['case_no', 'reviewer_user_id'])
    .where('draw_id', '=', drawId)
    .where('outcome', '=', 'drawn')
    .execute();
  expect(drawn).toHaveLength(7);
  const reviewers: Record<number, Actor> = {};
  for (const row of drawn)
    reviewers[Number(row.case_no.slice(-6))] = {
      userId: row.reviewer_user_id,
      login: 'r',
      roles: ['inspector']
    };

  const reviewIds: Record<number, number> = {};
  const target = (id: number) => ({ drawId, caseNo: caseNo(id) });
  for (const [id, entries] of Object.entries(SHEETS)) {
    const outcome = await submitReview(t.db, reviewers[Number(id)], target(Number(id)), entries);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    reviewIds[Number(id)] = outcome.reviewId;
  }
  expect((await saveDraft(t.db, reviewers[4], target(4), [])).ok).toBe(true);
  await startCorrection(t.db, reviewers[7], target(7));
  const corrected = await submitReview(t.db, reviewers[7], target(7), CORRECTION_7);
  if (!corrected.ok) throw new Error(JSON.stringify(corrected.errors));
  reviewIds[7] = corrected.reviewId;
  return { drawId, reviewIds, reviewers };
}
