import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  classifyResponse,
  DEFAULT_INTERVAL_MS,
  refreshIntervalMs,
  retryDelayMs,
  type ConnectionState
} from '../../src/lib/screen/refresh';
import { startRefresher, type Refresher } from '../../src/lib/screen/refresher';

describe('the big screen refresh interval', () => {
  it('is 60 s unless ?refresh= says otherwise, bounded to 5 s … 10 min', () => {
    expect(refreshIntervalMs(null)).toBe(60_000);
    expect(refreshIntervalMs('')).toBe(DEFAULT_INTERVAL_MS);
    expect(refreshIntervalMs('5')).toBe(5_000);
    expect(refreshIntervalMs('1')).toBe(5_000);
    expect(refreshIntervalMs('0')).toBe(5_000);
    expect(refreshIntervalMs('30')).toBe(30_000);
    expect(refreshIntervalMs('9999')).toBe(600_000);
    for (const bad of ['-5', '2.5', 'abc', '5s', '1e3']) expect(refreshIntervalMs(bad)).toBe(60_000);
  });
});

describe('the retry backoff', () => {
  it('waits 5 s, 10 s, 30 s, then the interval', () => {
    expect([1, 2, 3, 4, 5, 20].map((n) => retryDelayMs(n))).toEqual([
      5_000, 10_000, 30_000, 60_000, 60_000, 60_000
    ]);
  });

  it('never waits longer than the interval', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 5_000))).toEqual([5_000, 5_000, 5_000, 5_000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 20_000))).toEqual([5_000, 10_000, 20_000, 20_000]);
  });
});

describe('what an answer of the data endpoint means', () => {
  it('reads a redirect (to /login) as an expired session, never as data', () => {
    expect(classifyResponse({ status: 0, type: 'opaqueredirect' })).toBe('signed_out');
    expect(classifyResponse({ status: 200, redirected: true })).toBe('signed_out');
    expect(classifyResponse({ status: 303 })).toBe('signed_out');
    expect(classifyResponse({ status: 401 })).toBe('signed_out');
  });

  it('tells a lost role from an outage', () => {
    expect(classifyResponse({ status: 403 })).toBe('forbidden');
    for (const status of [500, 502, 503, 504, 404, 429]) expect(classifyResponse({ status })).toBe('failed');
    expect(classifyResponse({ status: 200, type: 'basic' })).toBe('ok');
  });
});

describe('the refresh loop', () => {
  let refresher: Refresher | undefined;
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    refresher?.stop();
    vi.useRealTimers();
  });

  const ok = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
  const down = () => Promise.reject(new TypeError('Failed to fetch'));

  function start(answers: (() => Promise<Response>)[], intervalMs = 60_000) {
    const data: unknown[] = [];
    const states: ConnectionState['kind'][] = [];
    const times: number[] = [];
    const request = vi.fn(() => {
      times.push(Date.now());
      return (answers.shift() ?? (() => Promise.resolve(ok('late'))))();
    });
    refresher = startRefresher({
      request,
      intervalMs,
      onData: (d) => data.push(d),
      onState: (s) => states.push(s.kind)
    });
    return { data, states, times, request };
  }

  it('asks once per interval and hands over the figures', async () => {
    const t0 = Date.now();
    const run = start([() => Promise.resolve(ok(1)), () => Promise.resolve(ok(2))]);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(run.request).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(60_001);
    expect(run.data).toEqual([1, 2]);
    expect(run.states).toEqual(['live', 'live']);
    expect(run.times.map((t) => t - t0)).toEqual([60_000, 120_000]);
  });

  it('keeps the last figures through an outage, backs off, and recovers by itself', async () => {
    const t0 = Date.now();
    const run = start([
      down,
      () => Promise.resolve(new Response('bad gateway', { status: 502 })),
      down,
      down,
      () => Promise.resolve(ok('back'))
    ]);
    await vi.advanceTimersByTimeAsync(60_000 + 5_000 + 10_000 + 30_000 + 60_000);
    expect(run.times.map((t) => t - t0)).toEqual([60_000, 65_000, 75_000, 105_000, 165_000]);
    expect(run.states).toEqual(['retrying', 'retrying', 'retrying', 'retrying', 'live']);
    expect(run.data).toEqual(['back']);
  });

  it('treats a hung request as failed', async () => {
    const hang = () => new Promise<Response>(() => {});
    const run = start([hang], 5_000);
    await vi.advanceTimersByTimeAsync(5_000 + 4_000);
    expect(run.states).toEqual(['retrying']);
  });

  it('reports an expired session and keeps asking, in case someone signs in again', async () => {
    const redirect = () => Promise.resolve({ status: 0, type: 'opaqueredirect' } as Response);
    const run = start([redirect, () => Promise.resolve(ok('again'))]);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(run.states).toEqual(['signed_out', 'live']);
    expect(run.data).toEqual(['again']);
  });

  it('asks at once when told the network is back', async () => {
    const run = start([down, () => Promise.resolve(ok('online'))]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run.states).toEqual(['retrying']);
    refresher!.refreshNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(run.states).toEqual(['retrying', 'live']);
  });

  it('stops asking when stopped', async () => {
    const run = start([]);
    refresher!.stop();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(run.request).not.toHaveBeenCalled();
  });
});
