import { ConfigError, readConfig, readSourceSchema } from '../config';

// Where a pass reads and writes, and how far back it re-reads.

export const DEFAULT_OVERLAP_MINUTES = 10;
/** Quarantined rows re-read by id per relation and pass (the most recently seen first). */
export const DEFAULT_RETRY_LIMIT = 50_000;
/** Rows of a first load from which an empty table's indexes are rebuilt rather than maintained. */
export const DEFAULT_BULK_THRESHOLD = 10_000;

export interface SyncTargets {
  /** The product database (default DATABASE_URL). */
  databaseUrl?: string;
  /** The approval database through its read-only role (default SOURCE_DATABASE_URL). */
  sourceUrl?: string;
  /** Default SOURCE_SCHEMA, else 'approval'. */
  sourceSchema?: string;
  /** Minutes re-read before the watermark (default SYNC_OVERLAP_MINUTES, else 10). */
  overlapMinutes?: number;
}

export interface ResolvedTargets {
  databaseUrl: string;
  sourceUrl: string;
  sourceSchema: string;
  overlapMinutes: number;
}

export function readOverlapMinutes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SYNC_OVERLAP_MINUTES;
  if (raw === undefined || raw === '') return DEFAULT_OVERLAP_MINUTES;
  const minutes = Number(raw);
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new ConfigError(
      `SYNC_OVERLAP_MINUTES "${raw}" 不是非负的分钟数 / is not a non-negative number of minutes`
    );
  }
  return minutes;
}

export function resolveTargets(options: SyncTargets, env: NodeJS.ProcessEnv = process.env): ResolvedTargets {
  const needConfig = !options.databaseUrl || !options.sourceUrl;
  const config = needConfig ? readConfig(env) : undefined;
  return {
    databaseUrl: options.databaseUrl ?? config!.databaseUrl,
    sourceUrl: options.sourceUrl ?? config!.sourceDatabaseUrl,
    sourceSchema: options.sourceSchema ?? readSourceSchema(env),
    overlapMinutes: options.overlapMinutes ?? readOverlapMinutes(env)
  };
}
