import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database';
import { SOURCE_RELATIONS, type SourceDatabase, type SourceRelation } from '../source/source-tables';

// How far the product's copy is behind the source, per relation: the watermark the last
// committed pass stored against the newest updated_at the source has now.

export interface RelationSyncStatus {
  relation: SourceRelation;
  rowsSynced: number;
  watermark: Date | null;
  lastPassAt: Date | null;
  /** Source's newest updated_at minus the watermark, in seconds (0 when caught up); null if never synced or unknown. */
  lagSeconds: number | null;
  /** Quarantined rows not yet resolved. */
  quarantined: number;
}

export async function readSyncStatus(
  db: Kysely<Database>,
  source: Kysely<SourceDatabase> | null
): Promise<RelationSyncStatus[]> {
  const [marks, faults] = await Promise.all([
    db
      .selectFrom('sync_watermarks')
      .select(['relation', 'watermark', 'rows_synced', 'last_pass_at'])
      .execute(),
    db
      .selectFrom('sync_quarantine')
      .select(['relation', sql<string>`count(*)`.as('n')])
      .where('resolved_at', 'is', null)
      .groupBy('relation')
      .execute()
  ]);
  const newest = source ? await newestPerRelation(source) : new Map<string, Date | null>();
  return SOURCE_RELATIONS.map((relation) => {
    const mark = marks.find((m) => m.relation === relation);
    const sourceNewest = newest.get(relation) ?? null;
    const lag =
      mark?.watermark && sourceNewest
        ? Math.max(0, Math.round((sourceNewest.getTime() - mark.watermark.getTime()) / 1000))
        : mark?.watermark && source && !sourceNewest
          ? 0
          : null;
    return {
      relation,
      rowsSynced: Number(mark?.rows_synced ?? 0),
      watermark: mark?.watermark ?? null,
      lastPassAt: mark?.last_pass_at ?? null,
      lagSeconds: lag,
      quarantined: Number(faults.find((f) => f.relation === relation)?.n ?? 0)
    };
  });
}

/** max(updated_at) of every relation, each an index-only lookup on (updated_at, id). */
async function newestPerRelation(source: Kysely<SourceDatabase>): Promise<Map<string, Date | null>> {
  const rows = await Promise.all(
    SOURCE_RELATIONS.map(async (relation) => {
      const row = await source
        .selectFrom(relation)
        .select((eb) => eb.fn.max('updated_at').as('newest'))
        .executeTakeFirst();
      return [relation, (row?.newest as Date | null) ?? null] as const;
    })
  );
  return new Map(rows);
}

/** The lag of the whole copy: the worst relation; null when nothing was ever synced. */
export function overallLagSeconds(statuses: readonly RelationSyncStatus[]): number | null {
  const known = statuses.map((s) => s.lagSeconds).filter((l): l is number => l !== null);
  return known.length ? Math.max(...known) : null;
}
