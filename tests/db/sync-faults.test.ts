import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncJob } from '../../jobs/sync';
import { createKysely } from '../../src/lib/server/db/connect';
import { createJobContext } from '../../src/lib/server/jobs/job-context';
import { closeDatabases } from '../../src/lib/server/db/index';
import { runJob } from '../../src/lib/server/jobs/run-job';
import type { SourceDatabase } from '../../src/lib/server/source/source-tables';
import { checkHealth } from '../../src/lib/server/status/health.service';
import { readSyncStatus } from '../../src/lib/server/status/sync-status.repository';
import { addCases, copiesPerId, jobRuns, restoreEvents, slowDownEvents, waitFor } from '../helpers/faults';
import { insertReferenceWorld, productFingerprint } from '../helpers/sync-fixtures';
import { adminQuery, createTestDatabases, type TestDatabases } from '../helpers/test-databases';

// Issue #9 faults that fit in the main suite, through the real `sync` job and the job
// runner (so job_runs is what an operator would see): the product's connection killed in
// the middle of a pass, and the source unreachable for "ten minutes" while it keeps writing.

const T0 = '2025-03-03T09:00:00+08:00';
const minutesAfterT0 = (m: number) => new Date(Date.parse(T0) + m * 60_000).toISOString();
const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${from + i}×1`);

let t: TestDatabases;
const savedEnv = { ...process.env };
const runSync = () =>
  runJob(
    syncJob,
    createJobContext('schedule', () => {})
  );

beforeEach(async () => {
  t = await createTestDatabases();
  // The job reads its databases from the environment, as under `npm start`.
  Object.assign(process.env, {
    DATABASE_URL: t.urls.product,
    SOURCE_DATABASE_URL: t.urls.sourceReader,
    SOURCE_SCHEMA: 'approval'
  });
  await insertReferenceWorld(t.sourceWriter, T0);
  await addCases(t.sourceWriter, 1, 5, T0);
  expect((await runSync()).status).toBe('succeeded');
});
afterEach(async () => {
  await closeDatabases();
  process.env = { ...savedEnv };
  await t.destroy();
});

describe('the product database connection killed mid-sync', () => {
  it('fails the run with a Chinese reason in job_runs, keeps the data as before, and the next run completes once', async () => {
    await addCases(t.sourceWriter, 6, 9, minutesAfterT0(1));
    await slowDownEvents(t.urls.sourceWriter, 0.3);
    const before = await productFingerprint(t.db);

    const run = runSync();
    // The pass is inside its COPY of the events: the cases are upserted, nothing committed.
    await waitFor('the pass to copy the events', async () => {
      const active = await adminQuery(
        `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND application_name = 'oversight-sync-source'
           AND state = 'active' AND query LIKE 'COPY%case_events%'`,
        [t.names.source]
      );
      return active.rowCount;
    });
    const killed = await adminQuery(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = $1 AND application_name = 'oversight-sync'`,
      [t.names.product]
    );
    expect(killed.rowCount).toBe(1);

    const outcome = await run;
    expect(outcome.status).toBe('failed');
    const failed = (await jobRuns(t.db, 'sync')).at(-1)!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^同步中断：.+；本次同步未写入任何数据/);
    expect(await productFingerprint(t.db)).toEqual(before);

    await restoreEvents(t.urls.sourceWriter);
    expect((await runSync()).status).toBe('succeeded');
    expect(await copiesPerId(t.db, 'cases')).toEqual(ids(1, 9));
    expect(await copiesPerId(t.db, 'case_events')).toEqual(ids(1, 9));
  });
});

describe('the source unreachable for ten minutes, then back', () => {
  it('fails each run with a Chinese reason, shows the lag once the source answers, clears it after the next run, and brings every row once', async () => {
    const reader = () => createKysely<SourceDatabase>(t.urls.sourceReader, { max: 1 }).withSchema('approval');
    await adminQuery(`REVOKE CONNECT ON DATABASE "${t.names.source}" FROM approval_reader`);
    await adminQuery(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND usename = 'approval_reader'`,
      [t.names.source]
    );

    // Ten minutes of the bureau's work, one scheduled run a minute (time simulated: the
    // rows carry the minutes they were changed at; the runs follow each other at once).
    for (let minute = 1; minute <= 10; minute++) {
      await addCases(t.sourceWriter, 5 + minute, 5 + minute, minutesAfterT0(minute));
      if (minute === 4) {
        await t.sourceWriter
          .updateTable('cases')
          .set({ status: 'concluded', decision: 'approved', concluded_at: minutesAfterT0(4) })
          .set({ updated_at: minutesAfterT0(4) })
          .where('id', '=', '1')
          .execute();
      }
      if (minute % 3 === 0) {
        const outcome = await runSync();
        expect(outcome.status).toBe('failed');
        expect(outcome.error).toMatch(
          /^无法连接审批数据源（127\.0\.0\.1:\d+\/t_src_\w+）：permission denied/
        );
      }
    }
    const failures = (await jobRuns(t.db, 'sync')).filter((r) => r.status === 'failed');
    expect(failures).toHaveLength(3);
    expect(await copiesPerId(t.db, 'cases')).toEqual(ids(1, 5));

    // While it is away the health check cannot say how far behind the copy is.
    const away = reader();
    expect((await checkHealth(t.db, away)).source_lag_seconds).toBeNull();
    await away.destroy();

    await adminQuery(`GRANT CONNECT ON DATABASE "${t.names.source}" TO approval_reader`);
    const back = reader();
    try {
      // Back, not yet synced: ten minutes behind, on the status page and in the health check.
      const lagging = await readSyncStatus(t.db, back);
      expect(lagging.find((s) => s.relation === 'cases')?.lagSeconds).toBe(600);
      expect((await checkHealth(t.db, back)).source_lag_seconds).toBe(600);

      expect((await runSync()).status).toBe('succeeded');
      const caughtUp = await readSyncStatus(t.db, back);
      expect(caughtUp.find((s) => s.relation === 'cases')?.lagSeconds).toBe(0);
      expect(caughtUp.map((s) => s.lagSeconds ?? 0)).toEqual(caughtUp.map(() => 0));
      expect((await checkHealth(t.db, back)).source_lag_seconds).toBe(0);
    } finally {
      await back.destroy();
    }
    expect(await copiesPerId(t.db, 'cases')).toEqual(ids(1, 15));
    expect(await copiesPerId(t.db, 'case_events')).toEqual(ids(1, 15));
    const first = await t.db.selectFrom('cases').select('status').where('id', '=', '1').executeTakeFirst();
    expect(first?.status).toBe('concluded');
  });
});
