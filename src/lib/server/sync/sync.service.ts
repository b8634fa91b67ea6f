import type pg from 'pg';
import { bureauToday } from '../case-clock/bureau-date';
import { loadCalendar } from '../case-clock/calendar.repository';
import { recomputeListedCases, type RecomputeResult } from '../case-clock/recompute';
import type { SourceRelation } from '../source/source-tables';
import { deferIndexesAndForeignKeys } from './bulk-load';
import { pipeCopy } from './copy';
import { closeClient, connectClient, lockDerivedState } from './product-connection';
import { RELATIONS_IN_ORDER, type RelationSpec } from './relations';
import {
  BAD,
  copyIntoStage,
  CREATE_PASS_TABLES,
  createStage,
  DEDUPLICATE_STAGE,
  deleteBadRows,
  DIRECT_LOAD,
  directSourceQuery,
  copyIntoTable,
  CLOCK_INPUTS_DIGEST,
  CLOCK_INPUTS_KEY,
  FIND_DUPLICATE_CASE_NOS,
  FIND_DUPLICATE_CASE_NOS_LOADED,
  findBadRows,
  insertFresh,
  NOTE_CHANGED_MATTERS,
  recordQuarantine,
  resolveQuarantine,
  sourceQuery,
  STAGE,
  TOUCH_CASES_LEFT_BY_EVENTS,
  TOUCH_CASES_OF_CHANGED_MATTERS,
  TOUCH_OPEN_CASES,
  TOUCHED,
  upsert
} from './statements';
import {
  DEFAULT_BULK_THRESHOLD,
  DEFAULT_RETRY_LIMIT,
  resolveTargets,
  type SyncTargets
} from './sync-settings';

// One sync pass (docs/rules/sync.md): every source relation in dependency order, read
// from watermark − overlap in one consistent snapshot of the source, streamed with COPY
// into a staging table (a first load: straight into the empty table), checked in SQL (bad
// rows go to quarantine with their reason), upserted where they differ; then the clocks of
// the cases touched are recomputed and the watermarks advanced — all in ONE product
// transaction. Any failure (the source going
// away, a broken connection) rolls everything back: the product keeps exactly what it had
// and the next pass starts from the same watermarks.

export interface SyncOptions extends SyncTargets {
  /** T for the clocks, 'YYYY-MM-DD' (default: today in Asia/Shanghai). */
  evaluationDate?: string;
  /** The job_runs row of this pass, kept in sync_watermarks.last_run_id. */
  runId?: string | null;
  /** Quarantined rows re-read by id per relation (default 50,000). */
  retryLimit?: number;
  /**
   * A first load of at least this many rows into an empty table drops its secondary
   * indexes (and case_clock's foreign key) and rebuilds them after (default 10,000).
   */
  bulkThreshold?: number;
  log?: (message: string) => void;
  /** Called inside the transaction after each relation (tests use it to break a pass midway). */
  onRelationDone?: (stats: RelationPassStats) => void | Promise<void>;
}

export interface RelationPassStats {
  relation: SourceRelation;
  /** Rows read from the source (the overlap and the quarantine retries included). */
  read: number;
  /** Rows inserted or changed in the product's copy. */
  changed: number;
  /** Rows read that were quarantined (not copied). */
  quarantined: number;
  /** Quarantine entries seen for the first time. */
  newFaults: number;
  /** Quarantine entries resolved. */
  resolved: number;
  /** Newest updated_at read (text, microseconds kept); null when nothing was read. */
  newestRead: string | null;
  seconds: number;
}

export interface SyncPassResult {
  relations: RelationPassStats[];
  clocks: RecomputeResult;
  evaluationDate: string;
  rowsRead: number;
  rowsChanged: number;
  rowsQuarantined: number;
  seconds: number;
}

interface Watermark {
  relation: string;
  watermark: string | null;
  since: string | null;
}

async function readWatermarks(
  product: pg.ClientBase,
  overlapMinutes: number
): Promise<Map<string, Watermark>> {
  const result = await product.query<Watermark>(
    `SELECT relation, watermark::text AS watermark,
            (watermark - make_interval(secs => $1::double precision))::text AS since
     FROM sync_watermarks`,
    [overlapMinutes * 60]
  );
  return new Map(result.rows.map((row) => [row.relation, row]));
}

