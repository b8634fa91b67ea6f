// The big screen's refresh loop: ask every interval; on a failure keep the last figures,
// report it and retry with backoff; on success report the new figures. It never stops by
// itself — a wall nobody touches must recover once the network or server is back, even
// after a signed-out spell (someone may sign in again in another tab).

import { classifyResponse, retryDelayMs, type ConnectionState, type RefreshOutcome } from './refresh';

export interface RefresherOptions<T> {
  /** The data endpoint's fetch (with redirect: 'manual'). */
  request: (signal: AbortSignal) => Promise<Response>;
  intervalMs: number;
  onData: (data: T) => void;
  onState: (state: ConnectionState) => void;
  /** A hung request (a server mid-restart) counts as failed after this long. */
  timeoutMs?: number;
  now?: () => number;
}

export interface Refresher {
  /** Ask now (e.g. when the browser reports it is back online); resets the schedule. */
  refreshNow(): void;
  stop(): void;
}

export function startRefresher<T>(options: RefresherOptions<T>): Refresher {
  const { request, intervalMs, onData, onState } = options;
  const timeoutMs = options.timeoutMs ?? Math.min(20_000, Math.max(intervalMs - 1_000, 4_000));
  const now = options.now ?? Date.now;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;
  let stopped = false;

  const schedule = (delay: number) => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(tick, delay);
  };

  async function attempt(): Promise<{ outcome: RefreshOutcome; data?: T }> {
    const controller = new AbortController();
    inFlight = controller;
    let deadline: ReturnType<typeof setTimeout> | undefined;
    // Raced rather than left to the signal alone: the answer may stall in its body too.
    const timedOut = new Promise<never>((_, reject) => {
      deadline = setTimeout(() => {
        controller.abort();
        reject(new Error('timed out'));
      }, timeoutMs);
    });
    const answer = async () => {
      const response = await request(controller.signal);
      const outcome = classifyResponse(response);
      if (outcome !== 'ok') return { outcome };
      return { outcome, data: (await response.json()) as T };
    };
    try {
      return await Promise.race([answer(), timedOut]);
    } catch {
      // Network down, connection refused, timed out, or a body that is not our JSON.
      return { outcome: 'failed' };
    } finally {
      clearTimeout(deadline);
      if (inFlight === controller) inFlight = undefined;
    }
  }

  async function tick() {
    if (stopped) return;
    inFlight?.abort();
    const { outcome, data } = await attempt();
    if (stopped) return;
    if (outcome === 'ok') {
      failures = 0;
      onData(data as T);
      onState({ kind: 'live' });
      schedule(intervalMs);
    } else if (outcome === 'failed') {
      failures += 1;
      const delay = retryDelayMs(failures, intervalMs);
      onState({ kind: 'retrying', failures, nextRetryAt: now() + delay });
      schedule(delay);
    } else {
      failures = 0;
      onState({ kind: outcome });
      schedule(intervalMs);
    }
  }

  schedule(intervalMs);
  return {
    refreshNow: () => schedule(0),
    stop() {
      stopped = true;
      clearTimeout(timer);
      inFlight?.abort();
    }
  };
}
