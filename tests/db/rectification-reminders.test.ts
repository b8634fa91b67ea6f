import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rectificationRemindersJob } from '../../jobs/rectification-reminders';
import type { Actor } from '../../src/lib/server/audit/audit.repository';
import { runJob } from '../../src/lib/server/jobs/run-job';
import {
  issueNotice,
  respond,
  review,
  type Responder
} from '../../src/lib/server/rectification/rectification.service';
import { countUnread, listUserReminders } from '../../src/lib/server/reminders/reminders.repository';
import {
  readAllReminders,
  readReminder,
  writeDueReminders
} from '../../src/lib/server/reminders/reminders.service';
import { insertReferenceWorld, syncOnce } from '../helpers/sync-fixtures';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';
import { addUser } from '../helpers/users';

// Rectification reminders on the seeded 2025 calendar: issued Tuesday 2025-09-30 with a
// deadline of 1 working day, the National Day holiday (10-01..08) comes between, so the
// deadline is Thursday 10-09. Due-today on 10-09, overdue on 10-10, then every 5 working
// days counting the make-up Saturday 10-11: again on 10-16. A verified notice gets none.

let t: TestDatabases;
let inspector: Actor;
let ids: { insp: number; head: number; staff: number; other: number };
let open: number;
let verified: number;

const at = (local: string) => new Date(`${local}+08:00`);
const rows = () =>
  t.db
    .selectFrom('reminders')
    .select(['notice_id', 'user_id', 'kind', 'on_date', 'days_overdue'])
    .orderBy('id')
    .execute();

beforeAll(async () => {
  t = await createTestDatabases();
  await insertReferenceWorld(t.sourceWriter);
  await syncOnce(t);
  await t.db
    .insertInto('ratings')
    .values({
      id: 1,
      case_id: null,
      staff_id: null,
      window_id: 1,
      level: 1,
      channel: 'hall_device',
      rated_at: '2025-09-29T10:00:00+08:00',
      comment: null,
      region_code: '510107',
      updated_at: '2025-09-29T10:00:00+08:00'
    })
    .execute();
  ids = {
    insp: await addUser(t.db, { login: 'insp', roles: ['inspector'] }),
    head: await addUser(t.db, { login: 'head', roles: ['section_head'], sectionCodes: ['S01'] }),
    staff: await addUser(t.db, { login: 'e001', roles: ['staff'], staffNo: 'E001' }),
    other: await addUser(t.db, { login: 'head2', roles: ['section_head'], sectionCodes: ['S02'] })
  };
  inspector = { userId: ids.insp, login: 'insp', roles: ['inspector'] };
  const issue = async (kind: 'window' | 'staff', code: string) => {
    const outcome = await issueNotice(
      t.db,
      inspector,
      {
        sourceKind: 'rating',
        sourceRef: '1',
        addresseeKind: kind,
        addresseeCode: code,
        deadlineDays: 1,
        defects: '窗口服务态度生硬'
      },
      at('2025-09-30T10:00:00')
    );
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    return outcome.id;
  };
  open = await issue('staff', 'E001');
  verified = await issue('window', 'W01');
  const head: Responder = {
    userId: ids.head,
    login: 'head',
    roles: ['section_head'],
    sectionCodes: ['S01'],
    staffNo: null
  };
  expect((await respond(t.db, head, verified, '已整改', null, at('2025-10-09T09:00:00'))).ok).toBe(true);
  expect(
    (await review(t.db, inspector, verified, 'verified', '整改到位', at('2025-10-09T09:30:00'))).ok
  ).toBe(true);
});
afterAll(() => t?.destroy());

