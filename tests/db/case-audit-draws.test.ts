import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/audit/audit.repository';
import {
  createPlan,
  drawPlan,
  DrawError,
  populationDigest
} from '../../src/lib/server/case-audits/draw.service';
import { checkPlanForm, type PlanFormValues } from '../../src/lib/server/case-audits/plan-form';
import { drawReviewers, drawSample } from '../../src/lib/server/case-audits/sampling';
import { verifyDraw } from '../../src/lib/server/case-audits/verify.service';
import { insertSectionS02 } from '../helpers/audit-plan';
import { insertCase, insertReferenceWorld, syncOnce } from '../helpers/sync-fixtures';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';
import { addUser } from '../helpers/users';

// A plan and its draws on a small synced world. Sections: S01 (matters M001, M002) and
// S02 (M003). Cases 1–20 (S01) and 21–30 (S02) concluded 2025-03-03..03-12; 31 concluded
// 03-14 23:30 local (inside the period, though 15:30 UTC), 32 on 03-15 00:10 local
// (outside), 33 open. Handler: staff E001 (section S01) except 21–25, handled by E002
// (a staff member without a section).
//
// Inspectors: free (no link), s01 (scope S01), e002 (staff E002), e001 (staff E001, who
// handled almost everything), an inactive one; and a leader, who is not in the pool.

const SEED = '2025年3月 党组会 7391';
const caseNo = (id: number) => `510107-TEST-${String(id).padStart(6, '0')}`;
const at = (day: string, time = '10:00:00') => `2025-03-${day}T${time}+08:00`;

let t: TestDatabases;
let actor: Actor;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestDatabases();
  const w = t.sourceWriter;
  await insertReferenceWorld(w);
  await insertSectionS02(w, at('01'));
  await w
    .insertInto('staff')
    .values({
      id: 2,
      staff_no: 'E002',
      name: '王强',
      window_id: 2,
      section_id: null,
      position: 'window',
      employment: 'contracted',
      active: true,
      updated_at: at('01')
    })
    .execute();
  for (let id = 1; id <= 32; id++) {
    const concludedAt =
      id <= 30
        ? at(String(3 + (id % 10)).padStart(2, '0'), '15:00:00')
        : id === 31
          ? at('14', '23:30:00')
          : at('15', '00:10:00');
    const matterId = id <= 20 ? 1 + (id % 2) : id <= 30 ? 3 : 1;
    await insertCase(w, {
      id,
      matterId,
      status: 'concluded',
      receivedAt: at('01'),
      concludedAt,
      updatedAt: at('16')
    });
  }
  await insertCase(w, { id: 33, receivedAt: at('05'), updatedAt: at('16') });
  await w
    .updateTable('cases')
    .set({ handler_staff_id: 2 })
    .where('id', '>=', '21')
    .where('id', '<=', '25')
    .execute();
  expect((await syncOnce(t)).rowsQuarantined).toBe(0);

  ids.free = await addUser(t.db, { login: 'free.insp', roles: ['inspector'] });
  ids.s01 = await addUser(t.db, { login: 's01.insp', roles: ['inspector'], sectionCodes: ['S01'] });
  ids.e002 = await addUser(t.db, { login: 'e002.insp', roles: ['inspector'], staffNo: 'E002' });
  ids.e001 = await addUser(t.db, { login: 'e001.insp', roles: ['inspector', 'leader'], staffNo: 'E001' });
  ids.gone = await addUser(t.db, { login: 'gone.insp', roles: ['inspector'] });
  await t.db.updateTable('users').set({ active: false }).where('id', '=', ids.gone).execute();
  ids.leader = await addUser(t.db, { login: 'the.leader', roles: ['leader'] });
  actor = { userId: ids.free, login: 'free.insp', roles: ['inspector'] };
});
afterAll(() => t?.destroy());

