import type pg from 'pg';
import { readConfig } from '../config';
import { lockDerivedState, withProductTransaction } from '../sync/product-connection';
import { bureauToday } from './bureau-date';
import { loadCalendar } from './calendar.repository';
import { recomputeListedCases, type RecomputeResult } from './recompute';

// Recomputations of case_clock outside a sync pass: the daily refresh of open cases (their
// figures move with the date), and after a change of the calendar or of a matter's
// warning settings. Each runs in one transaction, on the caller's client (to commit the
// change and its consequences together) or on a new connection.

export interface RecomputeOptions {
  /** A client inside the caller's open transaction; else a new connection to databaseUrl. */
  client?: pg.ClientBase;
  /** Default: DATABASE_URL. */
  databaseUrl?: string;
  /** T, 'YYYY-MM-DD' (default: today in Asia/Shanghai). */
  evaluationDate?: string;
  chunkSize?: number;
}

/** Open cases, as the partial index cases_open_idx lists them. */
export const OPEN_CASES = `status IN ('received', 'accepted', 'suspended') OR (status = 'concluded' AND concluded_at IS NULL)`;

const TARGETS = 'pg_temp.clock_targets';

/** `fillTargets`: a SELECT of case ids; null for every case. */
async function recomputeWhere(
  options: RecomputeOptions,
  fillTargets: string | null,
  params: unknown[] = []
): Promise<RecomputeResult> {
  const run = async (client: pg.ClientBase) => {
    await lockDerivedState(client);
    if (fillTargets !== null) {
      await client.query(
        `CREATE TEMP TABLE IF NOT EXISTS clock_targets (case_id bigint PRIMARY KEY) ON COMMIT DROP`
      );
      await client.query(`TRUNCATE ${TARGETS}`);
      await client.query(`INSERT INTO ${TARGETS} (case_id) ${fillTargets} ON CONFLICT DO NOTHING`, params);
      await client.query(`ANALYZE ${TARGETS}`);
    }
    return recomputeListedCases(client, fillTargets === null ? null : TARGETS, {
      evaluationDate: options.evaluationDate ?? bureauToday(),
      calendar: await loadCalendar(client),
      chunkSize: options.chunkSize
    });
  };
  if (options.client) return run(options.client);
  return withProductTransaction(options.databaseUrl ?? readConfig().databaseUrl, run, 'oversight-recompute');
}

/** The daily refresh: every open case, evaluated on today's date. */
export function refreshOpenCaseClocks(options: RecomputeOptions = {}): Promise<RecomputeResult> {
  return recomputeWhere(options, `SELECT id FROM cases WHERE ${OPEN_CASES}`);
}

/** Every case (or the first `limit` by id): after a rule change, and for the benchmark. */
export function recomputeAllCaseClocks(
  options: RecomputeOptions & { limit?: number } = {}
): Promise<RecomputeResult> {
  if (options.limit === undefined) return recomputeWhere(options, null);
  return recomputeWhere(
    options,
    `SELECT id FROM cases ORDER BY id LIMIT ${Math.max(0, Math.floor(options.limit))}`
  );
}

/**
 * After calendar days changed (added, removed, switched between holiday and make-up day):
 * every case whose clock depends on one of those dates, open or concluded.
 */
export function recomputeForDates(
  dates: readonly string[],
  options: RecomputeOptions = {}
): Promise<RecomputeResult> {
  for (const date of dates) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not a date 'YYYY-MM-DD': ${date}`);
  }
  return recomputeWhere(
    options,
    `SELECT k.case_id FROM case_clock k
     WHERE EXISTS (SELECT 1 FROM unnest($1::date[]) d WHERE d BETWEEN k.span_from AND k.span_to)`,
    [dates]
  );
}

/** After a change over a range of dates, e.g. a year confirmed or its notice replaced. */
export function recomputeForDateRange(
  from: string,
  to: string,
  options: RecomputeOptions = {}
): Promise<RecomputeResult> {
  return recomputeWhere(
    options,
    `SELECT case_id FROM case_clock WHERE span_from <= $2::date AND span_to >= $1::date`,
    [from, to]
  );
}

/** After the warning settings of matters changed: their open cases (the lights). */
export function recomputeForMatters(
  matterIds: readonly number[],
  options: RecomputeOptions = {}
): Promise<RecomputeResult> {
  return recomputeWhere(
    options,
    `SELECT id FROM cases WHERE matter_id = ANY ($1::int[]) AND (${OPEN_CASES})`,
    [matterIds]
  );
}
