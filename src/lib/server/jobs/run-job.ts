import { sql } from 'kysely';
import os from 'node:os';
import type { JobRunStatus } from '../db/database';
import type { JobContext, JobDefinition } from './job';

// Runs a job once under a PostgreSQL advisory lock and records the run. The lock is a
// session lock held on one dedicated connection: if the process dies, PostgreSQL drops
// the connection and with it the lock, so a crashed run never blocks the next one.
// A process killed mid-run (kill -9, a machine lost) cannot mark its own row: the next run
// that takes the lock marks every 'running' row of that job as failed. Holding the lock
// proves no other run of the job is alive, so those rows belong to dead holders.

/** The reason written into the row of a run whose process died before it could finish. */
export const ABANDONED_RUN_ERROR = '运行中断：执行该任务的进程已退出（被终止或连接丢失），本次运行未完成';

export interface JobRunOutcome {
  runId: string;
  status: Exclude<JobRunStatus, 'running'>;
  rowsTouched: number;
  error?: string;
}

/** The advisory-lock key of a job: a stable 64-bit hash of its name, namespaced. */
export function jobLockKey(name: string) {
  return sql<string>`hashtextextended(${'oversight-job:' + name}, 0)`;
}

/**
 * Writes a run's outcome, retrying for a few seconds: a job that failed because the
 * database restarted would otherwise find it still down and leave its row 'running'.
 * (If it stays down, the next run marks the row as abandoned.)
 */
async function persist(write: () => Promise<unknown>, attempts = 15): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await write();
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

export async function runJob(job: JobDefinition, context: JobContext): Promise<JobRunOutcome> {
  const { db } = context;
  return db.connection().execute(async (conn) => {
    const locked = await sql<{
      ok: boolean;
    }>`SELECT pg_try_advisory_lock(${jobLockKey(job.name)}) AS ok`.execute(conn);
    const base = { job_name: job.name, trigger: context.trigger, host: os.hostname(), pid: process.pid };
    if (!locked.rows[0].ok) {
      const skipped = await db
        .insertInto('job_runs')
        .values({
          ...base,
          status: 'skipped',
          finished_at: new Date(),
          message: '上一次运行尚未结束，本次跳过'
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      context.log(`${job.name}: skipped, another run holds the lock`);
      return { runId: skipped.id, status: 'skipped', rowsTouched: 0 };
    }
    try {
      await db
        .updateTable('job_runs')
        .set({ status: 'failed', finished_at: new Date(), error: ABANDONED_RUN_ERROR })
        .where('job_name', '=', job.name)
        .where('status', '=', 'running')
        .execute();
      const run = await db
        .insertInto('job_runs')
        .values({ ...base, status: 'running' })
        .returning('id')
        .executeTakeFirstOrThrow();
      try {
        const result = await job.run({ ...context, runId: run.id });
        await persist(() =>
          db
            .updateTable('job_runs')
            .set({
              status: 'succeeded',
              finished_at: new Date(),
              rows_touched: result.rowsTouched,
              message: result.message ?? null
            })
            .where('id', '=', run.id)
            .execute()
        );
        return { runId: run.id, status: 'succeeded', rowsTouched: result.rowsTouched };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        context.log(`${job.name}: failed: ${message}`);
        await persist(() =>
          db
            .updateTable('job_runs')
            .set({ status: 'failed', finished_at: new Date(), error: message })
            .where('id', '=', run.id)
            .execute()
        );
        return { runId: run.id, status: 'failed', rowsTouched: 0, error: message };
      }
    } finally {
      // A lock connection that broke (the database restarted) has released the lock already.
      await sql`SELECT pg_advisory_unlock(${jobLockKey(job.name)})`.execute(conn).catch(() => {});
    }
  });
}
