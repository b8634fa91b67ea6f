import type { Kysely } from 'kysely';
import pg from 'pg';
import type { Database, JobRunStatus } from '../../src/lib/server/db/database';
import type { SourceDatabase } from '../../src/lib/server/source/source-tables';
import { insertCase, insertEvents } from './sync-fixtures';

// Tools of the fault tests (tests/faults, tests/db/sync-faults): a slow source relation to
// catch a pass in the middle, waiting for a condition, and reading job_runs.

async function onSource<T>(superuserUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Replaces approval.case_events by a view that sleeps per row, like a slow vendor view:
 * a pass then stays inside its COPY of the events (its product transaction open, the
 * cases already upserted) for about rows × seconds.
 */
export async function slowDownEvents(superuserSourceUrl: string, secondsPerRow = 0.5): Promise<void> {
  await onSource(superuserSourceUrl, async (client) => {
    await client.query(`ALTER TABLE approval.case_events RENAME TO case_events_data`);
    await client.query(
      `CREATE VIEW approval.case_events AS SELECT e.* FROM approval.case_events_data e,
         LATERAL (SELECT pg_sleep(${secondsPerRow})) s`
    );
    await client.query(`GRANT SELECT ON approval.case_events TO approval_reader`);
  });
}

export async function restoreEvents(superuserSourceUrl: string): Promise<void> {
  await onSource(superuserSourceUrl, async (client) => {
    await client.query(`DROP VIEW approval.case_events`);
    await client.query(`ALTER TABLE approval.case_events_data RENAME TO case_events`);
  });
}

/** Polls until `check` returns a truthy value (every 100 ms), or throws after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | false | null | undefined | 0>,
  timeoutMs = 60_000
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface RunRow {
  id: string;
  status: JobRunStatus;
  error: string | null;
  pid: number;
}

export async function jobRuns(db: Kysely<Database>, name: string): Promise<RunRow[]> {
  return db
    .selectFrom('job_runs')
    .select(['id', 'status', 'error', 'pid'])
    .where('job_name', '=', name)
    .orderBy('id')
    .execute();
}

/** Cases `from`..`to`, each with an `accepted` event of the same id, changed at `at`. */
export async function addCases(
  writer: Kysely<SourceDatabase>,
  from: number,
  to: number,
  at: string
): Promise<void> {
  for (let id = from; id <= to; id++) {
    await insertCase(writer, { id, receivedAt: at, updatedAt: at });
    await insertEvents(writer, [{ id, caseId: id, kind: 'accepted', at }]);
  }
}

/** Each synced case and event exactly once: ids → how many rows carry them (all must be 1). */
export async function copiesPerId(db: Kysely<Database>, table: 'cases' | 'case_events') {
  const rows = await db
    .selectFrom(table)
    .select(['id', db.fn.countAll<string>().as('n')])
    .groupBy('id')
    .orderBy('id')
    .execute();
  return rows.map((r) => `${r.id}×${r.n}`);
}
