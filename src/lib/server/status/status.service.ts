import type { Kysely } from 'kysely';
import { readSyncStatus, type RelationSyncStatus } from './sync-status.repository';
import type { Database } from '../db/database';
import { findContractProblems, type ContractProblem } from '../source/contract-check';
import type { SourceDatabase } from '../source/source-tables';
import {
  countSourceRows,
  findNewestSourceChange,
  listRecentJobRuns,
  readServerInfo,
  schemaExists,
  type JobRunRow,
  type ServerInfo,
  type RelationRowCount
} from './status.repository';

// Assembles the system status page. Each part is checked on its own and a failure
// becomes a one-line message, so an unreachable source never takes the page down.

/** The outcome of one check: its value, or why it failed (a message, never a stack). */
export type Check<T> = { ok: true; value: T } | { ok: false; error: string };

/** A dead host makes pg wait for its connect timeout (10 s); the page answers sooner. */
export const CHECK_TIMEOUT_MS = 5_000;

export function describeError(error: unknown): string {
  if (error instanceof AggregateError && !error.message && error.errors.length) {
    return describeError(error.errors[0]); // e.g. ECONNREFUSED on both ::1 and 127.0.0.1
  }
  if (error instanceof Error) {
    return error.message || (error as { code?: string }).code || error.name;
  }
  return String(error);
}

export async function attempt<T>(work: () => Promise<T>, timeoutMs = CHECK_TIMEOUT_MS): Promise<Check<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${timeoutMs / 1000} 秒内无响应`)), timeoutMs);
  });
  try {
    return { ok: true, value: await Promise.race([work(), timeout]) };
  } catch (error) {
    return { ok: false, error: describeError(error) };
  } finally {
    clearTimeout(timer);
  }
}

export interface SourceStatus extends ServerInfo {
  schema: string;
  schemaExists: boolean;
  /** Relations or columns of the contract the source lacks; empty when all is there. */
  problems: ContractProblem[];
  counts: RelationRowCount[];
  newestChange: Date | null;
}

export interface SystemStatus {
  checkedAt: Date;
  product: Check<ServerInfo>;
  source: Check<SourceStatus>;
  jobRuns: Check<JobRunRow[]>;
  sync: Check<RelationSyncStatus[]>;
}

async function readSourceStatus(source: Kysely<SourceDatabase>, schema: string): Promise<SourceStatus> {
  const [server, exists, problems, counts] = await Promise.all([
    readServerInfo(source),
    schemaExists(source, schema),
    findContractProblems(source, schema),
    countSourceRows(source, schema)
  ]);
  const casesPresent = counts.some((c) => c.relation === 'cases' && c.method !== 'missing');
  const newestChange = casesPresent ? await findNewestSourceChange(source) : null;
  return { ...server, schema, schemaExists: exists, problems, counts, newestChange };
}

export async function loadSystemStatus(
  db: Kysely<Database>,
  source: Kysely<SourceDatabase>,
  schema: string,
  jobRunLimit = 50
): Promise<SystemStatus> {
  const [product, sourceStatus, jobRuns] = await Promise.all([
    attempt(() => readServerInfo(db)),
    attempt(() => readSourceStatus(source, schema)),
    attempt(() => listRecentJobRuns(db, jobRunLimit))
  ]);
  const sync = await attempt(() => readSyncStatus(db, sourceStatus.ok ? source : null));
  return { checkedAt: new Date(), product, source: sourceStatus, jobRuns, sync };
}
