import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/audit/audit.repository';
import type { Identity } from '../../src/lib/server/auth/identity';
import { deriveMonth, deriveMonths } from '../../src/lib/server/appraisal/derive.service';
import { loadPersonView } from '../../src/lib/server/appraisal/person-view';
import { closeMonth } from '../../src/lib/server/appraisal/closing.service';
import {
  AppraisalError,
  computeMonthResults,
  loadMonthView
} from '../../src/lib/server/appraisal/results.service';
import { loadTrend } from '../../src/lib/server/appraisal/trend.service';
import { formValuesOf } from '../../src/lib/server/appraisal/rules-form';
import { newestRuleSet, saveRuleSetVersion } from '../../src/lib/server/appraisal/rules.service';
import { load as monthPageLoad } from '../../src/routes/appraisal/+page.server';
import { later, loadAppraisalWorld, OCTOBER, SEPTEMBER } from '../helpers/appraisal-world';
import { EVALUATION_DATE } from '../helpers/kpi-world';
import { syncOnce } from '../helpers/sync-fixtures';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

// The monthly results on the hand-made world of tests/helpers/appraisal-world.ts, plus
// staff 6 and 7 on window W03 of section S02 (6 gets a praise +10, 7 a 脱岗 −10 in October).
//
// October by hand (1000 each, then): staff 1 −10 −40 (quality) −15 (ratings) −30 (style)
// +1 = 906; staff 2 (chief of W01) −15 own, shares −7.5 −15 −5 −20 −7.5 = 930; staff 3 −15
// = 985; staff 6 1010; staff 7 990. Ranks 6, 7, 3, 2, 1. September: staff 1 −20 −10 −10 −50
// = 910 (efficiency 160); staff 2 shares −10 −5 −5 −25 = 955; the others 1000.

let t: TestDatabases;
let leader: Actor;

const identity = (roles: Identity['roles'], extra: Partial<Identity> = {}): Identity => ({
  userId: leader.userId,
  login: 'x',
  displayName: 'x',
  roles,
  sectionCodes: [],
  staffNo: null,
  firmCode: null,
  mustChangePassword: false,
  via: 'session',
  ...extra
});

async function manualEvent(staffId: number, month: string, rule: string, target: string, points: number) {
  await t.db
    .insertInto('score_events')
    .values({
      staff_id: staffId,
      month,
      occurred_on: month.slice(0, 8) + '20',
      rule_code: rule,
      target: target as 'style',
      points,
      origin: month === SEPTEMBER ? 'correction' : 'manual',
      entered_by: leader.userId,
      note: '测试',
      rule_set_id: 1
    })
    .execute();
}

beforeAll(async () => {
  t = await createTestDatabases();
  const { leaderId } = await loadAppraisalWorld(t);
  leader = { userId: leaderId, login: 'leader', roles: ['leader'] };
  const updated_at = later();
  const person = (id: number) => ({
    id,
    staff_no: `E00${id}`,
    name: `员工${id}`,
    window_id: 3,
    section_id: 2,
    position: 'window' as const,
    employment: 'civil_servant' as const,
    active: true,
    updated_at
  });
  await t.sourceWriter
    .insertInto('staff')
    .values([person(6), person(7)])
    .execute();
  await syncOnce(t, { evaluationDate: EVALUATION_DATE });
  await deriveMonths(t.db, [SEPTEMBER, OCTOBER]);
  await manualEvent(6, OCTOBER, 'praise', 'bonus', 10);
  await manualEvent(7, OCTOBER, 'away_from_window', 'style', -10);
  // The product's pages read the process-wide pool: point it at this test's database.
  (globalThis as Record<symbol, { product?: unknown }>)[Symbol.for('oversight.databases')].product = t.db;
});
afterAll(async () => t?.destroy());

const totals = (r: {
  staff: { staffId: number; total: number; bureauRank: number; sectionRank: number | null }[];
}) => r.staff.map((p) => [p.staffId, p.total, p.bureauRank, p.sectionRank]);

describe('a month’s results', () => {
  it('equal the hand-computed scores and ranks, everyone from 1000', async () => {
    const r = await computeMonthResults(t.db, '2025-10');
    expect(totals(r)).toEqual([
      [6, 1010, 1, 1],
      [7, 990, 2, 2],
      [3, 985, 3, 1],
      [2, 930, 4, 2],
      [1, 906, 5, 3]
    ]);
    const one = r.staff.find((p) => p.staffId === 1)!;
    expect(one.dimensions.quality).toMatchObject({ allowance: 250, deducted: 50, score: 200 });
    expect(one.bonus).toEqual({ raw: 1, counted: 1, cap: 50 });
    expect(r.windows.map((w) => [w.code, w.staffCount, w.sum])).toEqual([
      ['W03', 2, 2000],
      ['W01', 3, 2821]
    ]);
    expect(r.awards.star.winners).toEqual([6]);
    expect(r.awards.redFlagWindows.winners).toEqual([3, 1]);
    expect(r.awards.chiefRep.winners).toEqual([]);
    expect(r.awards.chiefRep.misses[0].reasons.map((m) => m.code)).toEqual(['below_min_total']);
  });

  it('shows an open month as open with its closing date', async () => {
    const view = await loadMonthView(t.db, '2025-10', { today: '2025-11-06' });
    expect(view.status).toMatchObject({ closed: false, closable: false, closingDate: '2025-11-07' });
  });
});

