import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database';
import { markAllKpiDaysDirty } from './rollup-dirty';
import { recomputeDaysStatements } from './rollup-facts';
import { REBUILD_NOW, RECOUNT_FLAGS } from './rollup-now';

// Brings the KPI rollups up to date: the days marked stale are recomputed and kpi_now is
// rebuilt, all in one transaction (a failure leaves the old sums and the stale marks, so
// the next refresh retries). Called after each sync pass and the daily refresh.

/** Days recomputed per statement: bounds the memory of a full rebuild. */
const DAYS_PER_STATEMENT = 31;

export interface RollupRefreshResult {
  days: number;
  seconds: number;
}

export async function refreshKpiRollups(
  db: Kysely<Database>,
  options: { everything?: boolean } = {}
): Promise<RollupRefreshResult> {
  const started = performance.now();
  const days = await db.transaction().execute(async (trx) => {
    // Two refreshers (the sync and the daily refresh) take turns.
    await sql`SELECT pg_advisory_xact_lock(hashtext('kpi-rollup-refresh'))`.execute(trx);
    if (options.everything) await markAllKpiDaysDirty(trx);
    const stale = await sql<{ day: string }>`
      DELETE FROM kpi_dirty_days RETURNING to_char(day, 'YYYY-MM-DD') AS day`.execute(trx);
    const list = stale.rows.map((row) => row.day).sort();
    for (let i = 0; i < list.length; i += DAYS_PER_STATEMENT) {
      for (const statement of recomputeDaysStatements(list.slice(i, i + DAYS_PER_STATEMENT))) {
        await statement.execute(trx);
      }
    }
    for (const statement of REBUILD_NOW) await statement.execute(trx);
    const state = await trx
      .selectFrom('kpi_rollup_state')
      .select('flags_stale')
      .where('id', '=', 1)
      .executeTakeFirst();
    if (state?.flags_stale) for (const statement of RECOUNT_FLAGS) await statement.execute(trx);
    await trx
      .updateTable('kpi_rollup_state')
      .set({ refreshed_at: new Date(), days_refreshed: list.length })
      .where('id', '=', 1)
      .execute();
    return list.length;
  });
  return { days, seconds: (performance.now() - started) / 1000 };
}
