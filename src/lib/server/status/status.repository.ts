import { sql, type Kysely } from 'kysely';
import type { Database, JobRunStatus, JobTrigger } from '../db/database';
import { SOURCE_RELATIONS, type SourceDatabase, type SourceRelation } from '../source/source-tables';

// Queries behind the system status page and GET /api/v1/health. Every function takes
// its database first; errors propagate (status.service.ts turns them into messages).

export interface JobRunRow {
  id: string;
  jobName: string;
  trigger: JobTrigger;
  status: JobRunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  rowsTouched: number;
  message: string | null;
  error: string | null;
}

export type RowCountMethod = 'exact' | 'estimate' | 'missing' | 'unavailable';

export interface RelationRowCount {
  relation: SourceRelation;
  /** null when the relation is missing or could not be counted. */
  rows: number | null;
  method: RowCountMethod;
  /** Why a count is missing (a timeout, a permission error), in the database's words. */
  note?: string;
}

export interface RowCountOptions {
  /** Tables whose planner estimate reaches this size are not counted exactly. */
  exactBelow?: number;
  /** Upper bound for one exact count; a slow view falls back to its estimate, if any. */
  timeoutMs?: number;
}

export interface ServerInfo {
  /** e.g. `18.4`. */
  serverVersion: string;
  /** The database the connection landed in (a name, no host or credentials). */
  database: string;
}

/** Which server and database a connection reaches; also the cheapest reachability check. */
export async function readServerInfo(db: Kysely<any>): Promise<ServerInfo> {
  const result = await sql<ServerInfo>`
    SELECT current_setting('server_version') AS "serverVersion", current_database() AS database
  `.execute(db);
  return result.rows[0];
}

export async function schemaExists(db: Kysely<any>, schema: string): Promise<boolean> {
  const result = await sql<{ found: boolean }>`
    SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ${schema}) AS found
  `.execute(db);
  return result.rows[0].found;
}

function selectJobRuns(db: Kysely<Database>) {
  return db
    .selectFrom('job_runs')
    .select([
      'id',
      'job_name as jobName',
      'trigger',
      'status',
      'started_at as startedAt',
      'finished_at as finishedAt',
      'rows_touched as rowsTouched',
      'message',
      'error'
    ]);
}

// rows_touched is int8, which pg returns as a string.
const withNumericRows = (rows: (Omit<JobRunRow, 'rowsTouched'> & { rowsTouched: string })[]): JobRunRow[] =>
  rows.map((row) => ({ ...row, rowsTouched: Number(row.rowsTouched) }));

/** The newest runs of all jobs, newest first. */
export async function listRecentJobRuns(db: Kysely<Database>, limit = 50): Promise<JobRunRow[]> {
  const rows = await selectJobRuns(db)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return withNumericRows(rows);
}

/** The latest run of each job that has ever run, by job name. */
export async function listLatestRunPerJob(db: Kysely<Database>): Promise<JobRunRow[]> {
  const rows = await selectJobRuns(db)
    .distinctOn('job_name')
    .orderBy('job_name')
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return withNumericRows(rows);
}

/** The source's newest change: the latest `updated_at` of any case (indexed), or null when empty. */
export async function findNewestSourceChange(source: Kysely<SourceDatabase>): Promise<Date | null> {
  const row = await source
    .selectFrom('cases')
    .select((eb) => eb.fn.max('updated_at').as('newest'))
    .executeTakeFirst();
  return row?.newest ?? null;
}

interface CatalogEntry {
  relname: string;
  relkind: string;
  /** -1 when never analysed (PostgreSQL 14+); 0 for views. */
  reltuples: number;
}

async function exactCount(source: Kysely<any>, schema: string, relation: string, timeoutMs: number) {
  return source.transaction().execute(async (trx) => {
    // set_config(…, true) is SET LOCAL: the timeout ends with this transaction.
    await sql`SELECT set_config('statement_timeout', ${String(timeoutMs)}, true)`.execute(trx);
    const result = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.id(schema, relation)}`.execute(
      trx
    );
    return Number(result.rows[0].n);
  });
}

/**
 * Rows per contract relation. count(*) on 2 million events takes seconds, so tables the
 * planner already knows to be large show pg_class.reltuples (kept fresh by autovacuum's
 * ANALYZE) and are marked as estimates; small or never-analysed tables and views are
 * counted exactly, each within a time limit.
 */
export async function countSourceRows(
  source: Kysely<any>,
  schema: string,
  { exactBelow = 200_000, timeoutMs = 3_000 }: RowCountOptions = {}
): Promise<RelationRowCount[]> {
  const catalog = await sql<CatalogEntry>`
    SELECT c.relname, c.relkind::text AS relkind, c.reltuples::float8 AS reltuples
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${schema} AND c.relname = ANY(${[...SOURCE_RELATIONS]}::text[])
  `.execute(source);
  const byName = new Map(catalog.rows.map((entry) => [entry.relname, entry]));

  return Promise.all(
    SOURCE_RELATIONS.map(async (relation): Promise<RelationRowCount> => {
      const entry = byName.get(relation);
      if (!entry) return { relation, rows: null, method: 'missing' };
      const isTable = entry.relkind === 'r' || entry.relkind === 'm';
      const estimate = isTable && entry.reltuples >= 0 ? Math.round(entry.reltuples) : null;
      if (estimate !== null && estimate >= exactBelow)
        return { relation, rows: estimate, method: 'estimate' };
      try {
        return { relation, rows: await exactCount(source, schema, relation, timeoutMs), method: 'exact' };
      } catch (error) {
        const note = error instanceof Error ? error.message : String(error);
        if (estimate !== null) return { relation, rows: estimate, method: 'estimate', note };
        return { relation, rows: null, method: 'unavailable', note };
      }
    })
  );
}
