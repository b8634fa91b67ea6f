import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/audit/audit.repository';
import {
  applyYearImport,
  previewYearImport,
  removeCalendarDay,
  setCalendarDay,
  setYearStatus,
  type ImportRequest
} from '../../src/lib/server/calendar/calendar-admin.service';
import { listExceptionDays } from '../../src/lib/server/calendar/calendar-admin.repository';
import { CalendarValidationError } from '../../src/lib/server/calendar/calendar-edit';
import { CalendarImportError } from '../../src/lib/server/calendar/import-plan';
import { auditEntries } from '../helpers/audit-log';
import { insertCase, insertReferenceWorld, syncOnce } from '../helpers/sync-fixtures';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

// The administrator's calendar changes: each one writes the days, one audit entry and the
// recomputed clocks of exactly the cases whose deadlines it can move, in one transaction.

let t: TestDatabases;
beforeEach(async () => {
  t = await createTestDatabases();
  await insertReferenceWorld(t.sourceWriter);
});
afterEach(async () => t.destroy());

const ADMIN: Actor = { userId: null, login: 'admin-test', roles: ['admin'] };
const clockOf = (caseId: string) =>
  t.db.selectFrom('case_clock').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
const calendarAudit = () => auditEntries(t.db, 'calendar.%');
const holiday = (date: string, note = '测试') => ({ date, working: false, kind: 'holiday' as const, note });

describe('changing one day', () => {
  const options = () => ({ databaseUrl: t.urls.product, evaluationDate: '2025-03-20' });

  beforeEach(async () => {
    // Accepted Mon 2025-03-03, promised 5 WD: due Mon 03-10. Case 2 lived in January.
    await insertCase(t.sourceWriter, { id: 1, receivedAt: '2025-03-03T10:00:00+08:00' });
    await insertCase(t.sourceWriter, {
      id: 2,
      status: 'concluded',
      receivedAt: '2025-01-06T10:00:00+08:00',
      concludedAt: '2025-01-08T10:00:00+08:00'
    });
    await syncOnce(t, { evaluationDate: '2025-03-20' });
  });

  it('moves the due date of the case it touches, leaves the others, and writes one audit entry', async () => {
    expect((await clockOf('1')).promised_due_on).toBe('2025-03-10');
    const other = await clockOf('2');

    const change = await setCalendarDay(ADMIN, holiday('2025-03-05'), options());

    expect(change).toMatchObject({ recompute: { cases: 1, changed: 1 }, applies: true });
    expect((await clockOf('1')).promised_due_on).toBe('2025-03-11');
    expect(await clockOf('2')).toEqual(other);
    expect(await calendarAudit()).toEqual([
      {
        action: 'calendar.day_set',
        entity: 'calendar_day',
        entity_id: '2025-03-05',
        actor_login: 'admin-test',
        before: null,
        after: { date: '2025-03-05', working: false, kind: 'holiday', note: '测试' }
      }
    ]);
  });

  it('recomputes nothing for a changed note, and restores the deadline when the day is removed', async () => {
    await setCalendarDay(ADMIN, holiday('2025-03-05'), options());
    const noteOnly = await setCalendarDay(ADMIN, holiday('2025-03-05', '临时停电'), options());
    expect(noteOnly.recompute.cases).toBe(0);

    const removed = await removeCalendarDay(ADMIN, '2025-03-05', options());
    expect(removed.recompute).toMatchObject({ cases: 1, changed: 1 });
    expect((await clockOf('1')).promised_due_on).toBe('2025-03-10');
    const audit = await calendarAudit();
    expect(audit.map((a) => a.action)).toEqual([
      'calendar.day_set',
      'calendar.day_set',
      'calendar.day_remove'
    ]);
    expect(audit[1]).toMatchObject({ before: { note: '测试' }, after: { note: '临时停电' } });
    expect(audit[2]).toMatchObject({ before: { date: '2025-03-05', note: '临时停电' }, after: null });

    await expect(removeCalendarDay(ADMIN, '2025-03-05', options())).rejects.toThrow(CalendarValidationError);
  });
});

describe('the status of a year', () => {
  const options = () => ({ databaseUrl: t.urls.product, evaluationDate: '2027-02-02' });

  it('keeps an unconfirmed year on Monday–Friday until it is confirmed, then recomputes its cases', async () => {
    // Accepted Mon 2027-02-01, promised 5 WD: due Mon 02-08 on Monday–Friday.
    await insertCase(t.sourceWriter, { id: 1, receivedAt: '2027-02-01T10:00:00+08:00' });
    await syncOnce(t, { evaluationDate: '2027-02-02' });
    expect(await clockOf('1')).toMatchObject({ promised_due_on: '2027-02-08', calendar_unconfirmed: true });

    const added = await setCalendarDay(ADMIN, holiday('2027-02-03', '春节'), options());
    expect(added).toMatchObject({ recompute: { cases: 1, changed: 0 }, applies: false });
    expect((await clockOf('1')).promised_due_on).toBe('2027-02-08');

    const confirmed = await setYearStatus(
      ADMIN,
      { year: 2027, confirmed: true, notice: '测试通知' },
      options()
    );
    expect(confirmed).toMatchObject({ recompute: { cases: 1, changed: 1 }, applies: true });
    expect(await clockOf('1')).toMatchObject({
      promised_due_on: '2027-02-09',
      calendar_unconfirmed: false,
      unconfirmed_years: []
    });

    const unconfirmed = await setYearStatus(
      ADMIN,
      { year: 2027, confirmed: false, notice: '测试通知' },
      options()
    );
    expect(unconfirmed.recompute.changed).toBe(1);
    expect(await clockOf('1')).toMatchObject({ promised_due_on: '2027-02-08', calendar_unconfirmed: true });
    const audit = await calendarAudit();
    expect(audit.map((a) => a.action)).toEqual([
      'calendar.day_set',
      'calendar.year_set',
      'calendar.year_set'
    ]);
    expect(audit[1]).toMatchObject({
      before: null,
      after: { year: 2027, confirmed: true, notice: '测试通知' }
    });
  });

  it('refuses to confirm a year without any exception day', async () => {
    await expect(
      setYearStatus(ADMIN, { year: 2028, confirmed: true, notice: '通知' }, options())
    ).rejects.toThrow(/2028 年还没有任何放假或调休上班日期/);
    expect(await calendarAudit()).toEqual([]);
  });
});

