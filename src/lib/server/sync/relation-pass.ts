import type pg from 'pg';
import type { SourceRelation } from '../source/source-tables';
import type { RelationSpec } from './relations';

// One relation's part of a pass: what it is handed and what it reports.

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

/** What the relations of one pass share. */
export interface PassContext {
  source: pg.ClientBase;
  product: pg.ClientBase;
  schema: string;
  /** The product had no cases before this pass: every case is recomputed after it. */
  firstLoad: boolean;
  /** Empty tables may be loaded straight (false: the retry after DirectLoadRejected). */
  direct: boolean;
  bulkThreshold: number;
  /**
   * Index rebuilds (and statistics) of the tables a first load filled straight: run at the
   * end of the pass, while the clocks are computed (runFirstLoadRebuilds).
   */
  rebuilds: { relation: SourceRelation; run: () => Promise<void> }[];
  /**
   * Relations this pass read in full (no watermark yet) straight into their empty table:
   * the product holds the source's rows minus those in `excluded`.
   */
  loadedInFull: Set<SourceRelation>;
  /** Ids of the rows of each relation this pass quarantined (not in the product). */
  excluded: Map<SourceRelation, string[]>;
}

export interface RelationContext extends PassContext {
  spec: RelationSpec;
  since: string | null;
  retryIds: readonly string[];
}

/** A first load straight into the table met rows it cannot hold (nulls, repeated ids). */
export class DirectLoadRejected extends Error {
  override name = 'DirectLoadRejected';
}

/** A COPY or a rebuild that failed on the data (22xxx, 23xxx) rejects the direct load. */
export function directLoadFailure(relation: string, error: unknown): unknown {
  const code = (error as { code?: string }).code ?? '';
  if (!code.startsWith('22') && !code.startsWith('23')) return error;
  return new DirectLoadRejected(`${relation}: ${(error as Error).message}`, { cause: error });
}

export function emptyStats(relation: SourceRelation): RelationPassStats {
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

/** Whether a product table has no rows yet (a first load takes the faster paths). */
export async function isEmpty(product: pg.ClientBase, table: string): Promise<boolean> {
  return !(await product.query(`SELECT 1 FROM ${table} LIMIT 1`)).rowCount;
}

/** Runs the index rebuilds a first load deferred, in load order. */
export async function runFirstLoadRebuilds(ctx: PassContext): Promise<void> {
  for (const rebuild of ctx.rebuilds.splice(0)) {
    try {
      await rebuild.run();
    } catch (error) {
      throw directLoadFailure(rebuild.relation, error);
    }
  }
}