const FORM: PlanFormValues = {
  title: '2025年3月办件抽查',
  periodFrom: '2025-03-03',
  periodTo: '2025-03-14',
  sectionCodes: [],
  matterCodes: [],
  strata: 'section',
  ratePercent: '10',
  minimum: '2',
  reviewersPerCase: '1',
  seedMode: 'entered',
  seed: `  ${SEED} `
};
const KNOWN = { sections: ['S01', 'S02'], matters: ['M001', 'M002', 'M003'] };

async function newPlan(overrides: Partial<PlanFormValues> = {}) {
  const checked = checkPlanForm({ ...FORM, ...overrides }, KNOWN);
  if (!('plan' in checked)) throw new Error(JSON.stringify(checked.errors));
  return createPlan(t.db, actor, checked.plan);
}

/** The population worked out by hand: section of the matter, the period in local days. */
const POPULATION = [
  ...Array.from({ length: 20 }, (_, i) => ({ caseNo: caseNo(i + 1), stratum: 'S01' })),
  ...Array.from({ length: 10 }, (_, i) => ({ caseNo: caseNo(i + 21), stratum: 'S02' })),
  { caseNo: caseNo(31), stratum: 'S01' }
];

describe('drawing from a plan', () => {
  let planId: number;
  let drawId: number;
  beforeAll(async () => {
    planId = await newPlan();
    drawId = await drawPlan(t.db, actor, planId);
  });

  it('records the trimmed seed and the rate in millionths', async () => {
    const plan = await t.db
      .selectFrom('audit_plans')
      .selectAll()
      .where('id', '=', planId)
      .executeTakeFirstOrThrow();
    expect(plan).toMatchObject({
      seed: SEED,
      seed_origin: 'entered',
      rate_ppm: 100_000,
      minimum: 2,
      strata: 'section'
    });
  });

  it('draws exactly the cases drawSample gives for the population', async () => {
    const expected = drawSample({ seed: SEED, rate: 0.1, minimum: 2 }, POPULATION);
    expect(expected.strata.map((s) => [s.stratum, s.populationSize, s.sampleSize])).toEqual([
      ['S01', 21, 3],
      ['S02', 10, 2]
    ]);
    const cases = await t.db
      .selectFrom('audit_draw_cases')
      .selectAll()
      .where('draw_id', '=', drawId)
      .orderBy('position')
      .execute();
    expect(cases.map((c) => [c.case_no, c.stratum, c.key])).toEqual(
      expected.strata.flatMap((s) => s.drawn.map((d) => [d.caseNo, s.stratum, d.key]))
    );
    const draw = await t.db
      .selectFrom('audit_draws')
      .selectAll()
      .where('id', '=', drawId)
      .executeTakeFirstOrThrow();
    expect(draw).toMatchObject({ population_size: 31, sample_size: 5, drawn_by: ids.free });
    expect(draw.population_digest).toBe(populationDigest(POPULATION.map((p) => p.caseNo)));
    const population = await t.db
      .selectFrom('audit_draw_population')
      .select(['case_no', 'stratum'])
      .where('draw_id', '=', drawId)
      .orderBy('case_no')
      .execute();
    expect(population.map((p) => ({ caseNo: p.case_no, stratum: p.stratum }))).toEqual(POPULATION);
  });

  it('draws reviewers from the active inspectors, never one with a conflict', async () => {
    const pool = await t.db
      .selectFrom('audit_draw_pool')
      .select('reviewer_user_id')
      .where('draw_id', '=', drawId)
      .orderBy('reviewer_user_id')
      .execute();
    expect(pool.map((p) => p.reviewer_user_id)).toEqual([ids.free, ids.s01, ids.e002, ids.e001]);
    const rows = await t.db
      .selectFrom('audit_draw_reviewers')
      .selectAll()
      .where('draw_id', '=', drawId)
      .execute();
    const cases = await t.db
      .selectFrom('audit_draw_cases')
      .select(['case_no', 'stratum'])
      .where('draw_id', '=', drawId)
      .execute();
    for (const c of cases) {
      const n = Number(c.case_no.slice(-6));
      const handledByE002 = n >= 21 && n <= 25;
      // e001 is in S01 (staff section) and handled every case but 21–25.
      const conflict = (id: number) =>
        (id === ids.e001 && (c.stratum === 'S01' || !handledByE002)) ||
        (id === ids.s01 && c.stratum === 'S01') ||
        (id === ids.e002 && handledByE002);
      const expected = drawReviewers(
        SEED,
        c.case_no,
        pool.map((p) => ({ id: String(p.reviewer_user_id), conflict: conflict(p.reviewer_user_id) }))
      );
      const mine = rows.filter((r) => r.case_no === c.case_no);
      expect(mine.filter((r) => r.outcome === 'drawn').map((r) => String(r.reviewer_user_id))).toEqual(
        expected.drawn.map((d) => d.id)
      );
      expect(
        mine
          .filter((r) => r.outcome === 'skipped')
          .map((r) => String(r.reviewer_user_id))
          .sort()
      ).toEqual(expected.skipped.map((d) => d.id).sort());
      for (const r of mine.filter((r) => r.outcome === 'drawn'))
        expect(conflict(r.reviewer_user_id)).toBe(false);
    }
  });

  it("refuses the application's role any UPDATE or DELETE of a plan, draw, drawn case or reviewer", async () => {
    // UPDATE reaches the trigger; DELETE and TRUNCATE are refused by privilege first.
    const updates = [
      sql`UPDATE audit_plans SET seed = 'forged' WHERE id = ${planId}`,
      sql`UPDATE audit_draws SET population_size = 0 WHERE id = ${drawId}`,
      sql`UPDATE audit_draw_cases SET case_no = 'X' WHERE draw_id = ${drawId}`,
      sql`UPDATE audit_draw_reviewers SET reviewer_user_id = ${ids.e001} WHERE draw_id = ${drawId}`,
      sql`UPDATE audit_draw_strata SET sample_size = 0 WHERE draw_id = ${drawId}`,
      sql`UPDATE audit_draw_population SET stratum = 'S02' WHERE draw_id = ${drawId}`,
      sql`UPDATE audit_draw_pool SET display_name = 'X' WHERE draw_id = ${drawId}`
    ];
    for (const attempt of updates) await expect(attempt.execute(t.db)).rejects.toThrow(/is immutable/);
    const deletes = [
      'audit_plans',
      'audit_draws',
      'audit_draw_cases',
      'audit_draw_reviewers',
      'audit_draw_strata',
      'audit_draw_population',
      'audit_draw_pool'
    ];
    for (const table of deletes) {
      await expect(sql`DELETE FROM ${sql.table(table)}`.execute(t.db)).rejects.toThrow(/permission denied/);
      await expect(sql`TRUNCATE ${sql.table(table)} CASCADE`.execute(t.db)).rejects.toThrow(
        /permission denied/
      );
    }
    // Even a role holding the privilege (here the superuser) meets the trigger.
    const superuser = new pg.Client({ connectionString: t.urls.superuser(t.names.product) });
    await superuser.connect();
    try {
      await expect(superuser.query('DELETE FROM audit_draw_reviewers')).rejects.toThrow(/is immutable/);
      await expect(superuser.query('DELETE FROM audit_plans')).rejects.toThrow(/is immutable/);
      await expect(superuser.query('TRUNCATE audit_draws CASCADE')).rejects.toThrow(/is immutable/);
    } finally {
      await superuser.end();
    }
    const kept = await t.db
      .selectFrom('audit_draw_cases')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('draw_id', '=', drawId)
      .executeTakeFirstOrThrow();
    expect(kept.n).toBe(5);
  });

  it('makes a second draw of the same plan a new record with the same result', async () => {
    const second = await drawPlan(t.db, actor, planId);
    expect(second).not.toBe(drawId);
    const list = (id: number) =>
      t.db
        .selectFrom('audit_draw_cases')
        .select(['case_no', 'key'])
        .where('draw_id', '=', id)
        .orderBy('position')
        .execute();
    expect(await list(second)).toEqual(await list(drawId));
    const draws = await t.db.selectFrom('audit_draws').select('id').where('plan_id', '=', planId).execute();
    expect(draws).toHaveLength(2);
  });

  it('writes the audit trail for the plan and each draw', async () => {
    const entries = await t.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'actor_login', 'after'])
      .where('entity', 'in', ['audit_plan', 'audit_draw'])
      .orderBy('seq')
      .execute();
    expect(entries.map((e) => [e.action, e.actor_login])).toEqual([
      ['audit_plan.create', 'free.insp'],
      ['audit_draw.create', 'free.insp'],
      ['audit_draw.create', 'free.insp']
    ]);
    expect(entries[0].entity_id).toBe(String(planId));
    expect(entries[1]).toMatchObject({
      entity_id: String(drawId),
      after: { seed: SEED, population_size: 31 }
    });
  });

  it('verifies the draw from the recorded population, and tells a wrong seed or population apart', async () => {
    const good = await verifyDraw(t.db, { drawId, seed: SEED });
    expect(good && 'result' in good && good.result.consistent).toBe(true);
    const wrongSeed = await verifyDraw(t.db, { drawId, seed: '2025年3月 党组会 7392' });
    expect(wrongSeed && 'result' in wrongSeed && wrongSeed.result).toMatchObject({
      consistent: false,
      seedMatches: false
    });
    const pasted = POPULATION.slice(1)
      .map((p) => `${p.caseNo}\t${p.stratum}`)
      .join('\n');
    const short = await verifyDraw(t.db, { drawId, seed: SEED, populationText: pasted });
    expect(short && 'result' in short && short.result).toMatchObject({
      consistent: false,
      populationSource: 'pasted',
      populationSize: 30
    });
    const full = POPULATION.map((p) => `${p.caseNo} ${p.stratum}`).join('\n');
    const same = await verifyDraw(t.db, { drawId, seed: SEED, populationText: full });
    expect(same && 'result' in same && same.result.consistent).toBe(true);
    expect(await verifyDraw(t.db, { drawId: 99_999, seed: SEED })).toBeNull();
  });
});

