import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventInput } from '../../src/lib/appraisal/appeal-rules';
import type { EventStatus } from '../../src/lib/appraisal/catalogue';
import { decideAppeal, fileAppeal } from '../../src/lib/server/appraisal/appeals.service';
import { deriveMonth } from '../../src/lib/server/appraisal/derive.service';
import type { AppraisalActor } from '../../src/lib/server/appraisal/event-scope';
import { listMonthEvents } from '../../src/lib/server/appraisal/events.repository';
import { AppraisalError, enterManualEvent } from '../../src/lib/server/appraisal/manual-events.service';
import { monthScore } from '../../src/lib/server/appraisal/month-score';
import { loadRuleSetInForce } from '../../src/lib/server/appraisal/rule-sets.repository';
import { loadAppraisalWorld, OCTOBER, SEPTEMBER } from '../helpers/appraisal-world';
import { local } from '../helpers/kpi-world';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

// Manual events and appeals on the world of tests/helpers/appraisal-world.ts: staff 3 (E003)
// is a window clerk of W01 (section S01) whose chief representative is staff 2 (E002).

let t: TestDatabases;
let leader: AppraisalActor;
let head1: AppraisalActor; // head of S01
let head1b: AppraisalActor; // another head of S01
let head2: AppraisalActor; // head of S02
let clerk: AppraisalActor; // the user of staff 3
let inspector: AppraisalActor;

async function user(login: string, roles: string[], scope: { sections?: string[]; staffNo?: string } = {}) {
  const row = await sql<{ id: number }>`
    INSERT INTO users (login, display_name, roles, password_hash, section_codes, staff_no)
    VALUES (${login}, ${login}, ${roles}::text[], 'not-a-hash', ${scope.sections ?? []}::text[],
      ${scope.staffNo ?? null}) RETURNING id`.execute(t.db);
  return {
    userId: row.rows[0].id,
    login,
    roles,
    sectionCodes: scope.sections ?? [],
    staffNo: scope.staffNo ?? null
  };
}

beforeAll(async () => {
  t = await createTestDatabases();
  const { leaderId } = await loadAppraisalWorld(t);
  leader = { userId: leaderId, login: 'leader', roles: ['leader'], sectionCodes: [], staffNo: null };
  head1 = await user('head1', ['section_head'], { sections: ['S01'] });
  head1b = await user('head1b', ['section_head'], { sections: ['S01'] });
  head2 = await user('head2', ['section_head'], { sections: ['S02'] });
  clerk = await user('clerk3', ['staff'], { staffNo: 'E003' });
  inspector = await user('inspector2', ['inspector']);
  await deriveMonth(t.db, SEPTEMBER);
  await deriveMonth(t.db, OCTOBER);
});
afterAll(async () => t?.destroy());

const at = (s: string) => new Date(local(s));
const input = (over: Partial<EventInput> = {}): EventInput => ({
  staffId: 3,
  ruleCode: 'away_from_window',
  occurredOn: '2025-10-09',
  note: '巡查时不在窗口',
  correction: false,
  ...over
});

async function enter(who: AppraisalActor, over: Partial<EventInput> = {}, now = at('2025-10-09T10:00:00')) {
  const outcome = await enterManualEvent(t.db, who, input(over), [], now);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.id;
}

/** Staff 3's October total, from the events as stored. */
async function total(staffId = 3, month = OCTOBER): Promise<number> {
  const ruleSet = await loadRuleSetInForce(t.db);
  const events = (await listMonthEvents(t.db, month, [staffId])).map((e) => ({
    id: e.id,
    staffId: e.staffId,
    month: e.month.slice(0, 7),
    ruleCode: e.ruleCode,
    target: e.target,
    points: Number(e.points),
    status: e.status as EventStatus,
    retracted: e.retractedAt !== null
  }));
  return monthScore(events, { ...ruleSet, chiefShare: Number(ruleSet.chiefShare) }).total;
}

const share = (eventId: string) =>
  t.db
    .selectFrom('score_events')
    .select(['staff_id', 'points', 'retracted_at'])
    .where('source_key', '=', `chief_share:${eventId}`)
    .executeTakeFirst();
const status = async (id: string) =>
  (await t.db.selectFrom('score_events').select('status').where('id', '=', id).executeTakeFirstOrThrow())
    .status;
const audit = (id: string) =>
  t.db
    .selectFrom('audit_log')
    .select(['action', 'actor_login', 'before', 'after'])
    .where('entity', '=', 'score_event')
    .where('entity_id', '=', id)
    .orderBy('seq')
    .execute();

