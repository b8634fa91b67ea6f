import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { officialCalendar } from '../../src/lib/server/calendar/working-days';
import { loadCalendarFrom } from '../../src/lib/server/case-clock/calendar.repository';
import { explainCaseClock } from '../../src/lib/server/case-clock/explain';
import {
  recomputeForDateRange,
  recomputeForDates,
  recomputeForMatters,
  refreshOpenCaseClocks
} from '../../src/lib/server/case-clock/refresh.service';
import { CalendarIndex, dayOfDate } from '../../src/lib/server/clock/day-index';
import { insertCase, insertEvents, insertReferenceWorld, syncOnce } from '../helpers/sync-fixtures';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

let t: TestDatabases;
beforeEach(async () => {
  t = await createTestDatabases();
  await insertReferenceWorld(t.sourceWriter);
});
afterEach(async () => t.destroy());

const clockOf = (caseId: string) =>
  t.db.selectFrom('case_clock').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();

/** time-limits.md, last worked example: accepted Mon 2025-03-03, L = 5, stop 03-04 → 03-06. */
async function insertWorkedExample(id = 1): Promise<void> {
  await insertCase(t.sourceWriter, { id, receivedAt: '2025-03-03T10:00:00+08:00' });
  await insertEvents(t.sourceWriter, [
    { id: id * 10 + 1, caseId: id, kind: 'accepted', at: '2025-03-03T10:00:00+08:00' },
    { id: id * 10 + 2, caseId: id, kind: 'correction_requested', at: '2025-03-04T10:00:00+08:00' },
    { id: id * 10 + 3, caseId: id, kind: 'correction_received', at: '2025-03-06T10:00:00+08:00' }
  ]);
}

describe('the derived clock written by the sync', () => {
  it('gives the worked example with a correction stop its due date 2025-03-12 and both deadlines', async () => {
    await insertWorkedExample();
    await syncOnce(t, { evaluationDate: '2025-03-20' });
    expect(await clockOf('1')).toMatchObject({
      open: true,
      accepted_on: '2025-03-03',
      promised_limit_days: 5,
      promised_due_on: '2025-03-12',
      promised_overdue: true,
      statutory_limit_days: 20,
      statutory_due_on: '2025-04-02',
      statutory_overdue: false,
      elapsed_days: 11,
      remaining_days: -6,
      colour: 'red',
      paused: false,
      stop_count: 1,
      flags: [],
      calendar_unconfirmed: false,
      evaluated_on: '2025-03-20',
      span_from: '2025-03-03',
      span_to: '2025-04-02'
    });
  });

  it('counts the make-up Sunday and skips the National Day holidays (accepted 2025-09-26: due 10-10 and 10-30)', async () => {
    await insertCase(t.sourceWriter, { id: 1, receivedAt: '2025-09-26T15:00:00+08:00' });
    await syncOnce(t, { evaluationDate: '2025-09-30' });
    expect(await clockOf('1')).toMatchObject({
      promised_due_on: '2025-10-10',
      statutory_due_on: '2025-10-30',
      elapsed_days: 3
    });
  });

  it('combines a stop with a holiday: accepted 2025-09-24, stopped 09-25 → 09-29, due on the make-up Saturday 10-11', async () => {
    await insertCase(t.sourceWriter, { id: 1, receivedAt: '2025-09-24T10:00:00+08:00' });
    await insertEvents(t.sourceWriter, [
      { id: 1, caseId: 1, kind: 'suspended', procedure: 'expert_review', at: '2025-09-25T16:00:00+08:00' },
      { id: 2, caseId: 1, kind: 'resumed', at: '2025-09-29T09:00:00+08:00' }
    ]);
    await syncOnce(t, { evaluationDate: '2025-10-10' });
    expect(await clockOf('1')).toMatchObject({
      promised_due_on: '2025-10-11',
      elapsed_days: 4,
      colour: 'yellow'
    });
  });

  it('recomputes a case when an event arrives later, and a concluded case gets on-time and processing days', async () => {
    await insertWorkedExample();
    await syncOnce(t, { evaluationDate: '2025-03-10' });
    expect((await clockOf('1')).open).toBe(true);
    await t.sourceWriter
      .updateTable('cases')
      .set({
        status: 'concluded',
        decision: 'approved',
        concluded_at: '2025-03-12T17:00:00+08:00',
        updated_at: '2025-03-12T17:00:00+08:00'
      })
      .execute();
    await insertEvents(t.sourceWriter, [
      { id: 99, caseId: 1, kind: 'concluded', at: '2025-03-12T17:00:00+08:00' }
    ]);
    const result = await syncOnce(t, { evaluationDate: '2025-03-13' });
    expect(result.clocks).toMatchObject({ cases: 1, changed: 1 });
    expect(await clockOf('1')).toMatchObject({
      open: false,
      colour: null,
      processing_days: 5,
      promised_on_time: true,
      statutory_on_time: true
    });
  });

  it('recomputes both cases when an event moves from one case to another', async () => {
    await insertWorkedExample(1);
    await insertCase(t.sourceWriter, { id: 2, receivedAt: '2025-03-03T10:00:00+08:00' });
    await syncOnce(t, { evaluationDate: '2025-03-20' });
    expect((await clockOf('2')).promised_due_on).toBe('2025-03-10');
    // The correction stop was filed on the wrong case: the source moves its two events.
    await t.sourceWriter
      .updateTable('case_events')
      .set({ case_id: '2', updated_at: '2025-03-21T10:00:00+08:00' })
      .where('id', 'in', ['12', '13'])
      .execute();
    await syncOnce(t, { evaluationDate: '2025-03-20' });
    expect((await clockOf('1')).promised_due_on).toBe('2025-03-10');
    expect((await clockOf('2')).promised_due_on).toBe('2025-03-12');
  });

  it('marks a deadline that reaches into a year without a confirmed notice', async () => {
    await insertCase(t.sourceWriter, { id: 1, receivedAt: '2026-12-24T10:00:00+08:00' });
    await syncOnce(t, { evaluationDate: '2026-12-25' });
    expect(await clockOf('1')).toMatchObject({
      promised_due_on: '2026-12-31',
      calendar_unconfirmed: true,
      unconfirmed_years: [2027]
    });
  });
});

