import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  insertCase,
  insertEvents,
  insertReferenceWorld,
  productFingerprint,
  syncOnce,
  watermarks
} from '../helpers/sync-fixtures';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

let t: TestDatabases;
beforeEach(async () => {
  t = await createTestDatabases();
  await insertReferenceWorld(t.sourceWriter);
});
afterEach(async () => t.destroy());

describe('a sync pass', () => {
  it('copies every relation of the source and gives events, ratings and complaints the region of their case', async () => {
    await insertCase(t.sourceWriter, { id: 1, regionCode: '510108' });
    await insertEvents(t.sourceWriter, [
      { id: 1, caseId: 1, kind: 'received', at: '2025-03-01T09:00:00+08:00' },
      { id: 2, caseId: 1, kind: 'accepted', at: '2025-03-01T09:00:00+08:00' }
    ]);
    await t.sourceWriter
      .insertInto('ratings')
      .values([
        {
          id: 1,
          case_id: 1,
          staff_id: 1,
          window_id: 1,
          level: 5,
          channel: 'hall_device',
          rated_at: '2025-03-02T10:00:00+08:00'
        },
        // No case: the region of the window's service point.
        {
          id: 2,
          case_id: null,
          staff_id: null,
          window_id: 2,
          level: 4,
          channel: 'sms',
          rated_at: '2025-03-02T10:00:00+08:00'
        },
        // Neither case nor window nor staff: the bureau's own region (the district service point).
        {
          id: 3,
          case_id: null,
          staff_id: null,
          window_id: null,
          level: 3,
          channel: 'hotline',
          rated_at: '2025-03-02T10:00:00+08:00'
        }
      ])
      .execute();
    await t.sourceWriter
      .insertInto('complaints')
      .values({
        id: 1,
        case_id: 1,
        staff_id: 1,
        window_id: 1,
        source: 'hotline',
        category: '服务态度',
        received_at: '2025-03-03T10:00:00+08:00',
        substantiated: null,
        closed_at: null
      })
      .execute();

    const result = await syncOnce(t);

    expect(Object.fromEntries(result.relations.map((r) => [r.relation, r.changed]))).toEqual({
      departments: 1,
      sections: 1,
      service_points: 2,
      windows: 2,
      staff: 1,
      matters: 2,
      cases: 1,
      case_events: 2,
      ratings: 3,
      complaints: 1
    });
    expect(result.rowsQuarantined).toBe(0);
    const events = await t.db.selectFrom('case_events').select(['id', 'region_code']).orderBy('id').execute();
    expect(events).toEqual([
      { id: '1', region_code: '510108' },
      { id: '2', region_code: '510108' }
    ]);
    const ratings = await t.db.selectFrom('ratings').select(['id', 'region_code']).orderBy('id').execute();
    expect(ratings.map((r) => r.region_code)).toEqual(['510108', '510108', '510107']);
    const complaint = await t.db.selectFrom('complaints').select('region_code').executeTakeFirstOrThrow();
    expect(complaint.region_code).toBe('510108');
    const copied = await t.db.selectFrom('cases').selectAll().executeTakeFirstOrThrow();
    expect(copied.case_no).toBe('510107-TEST-000001');
    expect(copied.received_at.toISOString()).toBe('2025-03-01T01:00:00.000Z');
    expect(result.clocks.cases).toBe(1);
  });

  it('run twice over the same source leaves every synced table and every clock byte for byte the same', async () => {
    for (let id = 1; id <= 30; id++) {
      await insertCase(t.sourceWriter, {
        id,
        receivedAt: `2025-03-${String((id % 9) + 1).padStart(2, '0')}T10:00:00+08:00`
      });
      await insertEvents(t.sourceWriter, [
        {
          id: id * 10,
          caseId: id,
          kind: 'accepted',
          at: `2025-03-${String((id % 9) + 1).padStart(2, '0')}T10:00:00+08:00`
        }
      ]);
    }
    await syncOnce(t);
    const first = await productFingerprint(t.db);
    const marks = await watermarks(t.db);

    const second = await syncOnce(t);

    expect(second.rowsChanged).toBe(0);
    expect(second.clocks.changed).toBe(0);
    expect(await productFingerprint(t.db)).toEqual(first);
    expect(await watermarks(t.db)).toEqual(marks);
    expect(first.cases).toMatch(/^30:/);
    expect(first.case_clock).toMatch(/^30:/);
  });

  it('catches a row committed late with an updated_at older than the watermark, thanks to the overlap window', async () => {
    await insertCase(t.sourceWriter, { id: 1, updatedAt: '2025-03-10T10:00:00+08:00' });
    await syncOnce(t);
    expect((await watermarks(t.db)).cases).toBe('2025-03-10 02:00:00.000000');

    // A transaction that took its updated_at five minutes before the newest row already
    // read, but committed only now.
    await insertCase(t.sourceWriter, { id: 2, updatedAt: '2025-03-10T09:55:00+08:00' });
    const result = await syncOnce(t);

    expect(result.relations.find((r) => r.relation === 'cases')?.changed).toBe(1);
    const ids = await t.db.selectFrom('cases').select('id').orderBy('id').execute();
    expect(ids.map((r) => r.id)).toEqual(['1', '2']);
    expect((await watermarks(t.db)).cases).toBe('2025-03-10 02:00:00.000000');
  });

  it('misses that late row when the overlap is zero (what the overlap is for)', async () => {
    await insertCase(t.sourceWriter, { id: 1, updatedAt: '2025-03-10T10:00:00+08:00' });
    await syncOnce(t, { overlapMinutes: 0 });
    await insertCase(t.sourceWriter, { id: 2, updatedAt: '2025-03-10T09:55:00+08:00' });
    await syncOnce(t, { overlapMinutes: 0 });
    const ids = await t.db.selectFrom('cases').select('id').orderBy('id').execute();
    expect(ids.map((r) => r.id)).toEqual(['1']);
  });

  it('re-reads only the overlap window, not the whole source, once a watermark exists', async () => {
    for (let id = 1; id <= 20; id++)
      await insertCase(t.sourceWriter, { id, updatedAt: '2025-03-01T10:00:00+08:00' });
    await insertCase(t.sourceWriter, { id: 21, updatedAt: '2025-03-10T10:00:00+08:00' });
    await syncOnce(t);
    const second = await syncOnce(t);
    expect(second.relations.find((r) => r.relation === 'cases')?.read).toBe(1);
  });

  it('brings a row updated many times between two passes over in its final state', async () => {
    await insertCase(t.sourceWriter, {
      id: 1,
      status: 'received',
      acceptedAt: null,
      updatedAt: '2025-03-03T09:00:00+08:00'
    });
    await syncOnce(t);
    const steps: [string, string][] = [
      ['accepted', '2025-03-03T10:00:00+08:00'],
      ['suspended', '2025-03-04T10:00:00+08:00'],
      ['accepted', '2025-03-05T10:00:00+08:00'],
      ['concluded', '2025-03-06T10:00:00+08:00']
    ];
    for (const [status, at] of steps) {
      await t.sourceWriter
        .updateTable('cases')
        .set({
          status: status as 'accepted',
          accepted_at: '2025-03-03T10:00:00+08:00',
          concluded_at: status === 'concluded' ? at : null,
          decision: status === 'concluded' ? 'approved' : null,
          updated_at: at
        })
        .where('id', '=', '1')
        .execute();
    }
    await syncOnce(t);
    const copy = await t.db.selectFrom('cases').selectAll().executeTakeFirstOrThrow();
    expect(copy.status).toBe('concluded');
    expect(copy.decision).toBe('approved');
    expect(copy.concluded_at?.toISOString()).toBe('2025-03-06T02:00:00.000Z');
    const clock = await t.db.selectFrom('case_clock').selectAll().executeTakeFirstOrThrow();
    expect(clock.open).toBe(false);
    expect(clock.processing_days).toBe(3);
    expect(clock.promised_on_time).toBe(true);
  });

  it('follows reference rows that change after cases refer to them', async () => {
    await insertCase(t.sourceWriter, { id: 1, receivedAt: '2025-03-03T10:00:00+08:00' });
    await syncOnce(t);
    expect(
      (await t.db.selectFrom('case_clock').select('promised_due_on').executeTakeFirstOrThrow())
        .promised_due_on
    ).toBe('2025-03-10');

    // The matter's promised limit is cut from 5 to 3 working days; the staff member renamed.
    await t.sourceWriter
      .updateTable('matters')
      .set({ promised_days: 3, updated_at: '2025-03-04T09:00:00+08:00' })
      .where('id', '=', 1)
      .execute();
    await t.sourceWriter
      .updateTable('staff')
      .set({ name: '张敏（调岗）', window_id: 2, updated_at: '2025-03-04T09:00:00+08:00' })
      .where('id', '=', 1)
      .execute();
    const result = await syncOnce(t);

    expect(result.relations.find((r) => r.relation === 'cases')?.changed).toBe(0);
    expect(result.clocks.cases).toBe(1);
    const clock = await t.db.selectFrom('case_clock').selectAll().executeTakeFirstOrThrow();
    expect(clock.promised_limit_days).toBe(3);
    expect(clock.promised_due_on).toBe('2025-03-06');
    const staff = await t.db.selectFrom('staff').selectAll().executeTakeFirstOrThrow();
    expect(staff).toMatchObject({ name: '张敏（调岗）', window_id: 2 });
  });

  it('records per relation the newest updated_at read, the rows read and changed, and when', async () => {
    await insertCase(t.sourceWriter, { id: 1, updatedAt: '2025-03-10T10:00:00.123456+08:00' });
    await syncOnce(t, { runId: '42' });
    const row = await sql<{
      watermark: string;
      rows_synced: string;
      last_pass_rows_read: number;
      last_run_id: string;
    }>`
      SELECT to_char(watermark AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS watermark, rows_synced, last_pass_rows_read, last_run_id
      FROM sync_watermarks WHERE relation = 'cases'`.execute(t.db);
    expect(row.rows[0]).toEqual({
      watermark: '2025-03-10 02:00:00.123456',
      rows_synced: '1',
      last_pass_rows_read: 1,
      last_run_id: '42'
    });
  });
});