describe('entering manual events', () => {
  it('refuses another section’s staff, and staff who are not scored', async () => {
    const refused = await enterManualEvent(t.db, head2, input(), [], at('2025-10-09T10:00:00'));
    expect(refused).toEqual({ ok: false, errors: { staffId: '只能为本科室的窗口人员录入' } });
    for (const staffId of [4, 5]) {
      const outcome = await enterManualEvent(t.db, head1, input({ staffId }));
      expect(outcome).toMatchObject({
        ok: false,
        errors: { staffId: expect.stringContaining('不参加考核') }
      });
    }
    const rule = await enterManualEvent(t.db, head1, input({ ruleCode: 'bad_rating' }));
    expect(rule).toMatchObject({ ok: false, errors: { ruleCode: '该规则不能人工录入或已停用' } });
    await expect(enterManualEvent(t.db, inspector, input())).rejects.toBeInstanceOf(AppraisalError);
  });

  it('counts at the rule’s points, shares it with the chief at once, and audits it', async () => {
    const before = await total();
    const chiefBefore = await total(2);
    const id = await enter(head1);
    const row = await t.db
      .selectFrom('score_events')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      staff_id: 3,
      month: OCTOBER,
      points: '-10.0',
      target: 'style',
      origin: 'manual',
      status: 'effective',
      entered_by: head1.userId
    });
    expect(await total()).toBe(before - 10);
    expect(await share(id)).toMatchObject({ staff_id: 2, points: '-5.0', retracted_at: null });
    expect(await total(2)).toBe(chiefBefore - 5);
    const [entry] = await audit(id);
    expect(entry).toMatchObject({ action: 'appraisal.event.enter', actor_login: 'head1' });
    expect(entry.after).toMatchObject({ ruleCode: 'away_from_window', points: -10, staffNo: 'E003' });
  });
});

