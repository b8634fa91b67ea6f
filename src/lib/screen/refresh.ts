// When the big screen asks for new figures, and what it makes of the answer. Pure: the
// loop that uses it (refresher.ts) is tested with fake timers, this without any.

export const DEFAULT_INTERVAL_MS = 60_000;
/** Tests and demonstrations may refresh faster (?refresh=5), never faster than this. */
export const MIN_INTERVAL_MS = 5_000;
export const MAX_INTERVAL_MS = 600_000;

/** Retries after the 1st, 2nd, 3rd failure; then every interval. */
export const RETRY_DELAYS_MS = [5_000, 10_000, 30_000] as const;

/** The refresh interval from `?refresh=<seconds>`, bounded; anything unreadable is the default. */
export function refreshIntervalMs(param: string | null | undefined): number {
  if (!param || !/^\d{1,4}$/.test(param.trim())) return DEFAULT_INTERVAL_MS;
  const ms = Number(param.trim()) * 1000;
  return Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, ms));
}

/**
 * How long to wait after the n-th failure in a row (n ≥ 1): 5 s, 10 s, 30 s, then the
 * normal interval. Never longer than the interval: a wall set to refresh every 5 s should
 * not take 30 s to notice the server is back.
 */
export function retryDelayMs(failures: number, intervalMs = DEFAULT_INTERVAL_MS): number {
  const step = RETRY_DELAYS_MS[Math.max(0, failures - 1)] ?? intervalMs;
  return Math.min(step, intervalMs);
}

/**
 * What an answer of the data endpoint means for the wall:
 *  ok          new figures
 *  signed_out  the session expired (the guard redirects to /login): say so, never show a form
 *  forbidden   the account lost the role
 *  failed      anything else (5xx while restarting, a proxy's 502, a network error): retry
 */
export type RefreshOutcome = 'ok' | 'signed_out' | 'forbidden' | 'failed';

export function classifyResponse(response: {
  status: number;
  type?: string;
  redirected?: boolean;
}): RefreshOutcome {
  // fetch(…, { redirect: 'manual' }) turns the guard's 303 into an opaque redirect (status 0).
  if (response.type === 'opaqueredirect' || response.redirected) return 'signed_out';
  if (response.status === 401 || (response.status >= 300 && response.status < 400)) return 'signed_out';
  if (response.status === 403) return 'forbidden';
  if (response.status >= 200 && response.status < 300) return 'ok';
  return 'failed';
}

/** The connection state the wall shows. */
export type ConnectionState =
  | { kind: 'live' }
  | { kind: 'retrying'; failures: number; nextRetryAt: number }
  | { kind: 'signed_out' }
  | { kind: 'forbidden' };