async function readRetryIds(product: pg.ClientBase, limit: number): Promise<Map<string, string[]>> {
  const result = await product.query<{ relation: string; ids: string[] }>(
    `SELECT relation, (array_agg(source_id ORDER BY seen DESC))[1:$1] AS ids
     FROM (SELECT relation, source_id, max(last_seen_at) AS seen FROM sync_quarantine
           WHERE resolved_at IS NULL AND source_id ~ '^-?[0-9]{1,18}$' GROUP BY relation, source_id) q
     GROUP BY relation`,
    [limit]
  );
  return new Map(result.rows.map((row) => [row.relation, row.ids]));
}

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

/** Whether a product table has no rows yet (a first load takes the plain INSERT path). */
async function isEmpty(product: pg.ClientBase, table: string): Promise<boolean> {
  return !(await product.query(`SELECT 1 FROM ${table} LIMIT 1`)).rowCount;
}

interface RelationContext {
  source: pg.ClientBase;
  product: pg.ClientBase;
  spec: RelationSpec;
  schema: string;
  since: string | null;
  retryIds: readonly string[];
  /** The product had no cases before this pass: every case is recomputed after it. */
  firstLoad: boolean;
}

/** A first load straight into the table met rows it cannot hold (nulls, repeated ids). */
class DirectLoadRejected extends Error {
  override name = 'DirectLoadRejected';
}

function emptyStats(relation: SourceRelation): RelationPassStats {
  return {
    relation,
    read: 0,
    changed: 0,
    quarantined: 0,
    newFaults: 0,
    resolved: 0,
    newestRead: null,
    seconds: 0
  };
}

/** Row estimates for the joins of the checks; a small sample is enough. */
async function analyzeSample(product: pg.ClientBase, table: string): Promise<void> {
  await product.query(
    `SET LOCAL default_statistics_target = 10; ANALYZE ${table}; SET LOCAL default_statistics_target TO DEFAULT`
  );
}

/**
 * Checks the rows read (in `from`): quarantines the bad ones with their reasons and
 * removes them from `from`, resolves quarantine entries that no longer apply.
 */
async function checkRows(ctx: RelationContext, from: string, stats: RelationPassStats): Promise<number> {
  const { product, spec, retryIds } = ctx;
  const newest = await product.query<{ newest: string | null }>(
    `SELECT max(updated_at)::text AS newest FROM ${from}`
  );
  stats.newestRead = newest.rows[0].newest;
  await product.query(`TRUNCATE ${BAD}`);
  await product.query(findBadRows(spec, from));
  if (spec.relation === 'cases') {
    await product.query(from === STAGE ? FIND_DUPLICATE_CASE_NOS : FIND_DUPLICATE_CASE_NOS_LOADED);
  }
  const bad = await product.query<{ rows: number; faults: number }>(
    `SELECT count(DISTINCT coalesce(id::text, ''))::int AS rows, count(*)::int AS faults FROM ${BAD}`
  );
  let removed = 0;
  if (bad.rows[0].faults > 0) {
    stats.quarantined = bad.rows[0].rows;
    const recorded = await product.query<{ inserted: boolean }>(recordQuarantine(spec));
    stats.newFaults = recorded.rows.filter((row) => row.inserted).length;
    removed = (await product.query(deleteBadRows(from))).rowCount ?? 0;
  }
  if (retryIds.length > 0) {
    const resolved = await product.query(resolveQuarantine(spec, from), [retryIds]);
    stats.resolved = resolved.rowCount ?? 0;
  }
  return removed;
}

/**
 * First load of a large relation into its empty table: COPY straight into it (its
 * secondary indexes dropped meanwhile), check the rows there, remove the bad ones.
 */