describe('appeals', () => {
  it('refuses an appeal after the 5th working day across the National Day holiday', async () => {
    // Entered Friday 09-26: working days 09-28 (make-up Sunday), 09-29, 09-30, 10-09, 10-10.
    const id = await enter(head1, { occurredOn: '2025-09-26' }, at('2025-09-26T15:00:00'));
    const late = await fileAppeal(t.db, clerk, id, '当天在后台协助复印', at('2025-10-11T09:00:00'));
    expect(late).toEqual({ ok: false, error: '申诉期限已过（截至 2025-10-10）' });
    expect(await status(id)).toBe('effective');
    const inTime = await fileAppeal(t.db, clerk, id, '当天在后台协助复印', at('2025-10-10T17:30:00'));
    expect(inTime).toEqual({ ok: true });
    expect(await status(id)).toBe('appealed');
  });

  it('lets only the person concerned appeal, and never the enterer or the appellant decide', async () => {
    const id = await enter(head1, { ruleCode: 'late_or_early_leave' });
    await expect(fileAppeal(t.db, head1, id, '代为申诉')).rejects.toThrow('只有被考核人本人可以申诉');
    expect(await fileAppeal(t.db, clerk, id, '   ', at('2025-10-09T11:00:00'))).toEqual({
      ok: false,
      error: '请填写申诉理由'
    });
    expect(await fileAppeal(t.db, clerk, id, '打卡机故障', at('2025-10-09T11:00:00'))).toEqual({ ok: true });
    expect(await fileAppeal(t.db, clerk, id, '再次申诉', at('2025-10-09T11:05:00'))).toEqual({
      ok: false,
      error: '该事件正在申诉中'
    });
    expect(await decideAppeal(t.db, head1, id, 'revoked', '核实无误')).toEqual({
      ok: false,
      error: '录入该事件的人不能处理其申诉'
    });
    await expect(decideAppeal(t.db, clerk, id, 'revoked', '自己撤销')).rejects.toThrow(AppraisalError);
    await expect(decideAppeal(t.db, inspector, id, 'revoked', '纪检撤销')).rejects.toThrow(AppraisalError);
    await expect(decideAppeal(t.db, head2, id, 'revoked', '他科撤销')).rejects.toThrow('未找到该考核事件');
    expect(await status(id)).toBe('appealed');
  });

  it('revoking removes the points and retracts the chief’s share', async () => {
    const before = await total();
    const chiefBefore = await total(2);
    const id = await enter(head1, { ruleCode: 'impolite' });
    expect(await total()).toBe(before - 10);
    expect(await fileAppeal(t.db, clerk, id, '语气正常，录音为证', at('2025-10-09T12:00:00'))).toEqual({
      ok: true
    });
    // Under appeal it does not count, nor does the chief's share.
    expect(await total()).toBe(before);
    expect((await share(id))?.retracted_at).not.toBeNull();
    expect(await decideAppeal(t.db, head1b, id, 'revoked', '录音证实用语文明')).toEqual({ ok: true });
    expect(await status(id)).toBe('revoked');
    expect(await total()).toBe(before);
    expect(await total(2)).toBe(chiefBefore);
    expect((await share(id))?.retracted_at).not.toBeNull();
    const appeal = await t.db
      .selectFrom('score_appeals')
      .selectAll()
      .where('event_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(appeal).toMatchObject({
      decision: 'revoked',
      reviewer_user_id: head1b.userId,
      decision_reason: '录音证实用语文明'
    });
    expect((await audit(id)).map((a) => [a.action, a.actor_login, a.before, a.after])).toEqual([
      ['appraisal.event.enter', 'head1', null, expect.objectContaining({ ruleCode: 'impolite' })],
      [
        'appraisal.appeal.file',
        'clerk3',
        { status: 'effective' },
        expect.objectContaining({ status: 'appealed', reason: '语气正常，录音为证' })
      ],
      [
        'appraisal.appeal.decide',
        'head1b',
        { status: 'appealed' },
        expect.objectContaining({ status: 'revoked', afterClosing: false })
      ]
    ]);
  });

  it('upholding keeps the points and revives the chief’s share', async () => {
    const before = await total();
    const id = await enter(head1, { ruleCode: 'attire_not_standard' });
    const shareId = (
      await t.db
        .selectFrom('score_events')
        .select('id')
        .where('source_key', '=', `chief_share:${id}`)
        .executeTakeFirstOrThrow()
    ).id;
    expect(await fileAppeal(t.db, clerk, id, '工牌在口袋里', at('2025-10-09T13:00:00'))).toEqual({
      ok: true
    });
    expect(await decideAppeal(t.db, leader, id, 'upheld', '未按规定佩戴')).toEqual({ ok: true });
    expect(await status(id)).toBe('upheld');
    expect(await total()).toBe(before - 5);
    const revived = await t.db
      .selectFrom('score_events')
      .select(['id', 'points', 'retracted_at'])
      .where('source_key', '=', `chief_share:${id}`)
      .executeTakeFirstOrThrow();
    expect(revived).toEqual({ id: shareId, points: '-2.5', retracted_at: null });
    expect(await fileAppeal(t.db, clerk, id, '再申诉', at('2025-10-09T14:00:00'))).toEqual({
      ok: false,
      error: '该事件的申诉已有结论，不能再次申诉'
    });
  });
});

describe('a closed month', () => {
  it('refuses a plain manual event but takes a leader’s correction', async () => {
    const ruleSet = await loadRuleSetInForce(t.db);
    await t.db
      .insertInto('appraisal_months')
      .values({
        month: SEPTEMBER,
        closed_at: at('2025-10-14T18:00:00'),
        closed_by: leader.userId,
        rule_set_id: ruleSet.id,
        results: '{}'
      })
      .execute();
    const now = at('2025-10-20T10:00:00');
    const september = { occurredOn: '2025-09-15' };
    expect(await enterManualEvent(t.db, head1, input(september), [], now)).toEqual({
      ok: false,
      errors: { occurredOn: '2025-09 已结账，不能再录入；如需更正请报局领导' }
    });
    expect(await enterManualEvent(t.db, head1, input({ ...september, correction: true }), [], now)).toEqual({
      ok: false,
      errors: { correction: '只有局领导可以录入结账后更正' }
    });
    expect(await enterManualEvent(t.db, leader, input(september), [], now)).toMatchObject({
      ok: false,
      errors: { occurredOn: expect.stringContaining('结账后更正') }
    });
    const outcome = await enterManualEvent(t.db, leader, input({ ...september, correction: true }), [], now);
    expect(outcome).toMatchObject({ ok: true, origin: 'correction', month: SEPTEMBER });
    if (!outcome.ok) return;
    expect(await share(outcome.id)).toBeUndefined(); // a closed month's shares stay frozen
    expect((await audit(outcome.id))[0].action).toBe('appraisal.correction.enter');
    // An October correction is refused: the month is open.
    expect(await enterManualEvent(t.db, leader, input({ correction: true }), [], now)).toMatchObject({
      ok: false,
      errors: { correction: expect.stringContaining('尚未结账') }
    });
  });
});