describe('recomputing clocks outside a sync pass', () => {
  it('the daily refresh moves open cases to the new date and leaves concluded ones alone', async () => {
    await insertCase(t.sourceWriter, { id: 1, receivedAt: '2025-03-03T10:00:00+08:00' });
    await insertCase(t.sourceWriter, {
      id: 2,
      status: 'concluded',
      receivedAt: '2025-03-03T10:00:00+08:00',
      concludedAt: '2025-03-04T10:00:00+08:00'
    });
    await syncOnce(t, { evaluationDate: '2025-03-05' });
    expect(await clockOf('1')).toMatchObject({ elapsed_days: 2, remaining_days: 3, colour: 'green' });
    const concluded = await clockOf('2');

    const friday = await refreshOpenCaseClocks({ databaseUrl: t.urls.product, evaluationDate: '2025-03-07' });
    expect(friday).toMatchObject({ cases: 1, changed: 1 });
    expect(await clockOf('1')).toMatchObject({
      elapsed_days: 4,
      colour: 'yellow',
      evaluated_on: '2025-03-07'
    });
    await refreshOpenCaseClocks({ databaseUrl: t.urls.product, evaluationDate: '2025-03-11' });
    expect(await clockOf('1')).toMatchObject({ elapsed_days: 6, colour: 'red', promised_overdue: true });
    expect(await clockOf('2')).toEqual(concluded);

    const again = await refreshOpenCaseClocks({ databaseUrl: t.urls.product, evaluationDate: '2025-03-11' });
    expect(again).toMatchObject({ cases: 1, changed: 0 });
  });

  it('after a holiday is added, recomputes the cases whose dates cover it, and only those', async () => {
    await insertWorkedExample(1);
    await insertCase(t.sourceWriter, { id: 2, receivedAt: '2025-06-03T10:00:00+08:00' });
    await syncOnce(t, { evaluationDate: '2025-03-20' });
    const other = await clockOf('2');

    await t.db
      .insertInto('calendar_days')
      .values({ date: '2025-03-11', working: false, kind: 'holiday', note: '测试' })
      .execute();
    const result = await recomputeForDates(['2025-03-11'], {
      databaseUrl: t.urls.product,
      evaluationDate: '2025-03-20'
    });

    expect(result).toMatchObject({ cases: 1, changed: 1 });
    expect((await clockOf('1')).promised_due_on).toBe('2025-03-13');
    expect(await clockOf('2')).toEqual(other);
  });

  it('after a year is unconfirmed, its cases fall back to Monday–Friday and say so', async () => {
    await insertCase(t.sourceWriter, { id: 1, receivedAt: '2025-09-26T15:00:00+08:00' });
    await syncOnce(t, { evaluationDate: '2025-09-30' });
    await t.db.updateTable('calendar_years').set({ confirmed: false }).where('year', '=', 2025).execute();
    await recomputeForDateRange('2025-01-01', '2025-12-31', {
      databaseUrl: t.urls.product,
      evaluationDate: '2025-09-30'
    });
    expect(await clockOf('1')).toMatchObject({
      promised_due_on: '2025-10-03',
      calendar_unconfirmed: true,
      unconfirmed_years: [2025]
    });
  });

  it('a calendar edit made directly in the database reaches the open cases at the next pass', async () => {
    await insertWorkedExample(1);
    await syncOnce(t, { evaluationDate: '2025-03-10' });
    expect((await clockOf('1')).promised_due_on).toBe('2025-03-12');
    await t.db
      .insertInto('calendar_days')
      .values({ date: '2025-03-11', working: false, kind: 'holiday', note: '测试' })
      .execute();
    const result = await syncOnce(t, { evaluationDate: '2025-03-10' });
    expect(result.rowsChanged).toBe(0);
    expect(result.clocks).toMatchObject({ cases: 1, changed: 1 });
    expect((await clockOf('1')).promised_due_on).toBe('2025-03-13');
    expect((await syncOnce(t, { evaluationDate: '2025-03-10' })).clocks.cases).toBe(0);
  });

  it("after a matter's warning settings change, its open cases get the new lights", async () => {
    await insertCase(t.sourceWriter, { id: 1, receivedAt: '2025-03-03T10:00:00+08:00' });
    await syncOnce(t, { evaluationDate: '2025-03-05' });
    expect((await clockOf('1')).colour).toBe('green');
    await t.db
      .insertInto('matter_settings')
      .values({ matter_id: 1, yellow_ratio: 0.4, yellow_days: 1 })
      .execute();
    await recomputeForMatters([1], { databaseUrl: t.urls.product, evaluationDate: '2025-03-05' });
    expect((await clockOf('1')).colour).toBe('yellow');
  });
});