async function loadDirect(ctx: RelationContext): Promise<RelationPassStats> {
  const { source, product, spec, schema, since, retryIds, firstLoad } = ctx;
  const stats = emptyStats(spec.relation);
  // Rows the table cannot hold (a null where the contract forbids it, an id listed twice)
  // fail the COPY or the primary key's rebuild: the pass then starts again through staging.
  const rejected = (error: unknown) => {
    const code = (error as { code?: string }).code ?? '';
    if (!code.startsWith('22') && !code.startsWith('23')) return error;
    return new DirectLoadRejected(`${spec.relation}: ${(error as Error).message}`, { cause: error });
  };
  const deferred = await deferIndexesAndForeignKeys(product, spec.relation, true);
  try {
    stats.read = await pipeCopy(
      source,
      directSourceQuery(spec, schema, since, retryIds),
      product,
      copyIntoTable(spec)
    );
  } catch (error) {
    throw rejected(error);
  }
  if (stats.read > 0) {
    if (stats.read >= 5_000) await analyzeSample(product, spec.relation);
    const removed = await checkRows(ctx, spec.relation, stats);
    stats.changed = stats.read - removed;
  }
  try {
    await deferred.restore();
  } catch (error) {
    throw rejected(error);
  }
  if (stats.read >= 5_000) await product.query(`ANALYZE ${spec.relation}`);
  if (spec.touches && !firstLoad) {
    await product.query(
      `INSERT INTO ${TOUCHED} (case_id) SELECT DISTINCT ${spec.touches} FROM ${spec.relation}`
    );
  }
  return stats;
}

