import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext, JobDefinition } from '../../src/lib/server/jobs/job';
import { runJob } from '../../src/lib/server/jobs/run-job';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('running a job', () => {
  let t: TestDatabases;
  let context: JobContext;
  beforeAll(async () => {
    t = await createTestDatabases();
    context = { db: t.db, source: t.source, trigger: 'manual', log: () => {} };
  });
  afterAll(() => t.destroy());

  it('never overlaps: a second concurrent run skips, and both runs are recorded', async () => {
    const entered = deferred();
    const release = deferred();
    let active = 0;
    let maxActive = 0;
    const slow: JobDefinition = {
      name: 'slow-test-job',
      title: '测试',
      async run() {
        active++;
        maxActive = Math.max(maxActive, active);
        entered.resolve();
        await release.promise;
        active--;
        return { rowsTouched: 7 };
      }
    };
    const first = runJob(slow, context);
    await entered.promise;
    const second = await runJob(slow, context);
    release.resolve();
    const firstOutcome = await first;

    expect(firstOutcome.status).toBe('succeeded');
    expect(second.status).toBe('skipped');
    expect(maxActive).toBe(1);
    const runs = await t.db
      .selectFrom('job_runs')
      .select(['status', 'rows_touched', 'finished_at'])
      .where('job_name', '=', 'slow-test-job')
      .orderBy('id')
      .execute();
    expect(runs.map((r) => r.status).sort()).toEqual(['skipped', 'succeeded']);
    expect(runs.find((r) => r.status === 'succeeded')?.rows_touched).toBe('7');
    expect(runs.every((r) => r.finished_at !== null)).toBe(true);
  });

  it('runs again once the previous run has finished (the lock is released)', async () => {
    const quick: JobDefinition = {
      name: 'quick-test-job',
      title: '测试',
      run: async () => ({ rowsTouched: 1 })
    };
    expect((await runJob(quick, context)).status).toBe('succeeded');
    expect((await runJob(quick, context)).status).toBe('succeeded');
  });

  it('records a failure with its error and releases the lock', async () => {
    const failing: JobDefinition = {
      name: 'failing-test-job',
      title: '测试',
      run: async () => {
        throw new Error('数据源不可达');
      }
    };
    const outcome = await runJob(failing, context);
    expect(outcome).toMatchObject({ status: 'failed', error: '数据源不可达' });
    const run = await t.db
      .selectFrom('job_runs')
      .selectAll()
      .where('id', '=', outcome.runId)
      .executeTakeFirstOrThrow();
    expect(run.status).toBe('failed');
    expect(run.error).toBe('数据源不可达');
    expect(run.finished_at).not.toBeNull();
    expect((await runJob(failing, context)).status).toBe('failed'); // not 'skipped'
  });

  it('hands the job the id of its own run record', async () => {
    let seen: string | undefined;
    const job: JobDefinition = {
      name: 'run-id-test-job',
      title: '测试',
      run: async ({ runId }) => {
        seen = runId;
        return { rowsTouched: 0 };
      }
    };
    const outcome = await runJob(job, context);
    expect(seen).toBe(outcome.runId);
  });
});
