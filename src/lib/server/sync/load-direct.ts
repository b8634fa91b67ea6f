import type pg from 'pg';
import { deferIndexesAndForeignKeys } from './bulk-load';
import { checkRows } from './check-rows';
import { pipeCopy } from './copy';
import {
  copyIntoTable,
  DIRECT_LOAD,
  directLoadSpec,
  directSourceQuery,
  DISTRICT_REGION,
  PRODUCT_COLUMN_TYPES,
  REGION_FROM_REFERENCES
} from './direct-load';
import {
  directLoadFailure,
  emptyStats,
  isEmpty,
  type RelationContext,
  type RelationPassStats
} from './relation-pass';
import { TOUCHED } from './statements';

// A large relation's first load: COPY straight into its empty table (its indexes, primary
// key and foreign keys dropped meanwhile), check the rows there, delete the bad ones. On a
// first load of the product the indexes are rebuilt at the end of the pass, while the
// clocks are computed; otherwise at once.

/** Whether this relation may be loaded straight into its table in this pass. */
export async function canLoadDirect(ctx: RelationContext): Promise<boolean> {
  const { product, spec } = ctx;
  if (!ctx.direct || !DIRECT_LOAD.has(spec.relation) || !(await isEmpty(product, spec.relation))) {
    return false;
  }
  if (!REGION_FROM_REFERENCES.has(spec.relation)) return true;
  // A region derived on the source is the product's when the product's cases, windows,
  // staff and service points are the source's: a first load, with none of them held back
  // in quarantine (the product would then keep an older version).
  if (!ctx.firstLoad) return false;
  const held = await product.query(
    `SELECT 1 FROM sync_quarantine
     WHERE resolved_at IS NULL AND relation IN ('service_points', 'windows', 'staff') LIMIT 1`
  );
  return !held.rowCount;
}

/** The column types of a product table (or of one made LIKE it), for directSourceQuery. */
export async function readProductColumnTypes(
  product: pg.ClientBase,
  table: string
): Promise<Map<string, string>> {
  const types = await product.query<{ name: string; type: string }>(PRODUCT_COLUMN_TYPES, [table]);
  return new Map(types.rows.map((column) => [column.name, column.type]));
}

export async function loadDirect(ctx: RelationContext): Promise<RelationPassStats> {
  const { source, product, spec, schema, since, retryIds, firstLoad } = ctx;
  const stats = emptyStats(spec.relation);
  const district = REGION_FROM_REFERENCES.has(spec.relation)
    ? ((await product.query<{ region_code: string }>(DISTRICT_REGION)).rows[0]?.region_code ?? null)
    : null;
  const types = await readProductColumnTypes(product, spec.relation);
  const query = directSourceQuery(spec, schema, since, retryIds, district, types);
  // Rows the table cannot hold (a null where the contract forbids it, an id listed twice, a
  // value the product's type cannot take) fail the COPY or the primary key's rebuild: the
  // pass then starts again through staging, where the checks quarantine them.
  const deferred = await deferIndexesAndForeignKeys(product, spec.relation, true);
  try {
    stats.read = await pipeCopy(source, query, product, copyIntoTable(spec), { binary: true });
  } catch (error) {
    throw directLoadFailure(spec.relation, error);
  }
  if (stats.read > 0) {
    const casesExcluded = ctx.loadedInFull.has('cases') ? (ctx.excluded.get('cases') ?? []) : null;
    const removed = await checkRows(ctx, directLoadSpec(spec, casesExcluded), spec.relation, stats);
    stats.changed = stats.read - removed.length;
    ctx.excluded.set(spec.relation, removed);
  }
  const analyze = stats.read >= 5_000;
  const rebuild = async () => {
    await deferred.restore();
    // The first statistics of the table, for the rest of this pass and until autovacuum's.
    if (analyze) await product.query(`ANALYZE ${spec.relation}`);
  };
  if (firstLoad) {
    ctx.rebuilds.push({ relation: spec.relation, run: rebuild });
  } else {
    await rebuild().catch((error: unknown) => {
      throw directLoadFailure(spec.relation, error);
    });
  }
  if (since === null) ctx.loadedInFull.add(spec.relation);
  if (spec.touches && !firstLoad) {
    await product.query(
      `INSERT INTO ${TOUCHED} (case_id) SELECT DISTINCT ${spec.touches} FROM ${spec.relation}`
    );
  }
  return stats;
}