/** Through the staging table: checked there, then upserted (or inserted into an empty table). */
async function loadStaged(ctx: RelationContext, bulkThreshold: number): Promise<RelationPassStats> {
  const { source, product, spec, schema, since, retryIds, firstLoad } = ctx;
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
    await checkRows(ctx, STAGE, stats);
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

async function syncRelation(
  ctx: RelationContext,
  direct: boolean,
  bulkThreshold: number
): Promise<RelationPassStats> {
  const started = Date.now();
  const stats =
    direct && DIRECT_LOAD.has(ctx.spec.relation) && (await isEmpty(ctx.product, ctx.spec.relation))
      ? await loadDirect(ctx)
      : await loadStaged(ctx, bulkThreshold);
  stats.seconds = (Date.now() - started) / 1000;
  return stats;
}

/** Whether the calendar or the warning settings changed since the last pass (and notes them). */
async function clockInputsChanged(product: pg.ClientBase): Promise<boolean> {
  const digest = (await product.query<{ digest: string }>(CLOCK_INPUTS_DIGEST)).rows[0].digest;
  const stored = await product.query<{ digest: string }>(
    `SELECT value->>'digest' AS digest FROM app_settings WHERE key = $1`,
    [CLOCK_INPUTS_KEY]
  );
  if (stored.rows[0]?.digest === digest) return false;
  await product.query(
    `INSERT INTO app_settings (key, value, updated_at) VALUES ($1, jsonb_build_object('digest', $2::text), now())
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`,
    [CLOCK_INPUTS_KEY, digest]
  );
  return true;
}

async function recordWatermarks(
  product: pg.ClientBase,
  relations: RelationPassStats[],
  runId: string | null
): Promise<void> {
  for (const r of relations) {
    await product.query(
      `INSERT INTO sync_watermarks AS w (relation, watermark, rows_synced, last_pass_rows_read,
         last_pass_rows_changed, last_pass_quarantined, last_pass_at, last_run_id)
       VALUES ($1, $2::timestamptz, $3::bigint, $4::int, $3::int, $5::int, now(), $6::bigint)
       ON CONFLICT (relation) DO UPDATE SET
         watermark = greatest(w.watermark, EXCLUDED.watermark),
         rows_synced = w.rows_synced + EXCLUDED.rows_synced,
         last_pass_rows_read = EXCLUDED.last_pass_rows_read,
         last_pass_rows_changed = EXCLUDED.last_pass_rows_changed,
         last_pass_quarantined = EXCLUDED.last_pass_quarantined,
         last_pass_at = EXCLUDED.last_pass_at,
         last_run_id = EXCLUDED.last_run_id`,
      [r.relation, r.newestRead, r.changed, r.read, r.quarantined, runId]
    );
  }
}

/** One pass over all relations; resolves when it committed, rejects (having changed nothing) otherwise. */
export async function runSyncPass(options: SyncOptions = {}): Promise<SyncPassResult> {
  try {
    return await pass(options, true);
  } catch (error) {
    if (!(error instanceof DirectLoadRejected)) throw error;
    // Rolled back; the same pass again, every relation through the staging table.
    options.log?.(`首次加载改用暂存表：${error.message}`);
    return pass(options, false);
  }
}

async function pass(options: SyncOptions, direct: boolean): Promise<SyncPassResult> {
  const started = Date.now();
  const targets = resolveTargets(options);
  const log = options.log ?? (() => {});
  const evaluationDate = options.evaluationDate ?? bureauToday();
  let product: pg.Client | undefined;
  let source: pg.Client | undefined;
  try {
    product = await connectClient(targets.databaseUrl, 'oversight-sync');
    source = await connectClient(targets.sourceUrl, 'oversight-sync-source');
    // Temp tables live in local buffers: a big first pass must not thrash 8 MB of them.
    await product.query(`SET temp_buffers = '256MB'`);
    await product.query('BEGIN');
    // Losing the last pass in a crash is harmless: its watermarks go with it and the next
    // pass reads the same rows again. So the commit need not wait for the disk.
    await product.query(
      `SET LOCAL synchronous_commit = off; SET LOCAL work_mem = '256MB'; SET LOCAL random_page_cost = 1.1`
    );
    await lockDerivedState(product);
    // One snapshot for all relations: an event and its case are seen together or not at all.
    await source.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    for (const statement of CREATE_PASS_TABLES) await product.query(statement);

    const watermarks = await readWatermarks(product, targets.overlapMinutes);
    const retries = await readRetryIds(product, options.retryLimit ?? DEFAULT_RETRY_LIMIT);
    // A first load inserts without tracking what changed: then every case is recomputed.
    const firstLoad = await isEmpty(product, 'cases');
    const relations: RelationPassStats[] = [];
    for (const spec of RELATIONS_IN_ORDER) {
      const since = watermarks.get(spec.relation)?.since ?? null;
      const context: RelationContext = {
        source,
        product,
        spec,
        schema: targets.sourceSchema,
        since,
        retryIds: retries.get(spec.relation) ?? [],
        firstLoad
      };
      const stats = await syncRelation(context, direct, options.bulkThreshold ?? DEFAULT_BULK_THRESHOLD);
      relations.push(stats);
      if (stats.read) {
        log(
          `${spec.relation}: 读取 ${stats.read} 行，更新 ${stats.changed} 行` +
            (stats.quarantined ? `，隔离 ${stats.quarantined} 行` : '') +
            `（${stats.seconds.toFixed(1)} 秒）`
        );
      }
      await options.onRelationDone?.(stats);
    }
    await source.query('COMMIT');

    if (!firstLoad && relations.find((r) => r.relation === 'matters')?.changed) {
      await product.query(TOUCH_CASES_OF_CHANGED_MATTERS);
    }
    if ((await clockInputsChanged(product)) && !firstLoad) await product.query(TOUCH_OPEN_CASES);
    await product.query(`ANALYZE ${TOUCHED}`);
    // After a first load every case is computed, which needs no list.
    const clocks = await recomputeListedCases(product, firstLoad ? null : TOUCHED, {
      evaluationDate,
      calendar: await loadCalendar(product),
      bulkThreshold: options.bulkThreshold ?? DEFAULT_BULK_THRESHOLD
    });
    if (clocks.cases)
      log(`时限重算：${clocks.cases} 件，变化 ${clocks.changed} 件（${clocks.seconds.toFixed(1)} 秒）`);
    await recordWatermarks(product, relations, options.runId ?? null);
    await product.query('COMMIT');

    const sum = (key: 'read' | 'changed' | 'quarantined') => relations.reduce((n, r) => n + r[key], 0);
    return {
      relations,
      clocks,
      evaluationDate,
      rowsRead: sum('read'),
      rowsChanged: sum('changed'),
      rowsQuarantined: sum('quarantined'),
      seconds: (Date.now() - started) / 1000
    };
  } catch (error) {
    // Nothing of this pass is kept. A broken connection rolls back on its own.
    await product?.query('ROLLBACK').catch(() => {});
    await source?.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await closeClient(source);
    await closeClient(product);
  }
}
