import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appraisalDeriveJob } from '../../jobs/appraisal-derive';
import { DEFAULT_RULES } from '../../src/lib/appraisal/catalogue';
import { deriveMonth, deriveMonths } from '../../src/lib/server/appraisal/derive.service';
import { insertRuleSet, loadRuleSetInForce } from '../../src/lib/server/appraisal/rule-sets.repository';
import { runJob } from '../../src/lib/server/jobs/run-job';
import { later, loadAppraisalWorld, OCTOBER, SEPTEMBER } from '../helpers/appraisal-world';
import { EVALUATION_DATE } from '../helpers/kpi-world';
import { syncOnce } from '../helpers/sync-fixtures';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

// The derivation of automatic score events on the world of tests/helpers/appraisal-world.ts
// (every expected event is listed there).

let t: TestDatabases;
let leaderId: number;

beforeAll(async () => {
  t = await createTestDatabases();
  ({ leaderId } = await loadAppraisalWorld(t));
});
afterAll(async () => t?.destroy());

const allRows = () => t.db.selectFrom('score_events').selectAll().orderBy('id').execute();
const live = async (month: string) =>
  (
    await t.db
      .selectFrom('score_events')
      .select(['staff_id', 'source_key', 'points', 'target', 'occurred_on'])
      .where('month', '=', month)
      .where('retracted_at', 'is', null)
      .orderBy('staff_id')
      .orderBy('source_key')
      .execute()
  ).map(
    (e) =>
      `${e.staff_id} ${e.source_key?.replace(/review:\d+/, 'review')} ${e.points} ${e.target} ${e.occurred_on}`
  );
const byKey = (key: string) =>
  t.db.selectFrom('score_events').selectAll().where('source_key', '=', key).executeTakeFirstOrThrow();

async function setRatingLevel(id: number, level: number) {
  await t.sourceWriter
    .updateTable('ratings')
    .set({ level, updated_at: later() })
    .where('id', '=', String(id))
    .execute();
  await syncOnce(t, { evaluationDate: EVALUATION_DATE });
}