describe('the calendar in the database', () => {
  it('is seeded with the 2024–2026 notices: the same days as the official list, 251/248/248 working days', async () => {
    const calendar = await loadCalendarFrom(t.db);
    const official = officialCalendar();
    expect([...calendar.holidays].sort()).toEqual([...official.holidays].sort());
    expect([...calendar.makeUpWorkdays].sort()).toEqual([...official.makeUpWorkdays].sort());
    expect([...calendar.confirmedYears].sort()).toEqual([2024, 2025, 2026]);
    const index = new CalendarIndex(calendar);
    const workingDays = (year: number) =>
      index.workingDaysBetween(dayOfDate(`${year - 1}-12-31`), dayOfDate(`${year}-12-31`));
    expect([workingDays(2024), workingDays(2025), workingDays(2026)]).toEqual([251, 248, 248]);
    const kinds = await sql<{ kind: string; n: number }>`
      SELECT kind, count(*)::int AS n FROM calendar_days GROUP BY kind ORDER BY kind`.execute(t.db);
    expect(kinds.rows).toEqual([
      { kind: 'holiday', n: official.holidays.size },
      { kind: 'makeup_workday', n: official.makeUpWorkdays.size }
    ]);
  });
});

describe('explaining a deadline', () => {
  it('recomputes one case with its trace: the stop, the holidays crossed and the due dates', async () => {
    await insertCase(t.sourceWriter, { id: 1, receivedAt: '2025-09-24T10:00:00+08:00' });
    await insertEvents(t.sourceWriter, [
      { id: 1, caseId: 1, kind: 'suspended', procedure: 'expert_review', at: '2025-09-25T16:00:00+08:00' },
      { id: 2, caseId: 1, kind: 'resumed', at: '2025-09-29T09:00:00+08:00' }
    ]);
    await syncOnce(t, { evaluationDate: '2025-10-09' });
    const explained = await explainCaseClock(t.db, { caseNo: '510107-TEST-000001' }, '2025-10-09');
    expect(explained?.result.promised.dueOn).toBe((await clockOf('1')).promised_due_on);
    const kinds = explained!.result.trace.map((entry) => entry.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['acceptance', 'stop', 'holiday', 'makeup_workday', 'due', 'colour'])
    );
    expect(await explainCaseClock(t.db, { caseId: '404' })).toBeUndefined();
  });
});
