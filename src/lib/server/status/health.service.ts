import type { Kysely } from 'kysely';
import type { Database, JobRunStatus } from '../db/database';
import type { SourceDatabase } from '../source/source-tables';
import { listLatestRunPerJob } from './status.repository';
import { attempt } from './status.service';
import { overallLagSeconds, readSyncStatus } from './sync-status.repository';

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

export async function checkHealth(
  db: Kysely<Database>,
  source: Kysely<SourceDatabase>
): Promise<HealthReport> {
  const [runs, sync] = await Promise.all([
    attempt(() => listLatestRunPerJob(db)),
    attempt(() => readSyncStatus(db, source))
  ]);
  // How far the synced copy is behind the source: the source's newest updated_at minus
  // the watermark of the last committed pass, worst relation; null before the first sync
  // or while the source is unreachable (the source being down is not the product being down).
  const source_lag_seconds = sync.ok ? overallLagSeconds(sync.value) : null;
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
