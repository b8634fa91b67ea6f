// Why a pass failed, in Chinese for job_runs and the status page, with the database's own
// words kept after the colon (an operator searches for those). A failed pass never wrote
// anything (one transaction), and the next one reads the same rows again: the message says so.

const NOTHING_WRITTEN = '本次同步未写入任何数据，下次运行将从原水位重新读取';

/** The reason of an error in its own words; AggregateError (both ::1 and 127.0.0.1 refused) has none. */
export function errorReason(error: unknown): string {
  if (error instanceof AggregateError && !error.message && error.errors.length) {
    return errorReason(error.errors[0]);
  }
  if (error instanceof Error) return error.message || (error as { code?: string }).code || error.name;
  return String(error);
}

export class SyncFailure extends Error {
  constructor(what: string, cause: unknown) {
    super(`${what}：${errorReason(cause)}；${NOTHING_WRITTEN}`, { cause });
    this.name = 'SyncFailure';
  }
}

/** A SyncFailure as it is; anything else (a connection cut mid-pass, a bug) wrapped as an interrupted pass. */
export function asSyncFailure(error: unknown): SyncFailure {
  return error instanceof SyncFailure ? error : new SyncFailure('同步中断', error);
}
