import type pg from 'pg';
import { deferIndexesAndForeignKeys } from './bulk-load';
import { analyzeSample, checkRows } from './check-rows';
import { pipeCopy } from './copy';
import { emptyStats, isEmpty, type RelationContext, type RelationPassStats } from './relation-pass';
import type { RelationSpec } from './relations';
import {
  copyIntoStage,
  createStage,
  DEDUPLICATE_STAGE,
  insertFresh,
  NOTE_CHANGED_MATTERS,
  sourceQuery,
  STAGE,
  TOUCH_CASES_LEFT_BY_EVENTS,
  TOUCHED,
  upsert
} from './statements';

// A relation through the staging table: COPYed there, checked there, then upserted where
// the rows differ (or inserted into an empty table).

async function upsertStage(product: pg.ClientBase, spec: RelationSpec, fresh: boolean): Promise<number> {
  const run = async () => {
    if (fresh) return (await product.query(insertFresh(spec))).rowCount ?? 0;
    return (await product.query<{ changed: number }>(upsert(spec))).rows[0].changed;
  };
  await product.query('SAVEPOINT sync_upsert');
  try {
    const changed = await run();
    await product.query('RELEASE SAVEPOINT sync_upsert');
    return changed;
  } catch (error) {
    // The same id staged twice (a vendor's view may repeat rows): 21000 "ON CONFLICT DO
    // UPDATE command cannot affect row a second time", or 23505 on a first load. Keep the
    // newest version and try again.
    const code = (error as { code?: string }).code;
    if (code !== '21000' && code !== '23505') throw error;
    await product.query('ROLLBACK TO SAVEPOINT sync_upsert');
    await product.query(DEDUPLICATE_STAGE);
    return run();
  }
}

export async function loadStaged(ctx: RelationContext): Promise<RelationPassStats> {
  const { source, product, spec, schema, since, retryIds, firstLoad, bulkThreshold } = ctx;
  const stats = emptyStats(spec.relation);
  await product.query(createStage(spec));
  stats.read = await pipeCopy(
    source,
    sourceQuery(spec, schema, since, retryIds),
    product,
    copyIntoStage(spec)
  );
  if (stats.read > 0) {
    if (stats.read >= 5_000) await analyzeSample(product, STAGE);
    await checkRows(ctx, spec, STAGE, stats);
    const fresh = await isEmpty(product, spec.relation);
    if (spec.relation === 'case_events' && !fresh) await product.query(TOUCH_CASES_LEFT_BY_EVENTS);
    if (spec.relation === 'matters' && !fresh) await product.query(NOTE_CHANGED_MATTERS);
    const deferred =
      fresh && stats.read >= bulkThreshold ? await deferIndexesAndForeignKeys(product, spec.relation) : null;
    stats.changed = await upsertStage(product, spec, fresh);
    if (deferred) {
      await deferred.restore();
      // The first statistics of the table, for the rest of this pass and until autovacuum's.
      await product.query(`ANALYZE ${spec.relation}`);
    }
    // A plain insert does not report its cases; on a first load all are recomputed anyway.
    if (fresh && spec.touches && !firstLoad) {
      await product.query(
        `INSERT INTO ${TOUCHED} (case_id) SELECT DISTINCT ${spec.touches} FROM ${STAGE} ON CONFLICT DO NOTHING`
      );
    }
  }
  await product.query(`DROP TABLE ${STAGE}`);
  return stats;
}