describe('importing a year', () => {
  const ICS_2027 = [
    'BEGIN:VCALENDAR',
    'BEGIN:VEVENT',
    'DTSTART;VALUE=DATE:20270101',
    'DTEND;VALUE=DATE:20270104',
    'SUMMARY:元旦 休',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'DTSTART;VALUE=DATE:20270203',
    'DTEND;VALUE=DATE:20270205',
    'SUMMARY:春节 休',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'DTSTART;VALUE=DATE:20270206',
    'SUMMARY:春节 补班',
    'END:VEVENT',
    'END:VCALENDAR'
  ].join('\r\n');
  const request = (text = ICS_2027): ImportRequest => ({
    source: { kind: 'ics', text, fileName: '2027.ics' },
    year: 2027,
    confirmWith: '国务院办公厅关于2027年部分节假日安排的通知'
  });
  const options = (evaluationDate = '2027-02-02') => ({ databaseUrl: t.urls.product, evaluationDate });

  beforeEach(async () => {
    await insertCase(t.sourceWriter, { id: 1, receivedAt: '2027-02-01T10:00:00+08:00' });
    await syncOnce(t, { evaluationDate: '2027-02-02' });
  });

  it('previews the difference, then applies it with the year confirmed, one audit entry and the recomputed clocks', async () => {
    await setCalendarDay(ADMIN, holiday('2027-05-03', '旧的录入'), options());
    const preview = await previewYearImport(t.db, request());
    expect(preview.diff.added.map((d) => d.date)).toEqual([
      '2027-01-01',
      '2027-02-03',
      '2027-02-04',
      '2027-02-06'
    ]);
    expect(preview.diff.removed.map((d) => d.date)).toEqual(['2027-05-03']);
    expect(preview.plan.ignored.map((d) => d.date)).toEqual(['2027-01-02', '2027-01-03']);

    const result = await applyYearImport(ADMIN, { ...request(), base: preview.base }, options());

    expect(result).toMatchObject({ applies: true, recompute: { cases: 1, changed: 1 } });
    expect((await listExceptionDays(t.db, 2027)).map((d) => [d.date, d.kind])).toEqual([
      ['2027-01-01', 'holiday'],
      ['2027-02-03', 'holiday'],
      ['2027-02-04', 'holiday'],
      ['2027-02-06', 'makeup_workday']
    ]);
    const year = await t.db
      .selectFrom('calendar_years')
      .selectAll()
      .where('year', '=', 2027)
      .executeTakeFirstOrThrow();
    expect(year).toMatchObject({ confirmed: true, notice: '国务院办公厅关于2027年部分节假日安排的通知' });
    // 02-02 counts, 02-03 and 02-04 are off, Fri 02-05 and Sat 02-06 (make-up) count, then 02-08, 02-09.
    expect(await clockOf('1')).toMatchObject({ promised_due_on: '2027-02-09', calendar_unconfirmed: false });
    const audit = await calendarAudit();
    expect(audit.map((a) => a.action)).toEqual(['calendar.day_set', 'calendar.year_import']);
    expect(audit[1]).toMatchObject({
      entity_id: '2027',
      before: { year: null, days: [{ date: '2027-05-03' }] },
      after: { year: { confirmed: true }, source: 'ics', file: '2027.ics' }
    });
  });

  it('stores nothing from a malformed file', async () => {
    const bad = ICS_2027.replace('DTSTART;VALUE=DATE:20270203', 'DTSTART;VALUE=DATE:2027-02-03');
    await expect(previewYearImport(t.db, request(bad))).rejects.toThrow(/不是有效日期（2027-02-03）/);
    await expect(applyYearImport(ADMIN, { ...request(bad), base: 'x' }, options())).rejects.toThrow(
      CalendarImportError
    );
    expect(await listExceptionDays(t.db, 2027)).toEqual([]);
    expect(await calendarAudit()).toEqual([]);
  });

  it('rolls back the days and the audit entry when the recomputation fails', async () => {
    const preview = await previewYearImport(t.db, request());
    await expect(
      applyYearImport(ADMIN, { ...request(), base: preview.base }, options('not-a-date'))
    ).rejects.toThrow();
    expect(await listExceptionDays(t.db, 2027)).toEqual([]);
    expect(await t.db.selectFrom('calendar_years').selectAll().where('year', '=', 2027).execute()).toEqual(
      []
    );
    expect(await calendarAudit()).toEqual([]);
    expect((await clockOf('1')).promised_due_on).toBe('2027-02-08');
  });

  it('refuses to apply when the year changed after the preview', async () => {
    const preview = await previewYearImport(t.db, request());
    await setCalendarDay(ADMIN, holiday('2027-05-03'), options());
    await expect(applyYearImport(ADMIN, { ...request(), base: preview.base }, options())).rejects.toThrow(
      /预览之后已被修改/
    );
    expect((await listExceptionDays(t.db, 2027)).map((d) => d.date)).toEqual(['2027-05-03']);
  });
});
