import type { Kysely } from 'kysely';
import type { Database, JobRunStatus } from '../db/database';
import type { SourceDatabase } from '../source/source-tables';
import { listLatestRunPerJob, findNewestSourceChange } from './status.repository';
import { attempt } from './status.service';

// The body of GET /api/v1/health (shared/spec/interfaces.md), in the API's snake_case.

export interface HealthJob {
  name: string;
  /** ISO 8601 instant (UTC). */
  last_started_at: string;
  last_status: JobRunStatus;
  last_error: string | null;
}

export interface HealthReport {
  database: 'ok' | 'error';
  jobs: HealthJob[];
  source_lag_seconds: number | null;
  /** Only when database is 'error': the API's error shape, next to the fields above. */
  error?: { code: 'database_unavailable'; message: string };
}

/**
 * Seconds from the source's newest change to `now`. For now this measures how fresh
 * the approval system itself is (its newest case `updated_at`); once the sync job
 * exists, it is to be redefined as the lag of the product's synced copy.
 */
export function sourceLagSeconds(newestChange: Date | null, now: Date): number | null {
  if (!newestChange) return null;
  // A source clock ahead of ours is not negative lag: the copy cannot be fresher than now.
  return Math.max(0, Math.round((now.getTime() - newestChange.getTime()) / 1000));
}

export async function checkHealth(
  db: Kysely<Database>,
  source: Kysely<SourceDatabase>,
  now: () => Date = () => new Date()
): Promise<HealthReport> {
  const [runs, newest] = await Promise.all([
    attempt(() => listLatestRunPerJob(db)),
    attempt(() => findNewestSourceChange(source))
  ]);
  // The source being down is not the product being down: it only leaves the lag unknown.
  const source_lag_seconds = newest.ok ? sourceLagSeconds(newest.value, now()) : null;
  if (!runs.ok) {
    return {
      database: 'error',
      jobs: [],
      source_lag_seconds,
      error: { code: 'database_unavailable', message: `产品数据库不可用：${runs.error}` }
    };
  }
  return {
    database: 'ok',
    jobs: runs.value.map((run) => ({
      name: run.jobName,
      last_started_at: run.startedAt.toISOString(),
      last_status: run.status,
      last_error: run.error
    })),
    source_lag_seconds
  };
}