describe('closing a month', () => {
  it('is refused before the 5th working day of the next month, and to anyone but a leader', async () => {
    const early = closeMonth(t.db, leader, '2025-09', { today: '2025-10-13' });
    await expect(early).rejects.toThrow(/2025-10-14（次月第 5 个工作日）起方可结账/);
    const inspector = { ...leader, roles: ['inspector'] };
    await expect(closeMonth(t.db, inspector, '2025-09', { today: '2025-10-14' })).rejects.toMatchObject({
      status: 403
    });
    expect(await t.db.selectFrom('appraisal_months').selectAll().execute()).toEqual([]);
  });

  it('freezes the results on the closing day, with the rule set, published, audited', async () => {
    const results = await closeMonth(t.db, leader, '2025-09', { today: '2025-10-14' });
    expect(totals(results)).toEqual([
      [3, 1000, 1, 1],
      [6, 1000, 1, 1],
      [7, 1000, 1, 1],
      [2, 955, 4, 2],
      [1, 910, 5, 3]
    ]);
    const row = await t.db.selectFrom('appraisal_months').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      month: SEPTEMBER,
      closed_by: leader.userId,
      rule_set_id: 1,
      published: true
    });
    expect(row.results).toEqual(JSON.parse(JSON.stringify(results)));
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'appraisal.month_close')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      entity: 'appraisal_month',
      entity_id: '2025-09',
      actor_login: 'leader'
    });
    const view = await loadMonthView(t.db, '2025-09', { today: '2025-10-14' });
    expect(view.status).toMatchObject({ closed: true, closable: false, published: true });
    await expect(closeMonth(t.db, leader, '2025-09', { today: '2025-10-15' })).rejects.toThrow(
      AppraisalError
    );
  });

  it('does not change when the rules change: the open month does', async () => {
    const frozen = (await loadMonthView(t.db, '2025-09')).results;
    const values = formValuesOf(await newestRuleSet(t.db));
    values.rules[3].points = '-20'; // bad_rating −15 → −20
    Object.assign(values.dimensions, { attire: '100', quality: '300' });
    values.note = '差评加重';
    const saved = await saveRuleSetVersion(t.db, leader, values);
    expect(saved).toEqual({ ok: true, id: 2 });
    await deriveMonth(t.db, OCTOBER); // the job's next run (saving derives the months open now)
    expect((await deriveMonth(t.db, SEPTEMBER)).closed).toBe(true);

    const october = await computeMonthResults(t.db, '2025-10');
    expect(october.ruleSetId).toBe(2);
    expect(totals(october).map(([id, total]) => [id, total])).toEqual([
      [6, 1010],
      [7, 990],
      [3, 980],
      [2, 920],
      [1, 901]
    ]);
    expect(october.staff.find((p) => p.staffId === 1)!.dimensions.quality).toMatchObject({
      allowance: 300,
      score: 250
    });
    expect((await loadMonthView(t.db, '2025-09')).results).toEqual(frozen);
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'appraisal.rule_set_create')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('does not change when events arrive: they show beneath as corrections with their effect', async () => {
    const frozen = (await loadMonthView(t.db, '2025-09')).results;
    await manualEvent(1, SEPTEMBER, 'praise', 'bonus', 10);
    const view = await loadMonthView(t.db, '2025-09');
    expect(view.results).toEqual(frozen);
    expect(view.ruleSet.id).toBe(1);
    expect(view.corrections.map((c) => [c.staffId, c.frozenTotal, c.correctedTotal, c.effect])).toEqual([
      [1, 910, 920, 10]
    ]);
    expect(view.correctionRows.map((r) => r.origin)).toEqual(['correction']);
    const trend = await loadTrend(t.db, '2025-10', 1, { count: 3 });
    expect(trend).toEqual([
      { month: '2025-08', bureauMean: null, person: null, closed: false },
      { month: '2025-09', bureauMean: (3000 + 955 + 910) / 5, person: 910, closed: true },
      { month: '2025-10', bureauMean: (1010 + 990 + 980 + 920 + 901) / 5, person: 901, closed: false }
    ]);
  });
});

describe('who sees what', () => {
  const event = (who: Identity, path: string) =>
    ({ locals: { user: who }, url: new URL(`http://localhost${path}`), params: {} }) as never;

  it('scopes the month page to a section head’s sections', async () => {
    const head = identity(['section_head'], { sectionCodes: ['S02'] });
    const data = (await monthPageLoad(event(head, '/appraisal?month=2025-10'))) as Record<string, any>;
    expect(data.rows.map((r: { staffId: number }) => r.staffId)).toEqual([6, 7]);
    expect(data.windows.map((w: { code: string }) => w.code)).toEqual(['W03']);
    expect(data.awards.star.winners.map((w: { id: number }) => w.id)).toEqual([6]);
    expect(data.canClose).toBe(false);
  });

  it('sends staff to their own page, and keeps them out of anyone else’s', async () => {
    const staff = identity(['staff'], { staffNo: 'E003' });
    await expect(monthPageLoad(event(staff, '/appraisal'))).rejects.toMatchObject({
      status: 303,
      location: '/appraisal/me'
    });
    await expect(loadPersonView(t.db, staff, 1, '2025-10')).rejects.toMatchObject({ status: 404 });
    const own = await loadPersonView(t.db, staff, 3, '2025-10');
    expect(own.person?.total).toBe(980);
    expect(own.person?.events.map((e) => [e.ruleCode, e.countedPoints])).toEqual([['bad_rating', -20]]);
    const head = identity(['section_head'], { sectionCodes: ['S02'] });
    await expect(loadPersonView(t.db, head, 1, '2025-10')).rejects.toMatchObject({ status: 404 });
    expect((await loadPersonView(t.db, head, 6, '2025-10')).person?.total).toBe(1010);
  });
});