describe('plans with other strata and scopes', () => {
  it('strata by matter within one section, and a generated seed', async () => {
    const planId = await newPlan({
      sectionCodes: ['S01'],
      strata: 'matter',
      seedMode: 'generated',
      seed: '',
      minimum: '1',
      ratePercent: '0'
    });
    const drawId = await drawPlan(t.db, actor, planId);
    const strata = await t.db
      .selectFrom('audit_draw_strata')
      .selectAll()
      .where('draw_id', '=', drawId)
      .orderBy('stratum')
      .execute();
    expect(strata.map((s) => [s.stratum, s.population_size, s.sample_size])).toEqual([
      ['M001', 11, 1],
      ['M002', 10, 1]
    ]);
    const plan = await t.db
      .selectFrom('audit_plans')
      .select(['seed', 'seed_origin'])
      .where('id', '=', planId)
      .executeTakeFirstOrThrow();
    expect(plan.seed_origin).toBe('generated');
    expect(plan.seed).toMatch(/^[0-9a-f]{32}$/);
  });

  it('refuses a draw from an empty population, and records nothing', async () => {
    const planId = await newPlan({ periodFrom: '2024-01-01', periodTo: '2024-01-31' });
    const before = await t.db
      .selectFrom('audit_draws')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    await expect(drawPlan(t.db, actor, planId)).rejects.toThrow(DrawError);
    const after = await t.db
      .selectFrom('audit_draws')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
