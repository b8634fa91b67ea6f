import type pg from 'pg';
import type { RelationPassStats, RelationContext } from './relation-pass';
import type { RelationSpec } from './relations';
import {
  BAD,
  CASE_NO_HASH_SHARED,
  deleteBadRows,
  FIND_DUPLICATE_CASE_NOS,
  FIND_DUPLICATE_CASE_NOS_LOADED,
  findBadRows,
  recordQuarantine,
  resolveQuarantine,
  STAGE
} from './statements';

// The checks of the rows read (docs/rules/sync.md, "Checks and quarantine"): the bad ones
// go to sync_quarantine with their reasons and are removed; quarantine entries whose row
// was read again without that fault are resolved.

/** Quarantined ids to read again by id, per relation (the most recently seen first). */
export async function readRetryIds(product: pg.ClientBase, limit: number): Promise<Map<string, string[]>> {
  const result = await product.query<{ relation: string; ids: string[] }>(
    `SELECT relation, (array_agg(source_id ORDER BY seen DESC))[1:$1] AS ids
     FROM (SELECT relation, source_id, max(last_seen_at) AS seen FROM sync_quarantine
           WHERE resolved_at IS NULL AND source_id ~ '^-?[0-9]{1,18}$' GROUP BY relation, source_id) q
     GROUP BY relation`,
    [limit]
  );
  return new Map(result.rows.map((row) => [row.relation, row.ids]));
}

/** Row estimates for the joins of the checks; a small sample is enough. */
export async function analyzeSample(product: pg.ClientBase, table: string): Promise<void> {
  await product.query(
    `SET LOCAL default_statistics_target = 10; ANALYZE ${table}; SET LOCAL default_statistics_target TO DEFAULT`
  );
}

/**
 * Checks the rows read (in `from`, with the checks of `spec`): quarantines the bad ones
 * with their reasons and removes them from `from`, resolves quarantine entries that no
 * longer apply. Returns the ids removed.
 */
export async function checkRows(
  ctx: RelationContext,
  spec: RelationSpec,
  from: string,
  stats: RelationPassStats
): Promise<string[]> {
  const { product, retryIds } = ctx;
  const newest = await product.query<{ newest: string | null }>(
    `SELECT max(updated_at)::text AS newest FROM ${from}`
  );
  stats.newestRead = newest.rows[0].newest;
  await product.query(`TRUNCATE ${BAD}`);
  await product.query(findBadRows(spec, from));
  if (spec.relation === 'cases') {
    if (from === STAGE) await product.query(FIND_DUPLICATE_CASE_NOS);
    else if ((await product.query(CASE_NO_HASH_SHARED)).rowCount) {
      await product.query(FIND_DUPLICATE_CASE_NOS_LOADED);
    }
  }
  const bad = await product.query<{ rows: number; faults: number }>(
    `SELECT count(DISTINCT coalesce(id::text, ''))::int AS rows, count(*)::int AS faults FROM ${BAD}`
  );
  let removed: string[] = [];
  if (bad.rows[0].faults > 0) {
    stats.quarantined = bad.rows[0].rows;
    const recorded = await product.query<{ inserted: boolean }>(recordQuarantine(spec));
    stats.newFaults = recorded.rows.filter((row) => row.inserted).length;
    const deleted = await product.query<{ id: string | null }>(`${deleteBadRows(from)} RETURNING id::text`);
    removed = deleted.rows.flatMap((row) => (row.id === null ? [] : [row.id]));
  }
  if (retryIds.length > 0) {
    const resolved = await product.query(resolveQuarantine(spec, from), [retryIds]);
    stats.resolved = resolved.rowCount ?? 0;
  }
  return removed;
}
