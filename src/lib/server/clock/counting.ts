import type { CalendarIndex } from './day-index';

// The arithmetic of counted days (time-limits.md, "The clock of one case"), on day numbers.
// A counted day is a working day after A that lies in no stop interval. `stops` are the
// merged intervals of mergeStops: [s0, r0, s1, r1, …], disjoint, sorted, every s >= A,
// each meaning the days in (s, r] are not counted.

/** elapsed(T): counted days in (A, T]. */
export function elapsedAt(index: CalendarIndex, a: number, stops: readonly number[], t: number): number {
  if (t <= a) return 0;
  let n = index.workingDaysBetween(a, t);
  for (let i = 0; i < stops.length; i += 2) {
    const s = stops[i];
    if (s >= t) break;
    n -= index.workingDaysBetween(s, Math.min(stops[i + 1], t));
  }
  return n;
}

/**
 * Due date for a limit L: the first D > A with elapsed(D) = L, i.e. the L-th counted day;
 * D = A for L <= 0 (即办件). Counting runs on past the last stop without end.
 */
export function dueDay(index: CalendarIndex, a: number, stops: readonly number[], limit: number): number {
  if (limit <= 0) return a;
  let from = a;
  let remaining = limit;
  for (let i = 0; i < stops.length; i += 2) {
    const available = index.workingDaysBetween(from, stops[i]);
    if (remaining <= available) return index.nthWorkingDayAfter(from, remaining);
    remaining -= available;
    from = stops[i + 1];
  }
  return index.nthWorkingDayAfter(from, remaining);
}