describe('deriving automatic score events', () => {
  it('derives the clock rules of September for the handler, and the chief shares', async () => {
    await deriveMonth(t.db, SEPTEMBER);
    const ids = await t.db.selectFrom('score_events').select(['id', 'source_key']).execute();
    const id = (key: string) => ids.find((e) => e.source_key === key)!.id;
    expect(await live(SEPTEMBER)).toEqual(
      [
        '1 late_conclusion:case:510107-TEST-000002 -20.0 efficiency 2025-09-30',
        '1 red_case:case:510107-TEST-000002 -10.0 efficiency 2025-09-29',
        '1 red_case:case:510107-TEST-000005 -10.0 efficiency 2025-09-09',
        '1 statutory_overdue:case:510107-TEST-000005 -50.0 efficiency 2025-09-29',
        `2 chief_share:${id('late_conclusion:case:510107-TEST-000002')} -10.0 efficiency 2025-09-30`,
        `2 chief_share:${id('red_case:case:510107-TEST-000002')} -5.0 efficiency 2025-09-29`,
        `2 chief_share:${id('red_case:case:510107-TEST-000005')} -5.0 efficiency 2025-09-09`,
        `2 chief_share:${id('statutory_overdue:case:510107-TEST-000005')} -25.0 efficiency 2025-09-29`
      ].sort()
    );
  });

  it('derives ratings, complaints and audits of October, and halves exactly for the chief', async () => {
    const [result] = await deriveMonths(t.db, ['2025-10']);
    expect(result.derived).toMatchObject({ bad_rating: 3, very_good_rating: 1, substantiated_complaint: 1 });
    const rows = await live(OCTOBER);
    const own = rows.filter((r) => !r.includes('chief_share'));
    expect(own).toEqual([
      '1 audit_defects:review -10.0 quality 2025-10-10',
      '1 audit_failed:review -40.0 quality 2025-10-10',
      '1 bad_rating:rating:2 -15.0 ratings 2025-10-08',
      '1 substantiated_complaint:complaint:1 -30.0 style 2025-10-09',
      '1 very_good_rating:rating:1 1.0 bonus 2025-10-09',
      '2 bad_rating:rating:8 -15.0 ratings 2025-10-09',
      '3 bad_rating:rating:6 -15.0 ratings 2025-10-09'
    ]);
    const shares = rows
      .filter((r) => r.includes('chief_share'))
      .map((r) => r.split(' ').slice(2, 4).join(' '));
    expect(shares.sort()).toEqual(
      ['-7.5 ratings', '-15.0 style', '-5.0 quality', '-20.0 quality', '-7.5 ratings'].sort()
    );
    expect(rows.filter((r) => r.includes('chief_share')).every((r) => r.startsWith('2 '))).toBe(true);
  });

  it('changes nothing when run again: identical rows, nothing written', async () => {
    const before = await allRows();
    const results = await deriveMonths(t.db, [SEPTEMBER, OCTOBER]);
    for (const r of results) expect([r.inserted, r.updated, r.retracted]).toEqual([0, 0, 0]);
    expect(await allRows()).toEqual(before);
  });

  it('retracts a bad rating corrected to 4 (and its share), and revives the same rows at 1', async () => {
    const event = await byKey('bad_rating:rating:2');
    const share = await byKey(`chief_share:${event.id}`);
    await setRatingLevel(2, 4);
    await deriveMonth(t.db, OCTOBER);
    const retracted = await byKey('bad_rating:rating:2');
    expect(retracted.retracted_at).not.toBeNull();
    expect(retracted.retracted_reason).toBe('来源不再成立（重新计算时未再得出）');
    expect((await byKey(`chief_share:${event.id}`)).retracted_at).not.toBeNull();

    await setRatingLevel(2, 1);
    await deriveMonth(t.db, OCTOBER);
    const revived = await byKey('bad_rating:rating:2');
    expect({ ...revived, updated_at: null }).toEqual({ ...event, updated_at: null });
    expect({ ...(await byKey(`chief_share:${event.id}`)), updated_at: null }).toEqual({
      ...share,
      updated_at: null
    });
  });

  it('never touches a manual event, and shares it with the chief', async () => {
    const manual = await t.db
      .insertInto('score_events')
      .values({
        staff_id: 3,
        month: OCTOBER,
        occurred_on: '2025-10-09',
        rule_code: 'away_from_window',
        target: 'style',
        points: -10,
        origin: 'manual',
        entered_by: leaderId,
        note: '10:00–10:40 不在岗',
        rule_set_id: 1
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await deriveMonth(t.db, OCTOBER);
    await deriveMonth(t.db, OCTOBER);
    expect(
      await t.db.selectFrom('score_events').selectAll().where('id', '=', manual.id).executeTakeFirst()
    ).toEqual(manual);
    expect((await byKey(`chief_share:${manual.id}`)).points).toBe('-5.0');
  });

  it('keeps the appeal state; a deduction under appeal does not count, so its share is retracted', async () => {
    const event = await byKey('substantiated_complaint:complaint:1');
    await t.db.updateTable('score_events').set({ status: 'appealed' }).where('id', '=', event.id).execute();
    await deriveMonth(t.db, OCTOBER);
    expect((await byKey(event.source_key!)).status).toBe('appealed');
    expect((await byKey(`chief_share:${event.id}`)).retracted_at).not.toBeNull();
    await t.db.updateTable('score_events').set({ status: 'upheld' }).where('id', '=', event.id).execute();
    await deriveMonth(t.db, OCTOBER);
    expect((await byKey(event.source_key!)).status).toBe('upheld');
    expect((await byKey(`chief_share:${event.id}`)).retracted_at).toBeNull();
  });

  it('follows a corrected review: the replaced review’s event is retracted', async () => {
    const failed = (await allRows()).find((e) => e.rule_code === 'audit_failed')!;
    const review = await t.db
      .selectFrom('audit_reviews')
      .selectAll()
      .where('id', '=', Number(failed.source_ref))
      .executeTakeFirstOrThrow();
    const inspector = review.reviewer_user_id;
    await sql`
      INSERT INTO audit_reviews (draw_id, case_id, case_no, reviewer_user_id, template_id, status, entries,
        score, band, legality_defect, corrects_review_id, submitted_at)
      VALUES (${review.draw_id}, ${review.case_id}, ${review.case_no}, ${inspector}, ${review.template_id},
        'submitted', '[]', 95, 'excellent', false, ${review.id}, '2025-10-10T15:00:00+08:00')`.execute(t.db);
    await deriveMonth(t.db, OCTOBER);
    expect((await byKey(failed.source_key!)).retracted_at).not.toBeNull();
    expect((await live(OCTOBER)).some((r) => r.includes('audit_failed'))).toBe(false);
  });

  it('does not re-derive a closed month', async () => {
    const before = await allRows();
    await t.db
      .insertInto('appraisal_months')
      .values({ month: SEPTEMBER, closed_at: new Date(), closed_by: leaderId, rule_set_id: 1, results: '{}' })
      .execute();
    // The handler leaves: open months would retract his events; September keeps them.
    await t.sourceWriter
      .updateTable('staff')
      .set({ active: false, updated_at: later() })
      .where('id', '=', 1)
      .execute();
    await syncOnce(t, { evaluationDate: EVALUATION_DATE });
    const messages: string[] = [];
    const [result] = await deriveMonths(t.db, [SEPTEMBER], { log: (m) => messages.push(m) });
    expect(result.closed).toBe(true);
    expect(messages).toEqual(['2025-09 已结账，不再重新计算自动扣分']);
    expect(await allRows()).toEqual(before);
    await t.sourceWriter
      .updateTable('staff')
      .set({ active: true, updated_at: later() })
      .where('id', '=', 1)
      .execute();
    await syncOnce(t, { evaluationDate: EVALUATION_DATE });
  });

  it('runs as a job with --month, recording the rows touched; bad arguments fail the run', async () => {
    const context = { db: t.db, source: t.source, trigger: 'manual' as const, log: () => {} };
    const ok = await runJob(appraisalDeriveJob, { ...context, args: ['--month', '2025-10'] });
    expect(ok.status).toBe('succeeded');
    const failed = await runJob(appraisalDeriveJob, { ...context, args: ['--month', '2025-13'] });
    expect(failed).toMatchObject({ status: 'failed', error: '月份格式应为 YYYY-MM：2025-13' });
    const run = await t.db
      .selectFrom('job_runs')
      .selectAll()
      .where('id', '=', ok.runId)
      .executeTakeFirstOrThrow();
    expect(run.message).toMatch(/^2025-10：自动事件 \d+ 条/);
  });

  it('derives nothing of a disabled rule and retracts what it had derived (last: changes the rules)', async () => {
    const current = await loadRuleSetInForce(t.db);
    const rules = DEFAULT_RULES.map((r) => (r.code === 'very_good_rating' ? { ...r, enabled: false } : r));
    const id = await insertRuleSet(t.db, {
      ...current,
      rules,
      chiefShare: current.chiefShare,
      note: 'test',
      createdBy: leaderId
    });
    const result = await deriveMonth(t.db, OCTOBER);
    expect(result.derived.very_good_rating).toBeUndefined();
    const event = await byKey('very_good_rating:rating:1');
    expect(event.retracted_reason).toBe('规则已停用');
    const others = await t.db
      .selectFrom('score_events')
      .select('rule_set_id')
      .where('month', '=', OCTOBER)
      .where('origin', '=', 'automatic')
      .where('retracted_at', 'is', null)
      .execute();
    expect(others.every((e) => e.rule_set_id === id)).toBe(true);
  });

  it('retracts a bad rating whose appeal as malicious was accepted (and its share)', async () => {
    const event = await byKey('bad_rating:rating:2');
    expect(event.retracted_at).toBeNull();
    const inspector = await t.db
      .insertInto('users')
      .values({ login: 'marker', display_name: '复核人', roles: ['inspector'], password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('rating_marks')
      .values([
        { rating_id: '2', kind: 'appealed_malicious', reason: '恶意评价', by_user_id: leaderId },
        { rating_id: '2', kind: 'appeal_accepted', reason: '查实', by_user_id: inspector.id }
      ])
      .execute();
    await deriveMonth(t.db, OCTOBER);
    const excluded = await byKey('bad_rating:rating:2');
    expect(excluded.retracted_at).not.toBeNull();
    expect((await byKey(`chief_share:${event.id}`)).retracted_at).not.toBeNull();
  });
});
