import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncJob } from '../../jobs/sync';
import { closeDatabases } from '../../src/lib/server/db/index';
import { createJobContext } from '../../src/lib/server/jobs/job-context';
import { runJob } from '../../src/lib/server/jobs/run-job';
import { addCases, copiesPerId, jobRuns, restoreEvents, slowDownEvents, waitFor } from '../helpers/faults';
import { startOwnCluster, type OwnCluster } from '../helpers/own-cluster';
import { insertReferenceWorld, productFingerprint } from '../helpers/sync-fixtures';

// Issue #9: the product's database restarted (a real shutdown of the PostgreSQL server and
// a start on the same data) while a sync pass has its transaction open.

const T0 = '2025-03-03T09:00:00+08:00';
const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${from + i}×1`);

let own: OwnCluster;
const savedEnv = { ...process.env };
const runSync = () =>
  runJob(
    syncJob,
    createJobContext('schedule', () => {})
  );

beforeAll(async () => {
  own = await startOwnCluster();
  Object.assign(process.env, {
    DATABASE_URL: own.urls.product,
    SOURCE_DATABASE_URL: own.urls.sourceReader,
    SOURCE_SCHEMA: 'approval'
  });
  await insertReferenceWorld(own.sourceWriter, T0);
  await addCases(own.sourceWriter, 1, 5, T0);
  expect((await runSync()).status).toBe('succeeded');
});
afterAll(async () => {
  await closeDatabases();
  process.env = { ...savedEnv };
  await own?.destroy();
});

async function activeEventCopy(): Promise<boolean> {
  const client = new pg.Client({ connectionString: own.cluster.url('postgres') });
  await client.connect();
  try {
    const active = await client.query(
      `SELECT 1 FROM pg_stat_activity WHERE application_name = 'oversight-sync-source'
         AND state = 'active' AND query LIKE 'COPY%case_events%'`
    );
    return (active.rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

describe('the product database restarted mid-sync', () => {
  it('fails the run cleanly (job_runs says why), keeps the data as before, and the next run completes with no loss and no duplicate', async () => {
    await addCases(own.sourceWriter, 6, 9, '2025-03-03T09:05:00+08:00');
    await slowDownEvents(own.urls.sourceWriter, 0.3);
    const before = await productFingerprint(own.db);

    const run = runSync();
    await waitFor('the pass to copy the events', activeEventCopy);
    // Down for a moment; the run's bookkeeping waits for it to come back.
    await own.restart(() => new Promise((resolve) => setTimeout(resolve, 1_000)));

    const outcome = await run;
    expect(outcome.status).toBe('failed');
    const failed = (await jobRuns(own.db, 'sync')).at(-1)!;
    expect(failed).toMatchObject({ status: 'failed' });
    expect(failed.error).toMatch(/^同步中断：.+；本次同步未写入任何数据/);
    expect(await productFingerprint(own.db)).toEqual(before);

    await restoreEvents(own.urls.sourceWriter);
    const next = await runSync();
    expect(next.status).toBe('succeeded');
    expect((await jobRuns(own.db, 'sync')).map((r) => r.status)).toEqual([
      'succeeded',
      'failed',
      'succeeded'
    ]);
    expect(await copiesPerId(own.db, 'cases')).toEqual(ids(1, 9));
    expect(await copiesPerId(own.db, 'case_events')).toEqual(ids(1, 9));
  });
});