describe('rectification reminders', () => {
  it('sends nothing before the deadline or on the holiday in between', async () => {
    for (const day of ['2025-09-30', '2025-10-03', '2025-10-08'])
      expect(await writeDueReminders(t.db, { today: day })).toEqual([]);
  });

  it('reminds the staff member and the inspector on the deadline, once', async () => {
    const notice = await t.db
      .selectFrom('rectification_notices')
      .select('deadline_on')
      .where('id', '=', open)
      .executeTakeFirstOrThrow();
    expect(notice.deadline_on).toBe('2025-10-09');
    expect(await writeDueReminders(t.db, { today: '2025-10-09' })).toHaveLength(2);
    expect(await writeDueReminders(t.db, { today: '2025-10-09' })).toEqual([]);
    expect(await rows()).toEqual([
      { notice_id: open, user_id: ids.insp, kind: 'due_today', on_date: '2025-10-09', days_overdue: 0 },
      { notice_id: open, user_id: ids.staff, kind: 'due_today', on_date: '2025-10-09', days_overdue: 0 }
    ]);
  });

  it('reminds of the overdue notice on the first working day after, then every 5 working days', async () => {
    const sent: Record<string, number> = {};
    for (const day of [
      '2025-10-10',
      '2025-10-11',
      '2025-10-12',
      '2025-10-13',
      '2025-10-15',
      '2025-10-16',
      '2025-10-17'
    ])
      sent[day] = (await writeDueReminders(t.db, { today: day })).length;
    expect(sent).toEqual({
      '2025-10-10': 2,
      '2025-10-11': 0,
      '2025-10-12': 0,
      '2025-10-13': 0,
      '2025-10-15': 0,
      '2025-10-16': 2,
      '2025-10-17': 0
    });
    const overdue = (await rows()).filter((r) => r.kind === 'overdue');
    expect(overdue.map((r) => [r.on_date, r.days_overdue])).toEqual([
      ['2025-10-10', 1],
      ['2025-10-10', 1],
      ['2025-10-16', 6],
      ['2025-10-16', 6]
    ]);
    // The verified window notice never got one, nor did the section heads.
    expect((await rows()).every((r) => r.notice_id === open)).toBe(true);
  });

  it('runs as a job under the lock, recorded, adding nothing on a re-run of the same day', async () => {
    // 2025-10-23 is the 11th working day after the deadline: a third overdue reminder.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at('2025-10-23T06:30:00'));
    try {
      const context = { db: t.db, source: t.source, trigger: 'manual' as const, log: () => {} };
      const outcome = await runJob(rectificationRemindersJob, context);
      expect(outcome).toMatchObject({ status: 'succeeded', rowsTouched: 2 });
      const again = await runJob(rectificationRemindersJob, context);
      expect(again).toMatchObject({ status: 'succeeded', rowsTouched: 0 });
      const runs = await t.db
        .selectFrom('job_runs')
        .select(['id', 'status', 'message'])
        .where('job_name', '=', 'rectification-reminders')
        .orderBy('id')
        .execute();
      expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
      expect(runs[0].message).toBe('2025-10-23：新提醒 2 条，涉及整改通知 1 件');
      const written = await t.db
        .selectFrom('reminders')
        .select(['job_run_id', 'days_overdue'])
        .where('on_date', '=', '2025-10-23')
        .execute();
      expect(written).toEqual([
        { job_run_id: runs[0].id, days_overdue: 11 },
        { job_run_id: runs[0].id, days_overdue: 11 }
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows a user only their own reminders and marks them read', async () => {
    const staff: Actor = { userId: ids.staff, login: 'e001', roles: ['staff'] };
    expect(await countUnread(t.db, ids.staff)).toBe(4);
    expect(await countUnread(t.db, ids.other)).toBe(0);
    const mine = await listUserReminders(t.db, ids.staff);
    expect(mine.map((r) => r.on_date)).toEqual(['2025-10-23', '2025-10-16', '2025-10-10', '2025-10-09']);
    const inspectorsFirst = (await listUserReminders(t.db, ids.insp))[0];
    expect(await readReminder(t.db, staff, inspectorsFirst.id)).toBe(false);
    expect(await readReminder(t.db, staff, mine[0].id)).toBe(true);
    expect(await readReminder(t.db, staff, mine[0].id)).toBe(false);
    expect(await countUnread(t.db, ids.staff)).toBe(3);
    expect(await readAllReminders(t.db, staff)).toBe(3);
    expect(await countUnread(t.db, ids.staff)).toBe(0);
    expect(await countUnread(t.db, ids.insp)).toBe(4);
    await expect(
      t.db.updateTable('reminders').set({ read_at: new Date() }).where('user_id', '=', ids.staff).execute()
    ).rejects.toThrow(/only read_at may be set/);
  });
});
