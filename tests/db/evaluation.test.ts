import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/audit/audit.repository';
import { addRecord } from '../../src/lib/server/evaluation/records.service';
import {
  loadEvaluationResults,
  loadEvaluationResultsByMonth,
  loadEvaluationTrend
} from '../../src/lib/server/evaluation/results.service';
import { checkRoundForm } from '../../src/lib/server/evaluation/round-form';
import { createRound, submitRound } from '../../src/lib/server/evaluation/rounds.service';
import { EvaluationError, type EvaluationActor } from '../../src/lib/server/evaluation/scope';
import type { FormValues } from '../../src/lib/server/evaluation/form-fields';
import { insertReferenceWorld, syncOnce } from '../helpers/sync-fixtures';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';
import { addUser } from '../helpers/users';

// Third-party evaluation against the database: rounds, records scored by the default
// instruments, results by unit (hand-computed below), firm scope, the lock after
// submission (service and app role), corrections as new rows, the audit trail.

let t: TestDatabases;
let leader: Actor;
let firmA: EvaluationActor;
let firmB: EvaluationActor;
let september: number;
let october: number;
const TODAY = { today: '2026-11-05' };

const FULL_FACILITY = {
  item_signage: '10',
  item_guides: '15',
  item_queue: '15',
  item_seating: '10',
  item_accessibility: '15',
  item_mother_baby: '10',
  item_amenities: '10',
  item_cleanliness: '15'
};
const facility = (v: Partial<FormValues>): FormValues => ({
  recordNo: 'F-1',
  servicePoint: 'P01',
  checkedOn: '2026-10-08',
  ...FULL_FACILITY,
  ...v
});
const visit = (v: Partial<FormValues>): FormValues => ({
  recordNo: 'V-1',
  window: 'W01',
  visitedOn: '2026-10-09',
  visitedTime: '10:15',
  matter: '食品经营许可',
  item_greeting: '15',
  item_attire: '10',
  item_one_time_notice: '25',
  item_accuracy: '30',
  waitingMinutes: '5',
  ...v
});
const ASPECTS = {
  aspect_guidance: '4',
  aspect_attitude: '4',
  aspect_efficiency: '4',
  aspect_one_time_notice: '4',
  aspect_environment: '4',
  aspect_integrity: '4'
};
const survey = (v: Partial<FormValues>): FormValues => ({
  recordNo: 'Q-1',
  servicePoint: 'P01',
  answeredOn: '2026-10-10',
  channel: 'onsite',
  overall: '5',
  ...ASPECTS,
  ...v
});

async function round(month: string, firmCode: string, firmName?: string) {
  const checked = checkRoundForm({ month, firmCode, firmName: firmName ?? '' });
  if (!('input' in checked)) throw new Error(JSON.stringify(checked.errors));
  const outcome = await createRound(t.db, leader, checked.input);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.id;
}

async function add(
  who: EvaluationActor,
  roundId: number,
  kind: 'facility' | 'visit' | 'survey',
  values: FormValues
) {
  const outcome = await addRecord(t.db, who, roundId, kind, values, TODAY);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.id;
}

beforeAll(async () => {
  t = await createTestDatabases();
  await insertReferenceWorld(t.sourceWriter);
  await syncOnce(t);
  const l = await addUser(t.db, { login: 'boss', roles: ['leader'] });
  const a = await addUser(t.db, { login: 'eva', roles: ['evaluator'], firmCode: 'FA' });
  const b = await addUser(t.db, { login: 'evb', roles: ['evaluator'], firmCode: 'FB' });
  leader = { userId: l, login: 'boss', roles: ['leader'] };
  firmA = { userId: a, login: 'eva', roles: ['evaluator'], firmCode: 'FA' };
  firmB = { userId: b, login: 'evb', roles: ['evaluator'], firmCode: 'FB' };
  september = await round('2026-09', 'FA', '甲测评公司');
  october = await round('2026-10', 'FA');
  await round('2026-08', 'FB', '乙测评公司');
});
afterAll(() => t?.destroy());

