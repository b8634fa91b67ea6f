import type pg from 'pg';
import { bureauToday } from '../case-clock/bureau-date';
import type { RecomputeResult } from '../case-clock/recompute';
import { readRetryIds } from './check-rows';
import { suspendKpiTriggers } from './kpi-triggers';
import { canLoadDirect, loadDirect } from './load-direct';
import { loadStaged } from './load-staged';
import { updatePassClocks } from './pass-clocks';
import { describeUrl } from '../db/connect';
import { closeClient, connectClient, lockDerivedState } from './product-connection';
import { asSyncFailure, SyncFailure } from './sync-failure';
import {
  DirectLoadRejected,
  isEmpty,
  type PassContext,
  type RelationContext,
  type RelationPassStats
} from './relation-pass';
import { RELATIONS_IN_ORDER } from './relations';
import { CREATE_PASS_TABLES } from './statements';
import {
  DEFAULT_BULK_THRESHOLD,
  DEFAULT_RETRY_LIMIT,
  resolveTargets,
  type SyncTargets
} from './sync-settings';
import { readWatermarks, recordWatermarks } from './watermarks';

export type { RelationPassStats } from './relation-pass';

// One sync pass (docs/rules/sync.md): every source relation in dependency order, read
// from watermark − overlap in one consistent snapshot of the source, streamed with COPY
// into a staging table (a first load: straight into the empty table), checked in SQL (bad
// rows go to quarantine with their reason), upserted where they differ; then the clocks of
// the cases touched are recomputed and the watermarks advanced — all in ONE product
// transaction. Any failure (the source going away, a broken connection) rolls everything
// back: the product keeps exactly what it had and the next pass starts from the same
// watermarks.

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

export interface SyncPassResult {
  relations: RelationPassStats[];
  clocks: RecomputeResult;
  evaluationDate: string;
  rowsRead: number;
  rowsChanged: number;
  rowsQuarantined: number;
  seconds: number;
}

async function syncRelation(ctx: RelationContext): Promise<RelationPassStats> {
  const started = Date.now();
  const stats = (await canLoadDirect(ctx)) ? await loadDirect(ctx) : await loadStaged(ctx);
  stats.seconds = (Date.now() - started) / 1000;
  return stats;
}

/**
 * One pass over all relations; resolves when it committed, rejects (having changed
 * nothing) otherwise, with a Chinese reason for job_runs and the status page.
 */
export async function runSyncPass(options: SyncOptions = {}): Promise<SyncPassResult> {
  try {
    try {
      return await pass(options, true);
    } catch (error) {
      if (!(error instanceof DirectLoadRejected)) throw error;
      // Rolled back; the same pass again, every relation through the staging table.
      options.log?.(`首次加载改用暂存表：${error.message}`);
      return await pass(options, false);
    }
  } catch (error) {
    throw asSyncFailure(error);
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
    product = await connectClient(targets.databaseUrl, 'oversight-sync').catch((error: unknown) => {
      throw new SyncFailure(`无法连接平台数据库（${describeUrl(targets.databaseUrl)}）`, error);
    });
    source = await connectClient(targets.sourceUrl, 'oversight-sync-source').catch((error: unknown) => {
      throw new SyncFailure(`无法连接审批数据源（${describeUrl(targets.sourceUrl)}）`, error);
    });
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
    const ctx: PassContext = {
      source,
      product,
      schema: targets.sourceSchema,
      // A first load inserts without tracking what changed: then every case is recomputed.
      firstLoad: await isEmpty(product, 'cases'),
      direct,
      bulkThreshold: options.bulkThreshold ?? DEFAULT_BULK_THRESHOLD,
      rebuilds: [],
      loadedInFull: new Set(),
      excluded: new Map()
    };
    // A first load writes every row: the KPI triggers would only find every day dirty.
    const kpiTriggers = ctx.firstLoad ? await suspendKpiTriggers(product) : null;
    const relations: RelationPassStats[] = [];
    for (const spec of RELATIONS_IN_ORDER) {
      const stats = await syncRelation({
        ...ctx,
        spec,
        since: watermarks.get(spec.relation)?.since ?? null,
        retryIds: retries.get(spec.relation) ?? []
      });
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

    const { clocks, fromSnapshot } = await updatePassClocks(ctx, relations, evaluationDate);
    if (clocks.cases) {
      log(
        `时限重算：${clocks.cases} 件，变化 ${clocks.changed} 件` +
          (fromSnapshot ? '（首次加载，按源数据快照计算，同时重建索引）' : '') +
          `（${clocks.seconds.toFixed(1)} 秒）`
      );
    }
    await kpiTriggers?.resume();
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
