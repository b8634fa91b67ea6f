import type { Kysely } from 'kysely';
import type { Database } from '../db/database';

// How current the figures are (shared/spec/kpis.md: "a figure whose source data is older
// than two sync intervals is shown with the time of the last successful sync").

/** The sync runs every minute (jobs/schedule.ts). */
export const SYNC_INTERVAL_MS = 60_000;

export interface Freshness {
  lastSyncAt: Date | null;
  rollupsAt: Date | null;
  /** Older than two sync intervals (or never synced). */
  stale: boolean;
}

export async function loadFreshness(db: Kysely<Database>, now = new Date()): Promise<Freshness> {
  // A committed pass stamps its relations, whether the job or a command ran it.
  const [sync, state] = await Promise.all([
    db
      .selectFrom('sync_watermarks')
      .select((eb) => eb.fn.max('last_pass_at').as('finished_at'))
      .executeTakeFirst(),
    db.selectFrom('kpi_rollup_state').select('refreshed_at').where('id', '=', 1).executeTakeFirst()
  ]);
  const lastSyncAt = sync?.finished_at ?? null;
  return {
    lastSyncAt,
    rollupsAt: state?.refreshed_at ?? null,
    stale: lastSyncAt === null || now.getTime() - lastSyncAt.getTime() > 2 * SYNC_INTERVAL_MS
  };
}
