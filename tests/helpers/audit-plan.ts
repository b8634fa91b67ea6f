import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { Actor } from '../../src/lib/server/audit/audit.repository';
import { createPlan, drawPlan } from '../../src/lib/server/case-audits/draw.service';
import { checkPlanForm, type PlanFormValues } from '../../src/lib/server/case-audits/plan-form';
import { submitReview } from '../../src/lib/server/case-audits/review.service';
import type { Database } from '../../src/lib/server/db/database';
import type { ScoreEntry } from '../../src/lib/scoresheet';
import type { SourceDatabase } from '../../src/lib/server/source/source-tables';
import { insertCase, insertReferenceWorld, syncOnce } from './sync-fixtures';
import type { TestDatabases } from './test-databases';

// Audit plans and their draws for the tests, made through the services, and the small
// worlds they draw from.

/** The reference world and cases 1..count (matter M001, S01) concluded on 2025-03-05, synced. */
export async function insertConcludedCases(t: TestDatabases, count: number): Promise<void> {
  const at = (day: string) => `2025-03-${day}T10:00:00+08:00`;
  await insertReferenceWorld(t.sourceWriter);
  for (let id = 1; id <= count; id++)
    await insertCase(t.sourceWriter, {
      id,
      status: 'concluded',
      receivedAt: at('03'),
      concludedAt: at('05'),
      updatedAt: at('06')
    });
  expect((await syncOnce(t)).rowsQuarantined).toBe(0);
}

/** Section S02 (建设审批科) with its matter M003 (promised 3 / statutory 10 WD, not online). */
export async function insertSectionS02(w: Kysely<SourceDatabase>, updated_at: string): Promise<void> {
  await w.insertInto('sections').values({ id: 2, code: 'S02', name: '建设审批科', updated_at }).execute();
  await w
    .insertInto('matters')
    .values({
      id: 3,
      code: 'M003',
      name: '建筑工程施工许可',
      department_id: 1,
      section_id: 2,
      kind: 'promised',
      statutory_days: 10,
      promised_days: 3,
      online: false,
      updated_at
    })
    .execute();
}

/**
 * Checks a plan form (March 2025, every section and matter, no strata, 5 % with a minimum
 * of 4, one reviewer per case, an entered seed, unless `form` says otherwise) against the
 * known codes, creates the plan and draws it today. Throws on a form error.
 */
export async function planAndDraw(
  db: Kysely<Database>,
  planner: Actor,
  form: Partial<PlanFormValues> & Pick<PlanFormValues, 'title' | 'seed'>,
  known: { sections: readonly string[]; matters: readonly string[] } = {
    sections: ['S01'],
    matters: ['M001', 'M002']
  }
): Promise<{ planId: number; drawId: number }> {
  const checked = checkPlanForm(
    {
      periodFrom: '2025-03-01',
      periodTo: '2025-03-31',
      sectionCodes: [],
      matterCodes: [],
      strata: 'none',
      ratePercent: '5',
      minimum: '4',
      reviewersPerCase: '1',
      seedMode: 'entered',
      ...form
    },
    known
  );
  if (!('plan' in checked)) throw new Error(JSON.stringify(checked.errors));
  const planId = await createPlan(db, planner, checked.plan);
  return { planId, drawId: await drawPlan(db, planner, planId) };
}

/**
 * On the KPI world (tests/helpers/kpi-world.ts): a plan over S01's files concluded in
 * September–October 2025 that draws one file, and `inspector`'s submitted review of it.
 */
export async function reviewOneKpiFile(
  db: Kysely<Database>,
  inspector: Actor,
  plan: Pick<PlanFormValues, 'title' | 'seed'>,
  entries: ScoreEntry[]
): Promise<{ drawId: number; caseNo: string; reviewId: number }> {
  const { drawId } = await planAndDraw(
    db,
    inspector,
    {
      ...plan,
      periodFrom: '2025-09-01',
      periodTo: '2025-10-31',
      sectionCodes: ['S01'],
      ratePercent: '0',
      minimum: '1'
    },
    {
      sections: (await db.selectFrom('sections').select('code').execute()).map((s) => s.code),
      matters: (await db.selectFrom('matters').select('code').execute()).map((m) => m.code)
    }
  );
  const { case_no: caseNo } = await db
    .selectFrom('audit_draw_cases')
    .select('case_no')
    .where('draw_id', '=', drawId)
    .executeTakeFirstOrThrow();
  const outcome = await submitReview(db, inspector, { drawId, caseNo }, entries);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome));
  return { drawId, caseNo, reviewId: outcome.reviewId };
}
