import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database';

// Marking rollup days stale. Triggers do it for every ordinary write (see the migration
// 20261125030000_kpi_rollups); a bulk load that disables them calls this instead.

/** Every day from the first case received to the last case or rating: a full rebuild. */
export async function markAllKpiDaysDirty(db: Kysely<Database>): Promise<void> {
  await sql`
    INSERT INTO kpi_dirty_days (day)
    SELECT generate_series(
      (SELECT (min(received_at) AT TIME ZONE 'Asia/Shanghai')::date FROM cases),
      greatest(
        (SELECT (max(received_at) AT TIME ZONE 'Asia/Shanghai')::date FROM cases),
        (SELECT (max(concluded_at) AT TIME ZONE 'Asia/Shanghai')::date FROM cases),
        (SELECT (max(rated_at) AT TIME ZONE 'Asia/Shanghai')::date FROM ratings),
        (SELECT (max(received_at) AT TIME ZONE 'Asia/Shanghai')::date FROM complaints)),
      interval '1 day')::date
    ON CONFLICT DO NOTHING`.execute(db);
  // The flag counts' triggers were off too: the next refresh recounts them.
  await sql`UPDATE kpi_rollup_state SET flags_stale = true WHERE id = 1`.execute(db);
}
