import type pg from 'pg';
import type { CalendarOverrides } from '../calendar/working-days';
import { computeClock } from '../clock/deadlines';
import { calendarIndex } from '../clock/day-index';
import { deferIndexesAndForeignKeys, type Deferred } from '../sync/bulk-load';
import { readCopyLines, writeCopyLines } from '../sync/copy';
import { ident } from '../sync/sql-text';
import { CLOCK_COLUMNS, clockInputQuery, formatClockLine, parseClockLine } from './clock-rows';

// Recomputes case_clock for a set of cases inside the caller's transaction, chunk by
// chunk: the input is read with COPY, the clock computed here (computeClock, without the
// trace), the results COPYed into a staging table and upserted. A row whose figures did
// not change is not rewritten, so recomputing twice on the same day writes nothing the
// second time. While PostgreSQL upserts one chunk, the next chunk is computed.

export interface RecomputeSettings {
  /** T, the bureau's local date 'YYYY-MM-DD'. */
  evaluationDate: string;
  calendar: CalendarOverrides;
  /** Cases per chunk (default 50,000). */
  chunkSize?: number;
  /** A first fill of at least this many cases drops and rebuilds case_clock's indexes (default 10,000). */
  bulkThreshold?: number;
}

export interface RecomputeResult {
  /** Cases whose clock was computed. */
  cases: number;
  /** case_clock rows inserted or changed. */
  changed: number;
  seconds: number;
}

const STAGE = 'pg_temp.clock_stage';
const COLUMN_LIST = CLOCK_COLUMNS.map(ident).join(', ');
const UPDATABLE = CLOCK_COLUMNS.filter((c) => c !== 'case_id');

const CREATE_STAGE = `
  CREATE TEMP TABLE IF NOT EXISTS clock_stage (
    case_id bigint, region_code text, open boolean, accepted_on date, promised_limit_days integer,
    promised_due_on date, promised_on_time boolean, promised_overdue boolean, statutory_days integer,
    extension_days integer, statutory_limit_days integer, statutory_due_on date, statutory_on_time boolean,
    statutory_overdue boolean, elapsed_days integer, remaining_days integer, processing_days integer,
    colour text, paused boolean, flags text[], stop_count integer, calendar_unconfirmed boolean,
    unconfirmed_years integer[], span_from date, span_to date, evaluated_on date
  ) ON COMMIT DROP`;

const UPSERT = `INSERT INTO case_clock (${COLUMN_LIST}, computed_at) SELECT ${COLUMN_LIST}, now() FROM ${STAGE}
  ON CONFLICT (case_id) DO UPDATE
  SET ${[...UPDATABLE, 'computed_at'].map((c) => `${ident(c)} = EXCLUDED.${ident(c)}`).join(', ')}
  WHERE (${UPDATABLE.map((c) => `case_clock.${ident(c)}`).join(', ')})
    IS DISTINCT FROM (${UPDATABLE.map((c) => `EXCLUDED.${ident(c)}`).join(', ')})`;

function* map<T, U>(items: readonly T[], fn: (item: T) => U): Generator<U> {
  for (const item of items) yield fn(item);
}

/** [lo, hi, n] of the next chunk of ids after `after`. */
async function nextChunk(
  client: pg.ClientBase,
  targets: string | null,
  after: string | null,
  size: number
): Promise<[string, string, number] | null> {
  const [table, column] = targets === null ? ['cases', 'id'] : [targets, 'case_id'];
  const result = await client.query<{ lo: string | null; hi: string | null; n: number }>(
    `SELECT min(${column})::text AS lo, max(${column})::text AS hi, count(*)::int AS n
     FROM (SELECT ${column} FROM ${table} ${after === null ? '' : `WHERE ${column} > $1`} ORDER BY ${column} LIMIT ${size}) x`,
    after === null ? [] : [after]
  );
  const { lo, hi, n } = result.rows[0];
  return n && lo !== null && hi !== null ? [lo, hi, n] : null;
}

/**
 * `targets`: a (temp) table with a case_id bigint primary key listing the cases, e.g.
 * pg_temp.sync_touched; null for every case.
 */
export async function recomputeListedCases(
  client: pg.ClientBase,
  targets: string | null,
  settings: RecomputeSettings
): Promise<RecomputeResult> {
  const started = Date.now();
  const index = calendarIndex(settings.calendar);
  const chunkSize = settings.chunkSize ?? 50_000;
  // Nothing computed yet (a first load): nothing to compare with, so the results go
  // straight into case_clock; otherwise through the staging table and the upsert.
  const fresh = !(await client.query('SELECT 1 FROM case_clock LIMIT 1')).rowCount;
  if (!fresh) {
    await client.query(CREATE_STAGE);
    await client.query(`TRUNCATE ${STAGE}`);
  }
  const compute = (line: string) => {
    const row = parseClockLine(line);
    return formatClockLine(
      row,
      computeClock(row.input, index, settings.evaluationDate, { trace: false }),
      index
    );
  };

  let deferred: Deferred | undefined;
  let cases = 0;
  let changed = 0;
  let staged = false; // a chunk waits in the staging table for its upsert
  for (let chunk = await nextChunk(client, targets, null, chunkSize); chunk;) {
    const [lo, hi, n] = chunk;
    if (fresh && !deferred && n >= (settings.bulkThreshold ?? 10_000)) {
      deferred = await deferIndexesAndForeignKeys(client, 'case_clock');
    }
    const dense = BigInt(n) * 2n >= BigInt(hi) - BigInt(lo) + 1n;
    const input: string[] = [];
    await readCopyLines(client, clockInputQuery(targets, lo, hi, dense), (line) => input.push(line));
    cases += input.length;
    if (fresh) {
      // PostgreSQL ingests each part while the next is computed.
      changed += await writeCopyLines(
        client,
        `COPY case_clock (${COLUMN_LIST}) FROM STDIN`,
        map(input, compute)
      );
    } else {
      // PostgreSQL upserts the previous chunk while this one is computed.
      const writing = staged ? client.query(UPSERT) : null;
      writing?.catch(() => {}); // awaited below; a failure of the computation must not leave it unhandled
      const lines = input.map(compute);
      if (writing) {
        changed += (await writing).rowCount ?? 0;
        await client.query(`TRUNCATE ${STAGE}`);
      }
      await writeCopyLines(client, `COPY ${STAGE} (${COLUMN_LIST}) FROM STDIN`, lines);
      staged = lines.length > 0;
    }
    chunk = await nextChunk(client, targets, hi, chunkSize);
  }
  if (staged) {
    changed += (await client.query(UPSERT)).rowCount ?? 0;
    await client.query(`TRUNCATE ${STAGE}`);
  }
  await deferred?.restore();
  return { cases, changed, seconds: (Date.now() - started) / 1000 };
}