describe('evaluation rounds and records', () => {
  it('refuses a second round for the same month and a new firm without a name', async () => {
    const again = checkRoundForm({ month: '2026-10', firmCode: 'FA' });
    if (!('input' in again)) throw new Error('form');
    expect(await createRound(t.db, leader, again.input)).toEqual({
      ok: false,
      errors: { month: '该月份已安排测评轮次' }
    });
    const unnamed = checkRoundForm({ month: '2026-12', firmCode: 'FC' });
    if (!('input' in unnamed)) throw new Error('form');
    expect(await createRound(t.db, leader, unnamed.input)).toEqual({
      ok: false,
      errors: { firmName: '这是新的测评机构，请填写机构名称' }
    });
    await expect(createRound(t.db, firmA, unnamed.input)).rejects.toThrow(EvaluationError);
  });

  it('stores records and scores them into results by unit that match the hand computation', async () => {
    await add(firmA, september, 'survey', survey({ answeredOn: '2026-09-20', overall: '4' }));
    // 明察 P01: 10+15+15+10+15+5+10+10 = 90 of 100
    await add(firmA, october, 'facility', facility({ item_mother_baby: '5', item_cleanliness: '10' }));
    // 暗访 W01 (P01): 15+10+20+30 + 15 (waiting 15 min) = 90
    await add(
      firmA,
      october,
      'visit',
      visit({ item_one_time_notice: '20', waitingMinutes: '15', problems: '未主动告知办理时限' })
    );
    // 暗访 W02 (P02): 5+10+10+15 + 5 (waiting 45 min) = 45
    const w02 = visit({
      recordNo: 'V-2',
      window: 'W02',
      item_greeting: '5',
      item_one_time_notice: '10',
      item_accuracy: '15',
      waitingMinutes: '45'
    });
    await add(firmA, october, 'visit', w02);
    await add(firmA, october, 'survey', survey({}));
    await add(firmA, october, 'survey', survey({ recordNo: 'Q-2', overall: '4' }));

    const results = (await loadEvaluationResults(t.db, october))!;
    const unit = (key: string) => results.units.find((u) => u.key === key)!;
    expect(unit('service_point:P01')).toMatchObject({
      scores: { facility: 90, visit: 90, survey: 90 },
      index: 90,
      band: '很满意',
      rank: 1,
      previousIndex: 80,
      change: 10
    });
    expect(unit('service_point:P01').satisfaction).toMatchObject({
      satisfied: 2,
      responses: 2,
      share: 1,
      smallSample: true
    });
    expect(unit('service_point:P02')).toMatchObject({
      index: 45,
      band: '很不满意',
      rank: 2,
      missing: ['facility', 'survey']
    });
    expect(unit('bureau').index).toBeCloseTo(0.2 * 90 + 0.3 * 67.5 + 0.5 * 90, 10);
    expect(unit('bureau').band).toBe('满意');
    expect(results.problems).toMatchObject([
      { windowCode: 'W01', visitedTime: '10:15', problems: '未主动告知办理时限', score: 90 }
    ]);
    expect(results.previousRound).toMatchObject({ id: september });
    expect((await loadEvaluationResultsByMonth(t.db, '2026-10'))!.round.id).toBe(october);
    const trend = await loadEvaluationTrend(t.db, '2026-10-01', { firmCode: 'FA' });
    expect(trend.points.map((p) => [p.month, p.index['service_point:P01']])).toEqual([
      ['2026-09-01', 80],
      ['2026-10-01', 90]
    ]);
  });

  it('refuses a duplicate record identity and says so on the record number', async () => {
    expect(await addRecord(t.db, firmA, october, 'survey', survey({}), TODAY)).toMatchObject({
      ok: false,
      errors: { recordNo: expect.stringContaining('已录入') }
    });
  });

  it("keeps another firm's evaluator out of the round, reading and writing", async () => {
    expect(await loadEvaluationResults(t.db, october, { firmCode: 'FB' })).toBeNull();
    await expect(
      addRecord(t.db, firmB, october, 'survey', survey({ recordNo: 'Q-9' }), TODAY)
    ).rejects.toMatchObject({
      status: 404
    });
    await expect(submitRound(t.db, firmB, october)).rejects.toMatchObject({ status: 404 });
    await expect(
      addRecord(t.db, { ...leader, firmCode: null }, october, 'survey', survey({}), TODAY)
    ).rejects.toMatchObject({
      status: 403
    });
  });

  it('locks a submitted round: no new entries, no UPDATE or DELETE, even for the app role', async () => {
    expect(await submitRound(t.db, firmA, october, new Date('2026-11-03T09:00:00+08:00'))).toEqual({
      ok: true
    });
    expect(await submitRound(t.db, firmA, october)).toEqual({
      ok: false,
      error: '本轮测评已提交，不能重复提交'
    });
    await expect(
      addRecord(t.db, firmA, october, 'survey', survey({ recordNo: 'Q-3' }), TODAY)
    ).rejects.toMatchObject({
      status: 409
    });
    for (const table of ['evaluation_facility_checks', 'evaluation_visits', 'evaluation_surveys']) {
      await expect(
        sql`UPDATE ${sql.table(table)} SET record_no = 'X' WHERE round_id = ${october}`.execute(t.db)
      ).rejects.toThrow(/已提交/);
      await expect(
        sql`DELETE FROM ${sql.table(table)} WHERE round_id = ${october}`.execute(t.db)
      ).rejects.toThrow(/已提交/);
    }
    await expect(
      sql`UPDATE evaluation_rounds SET status = 'draft' WHERE id = ${october}`.execute(t.db)
    ).rejects.toThrow(/锁定/);
    await expect(
      sql`INSERT INTO evaluation_surveys (round_id, record_no, answered_on, channel, overall, aspects, entered_by)
          VALUES (${october}, 'Q-4', '2026-10-10', 'onsite', 5, '{}', ${firmA.userId})`.execute(t.db)
    ).rejects.toThrow(/只能更正/);
  });

  it('takes a correction as a new row that supersedes the record it corrects', async () => {
    const original = await t.db
      .selectFrom('evaluation_visits')
      .select('id')
      .where('round_id', '=', october)
      .where('record_no', '=', 'V-2')
      .executeTakeFirstOrThrow();
    const values = visit({
      recordNo: 'V-2',
      window: 'W02',
      item_greeting: '15',
      item_accuracy: '30',
      waitingMinutes: '45',
      correctionReason: '答复准确项录入有误'
    });
    const id = await addCorrection(original.id, values);
    const rows = await t.db
      .selectFrom('evaluation_visits')
      .select(['id', 'revision', 'corrects_id', 'correction_reason'])
      .where('record_no', '=', 'V-2')
      .orderBy('revision')
      .execute();
    expect(rows).toEqual([
      { id: original.id, revision: 0, corrects_id: null, correction_reason: null },
      { id, revision: 1, corrects_id: original.id, correction_reason: '答复准确项录入有误' }
    ]);
    // 15+10+25+30 + 5 = 85 now counts for P02 instead of 45.
    const results = (await loadEvaluationResults(t.db, october))!;
    expect(results.units.find((u) => u.key === 'service_point:P02')!.index).toBe(85);
    expect(
      await addRecord(t.db, firmA, october, 'visit', values, { ...TODAY, correctsId: original.id })
    ).toEqual({
      ok: false,
      errors: { correctionReason: '该记录已被更正过，请更正最新的版本' }
    });
  });

  it('writes every write to the audit trail', async () => {
    const actions = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_login'])
      .where('action', 'like', 'evaluation.%')
      .orderBy('seq')
      .execute();
    expect(actions.filter((a) => a.action === 'evaluation.round.create')).toHaveLength(3);
    expect(actions.filter((a) => a.action === 'evaluation.firm.create')).toHaveLength(2);
    expect(actions.filter((a) => a.action === 'evaluation.record.create')).toHaveLength(6);
    expect(actions.slice(-2)).toEqual([
      { action: 'evaluation.round.submit', actor_login: 'eva' },
      { action: 'evaluation.record.correct', actor_login: 'eva' }
    ]);
  });
});

async function addCorrection(correctsId: number, values: FormValues) {
  const outcome = await addRecord(t.db, firmA, october, 'visit', values, { ...TODAY, correctsId });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.id;
}
