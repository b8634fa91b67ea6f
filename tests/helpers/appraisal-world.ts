import { sql, type Kysely } from 'kysely';
import { expect } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { EVALUATION_DATE, loadKpiWorld, local } from './kpi-world';
import { syncOnce } from './sync-fixtures';
import type { TestDatabases } from './test-databases';

// The KPI world (kpi-world.ts, evaluated Fri 2025-10-10) plus what the appraisal needs:
// more staff on window W01 and ratings naming them, and file reviews.
//
// Staff: 1 E001 window (handler of every case but 3-of-W02 and 9), 2 E002 chief_rep on W01,
// 3 E003 window on W01, 4 E004 reviewer on W01 (not scored), 5 E005 window on W01, inactive.
// Extra ratings (October): R6 staff 3 level 2; R7 staff 4 level 1 (not scored: no event,
// no fallback to the handler); R8 staff 2 level 1 (the chief's own: no share).
// Reviews (submitted 2025-10-10): case 1 合格 85 (audit_defects), case 3 不合格 50 (audit_failed).
//
// Expected automatic events, all of staff 1 unless said:
//   September: late_conclusion case 2 (09-30), red_case case 2 (09-29), red_case case 5
//   (09-09), statutory_overdue case 5 (09-29); chief shares −10, −5, −5, −25.
//   October: bad_rating R2 −15, very_good_rating R1 +1, substantiated_complaint C1 −30,
//   audit_defects −10, audit_failed −40; staff 3 bad_rating R6 −15; staff 2 bad_rating R8
//   −15; chief shares of staff 1's four deductions and staff 3's one: −7.5, −15, −5, −20, −7.5.

export const SEPTEMBER = '2025-09-01';
export const OCTOBER = '2025-10-01';

let clockTick = 0;
/** A source updated_at later than every earlier one, so the next sync reads the row again. */
export const later = () =>
  local(
    `2025-10-10T${String(13 + Math.floor(clockTick / 60)).padStart(2, '0')}:${String(clockTick++ % 60).padStart(2, '0')}:00`
  );

export async function loadAppraisalWorld(t: TestDatabases): Promise<{ leaderId: number }> {
  await loadKpiWorld(t);
  const w = t.sourceWriter;
  const updated_at = later();
  const person = (id: number, position: 'window' | 'chief_rep' | 'reviewer', active = true) => ({
    id,
    staff_no: `E00${id}`,
    name: `员工${id}`,
    window_id: 1,
    section_id: 1,
    position,
    employment: 'civil_servant' as const,
    active,
    updated_at
  });
  await w
    .insertInto('staff')
    .values([person(2, 'chief_rep'), person(3, 'window'), person(4, 'reviewer'), person(5, 'window', false)])
    .execute();
  const rating = { case_id: null, window_id: 1, channel: 'hall_device' as const, comment: null, updated_at };
  await w
    .insertInto('ratings')
    .values([
      { ...rating, id: 6, staff_id: 3, level: 2, rated_at: local('2025-10-09T11:00:00') },
      { ...rating, id: 7, staff_id: 4, level: 1, rated_at: local('2025-10-09T12:00:00') },
      { ...rating, id: 8, staff_id: 2, level: 1, rated_at: local('2025-10-09T13:00:00') }
    ])
    .execute();
  const result = await syncOnce(t, { evaluationDate: EVALUATION_DATE });
  expect(result.rowsQuarantined).toBe(0);

  const leaderId = await insertUser(t.db, 'leader');
  const inspectorId = await insertUser(t.db, 'inspector');
  const drawId = await insertDraw(t.db, inspectorId, [1, 3]);
  await insertReview(t.db, {
    drawId,
    caseId: 1,
    reviewerId: inspectorId,
    score: 85,
    at: '2025-10-10T10:00:00'
  });
  await insertReview(t.db, {
    drawId,
    caseId: 3,
    reviewerId: inspectorId,
    score: 50,
    at: '2025-10-10T11:00:00'
  });
  return { leaderId };
}

export async function insertUser(db: Kysely<Database>, login: string): Promise<number> {
  const row = await sql<{ id: number }>`
    INSERT INTO users (login, display_name, roles, password_hash)
    VALUES (${login}, ${login}, ARRAY[${login}]::text[], 'not-a-hash') RETURNING id`.execute(db);
  return row.rows[0].id;
}

const caseNo = (id: number) => `510107-TEST-${String(id).padStart(6, '0')}`;

async function insertDraw(db: Kysely<Database>, userId: number, caseIds: number[]): Promise<number> {
  const plan = await sql<{ id: number }>`
    INSERT INTO audit_plans (title, period_from, period_to, strata, rate_ppm, minimum, reviewers_per_case,
      seed, seed_origin, created_by)
    VALUES ('十月抽查', '2025-09-01', '2025-10-10', 'none', 50000, 1, 1, 'seed', 'entered', ${userId})
    RETURNING id`.execute(db);
  const draw = await sql<{ id: number }>`
    INSERT INTO audit_draws (plan_id, drawn_by, population_size, sample_size, population_digest)
    VALUES (${plan.rows[0].id}, ${userId}, 10, ${caseIds.length}, 'x') RETURNING id`.execute(db);
  const drawId = draw.rows[0].id;
  for (const [i, id] of caseIds.entries()) {
    await sql`
      INSERT INTO audit_draw_cases (draw_id, case_id, case_no, stratum, key, position)
      VALUES (${drawId}, ${id}, ${caseNo(id)}, 'all', ${'k' + id}, ${i + 1})`.execute(db);
  }
  return drawId;
}

/** A submitted review (band from the score), optionally correcting an earlier one. */
export async function insertReview(
  db: Kysely<Database>,
  r: { drawId: number; caseId: number; reviewerId: number; score: number; at: string; corrects?: number }
): Promise<number> {
  const band = r.score >= 90 ? 'excellent' : r.score >= 60 ? 'pass' : 'fail';
  const row = await sql<{ id: number }>`
    INSERT INTO audit_reviews (draw_id, case_id, case_no, reviewer_user_id, template_id, status, entries,
      score, band, legality_defect, corrects_review_id, submitted_at)
    VALUES (${r.drawId}, ${r.caseId}, ${caseNo(r.caseId)}, ${r.reviewerId},
      (SELECT min(id) FROM audit_scoresheet_templates), 'submitted', '[]', ${r.score}, ${band}, false,
      ${r.corrects ?? null}, ${local(r.at)}) RETURNING id`.execute(db);
  return row.rows[0].id;
}