describe('the sync and daily-refresh jobs', () => {
  it('run through the job runner, record rows touched, and leave the run id on the watermarks', async () => {
    const { runJob } = await import('../../src/lib/server/jobs/run-job');
    const { syncJob } = await import('../../jobs/sync');
    const { dailyRefreshJob } = await import('../../jobs/daily-refresh');
    await insertCase(t.sourceWriter, { id: 1 });
    const saved = { ...process.env };
    Object.assign(process.env, {
      DATABASE_URL: t.urls.product,
      SOURCE_DATABASE_URL: t.urls.sourceReader,
      SOURCE_SCHEMA: 'approval'
    });
    try {
      const context = { db: t.db, source: t.source, trigger: 'manual' as const, log: () => {} };
      const sync = await runJob(syncJob, context);
      expect(sync).toMatchObject({ status: 'succeeded' });
      expect(sync.rowsTouched).toBe(10 + 1); // 9 reference rows and the case, and its clock
      const run = await t.db
        .selectFrom('job_runs')
        .selectAll()
        .where('id', '=', sync.runId)
        .executeTakeFirstOrThrow();
      expect(run.message).toMatch(/^读取 10 行，更新 10 行；重算时限 1 件/);
      const marks = await t.db.selectFrom('sync_watermarks').select('last_run_id').distinct().execute();
      expect(marks).toEqual([{ last_run_id: sync.runId }]);

      const refresh = await runJob(dailyRefreshJob, context);
      expect(refresh).toMatchObject({ status: 'succeeded' });
    } finally {
      process.env = saved;
    }
  });
});
