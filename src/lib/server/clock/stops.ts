import { dateOfDay, dayOfDate, dayOfInstant } from './day-index';
import type { ClockEvent, StopKind } from './types';

// Clock stops derived from a case's events (time-limits.md, "Stops" and "Open stops").
//
// - A correction stop opens at a `correction_requested` whose instant is after the
//   acceptance instant and closes at the next `correction_received`. A request at or
//   before the acceptance instant is a one-time notice (一次性告知) with no clock effect.
// - A special-procedure stop opens at `suspended` and closes at the next `resumed`.
//   A suspension still running at the acceptance instant is a stop whose days before A
//   are not counted anyway, so in effect the clock starts paused; one that resumed at or
//   before the acceptance instant has no effect and is reported as ignored.
// - A second opener of the same kind while a stop of that kind is open is ignored (the
//   open stop goes on); a closer with no open stop of its kind is ignored.
// - A stop still open at the end of the clock closes on that date (the evaluation date
//   for an open case).
// - Events are taken in time order; at identical instants openers come before closers
//   (see EVENT_RANK), then input order, so a request and a receipt at the same instant
//   make an empty stop rather than a stop that never closes.

const EVENT_RANK: Record<string, number> = {
  received: 0,
  accepted: 1,
  rejected: 2,
  correction_requested: 3,
  suspended: 3,
  extended: 4,
  correction_received: 5,
  resumed: 5,
  concluded: 6,
  withdrawn: 6,
  delivered: 7
};
const rank = (kind: string): number => EVENT_RANK[kind] ?? 8;

function inOrder(a: ClockEvent, b: ClockEvent): boolean {
  const ta = a.occurredAt.getTime();
  const tb = b.occurredAt.getTime();
  return ta < tb || (ta === tb && rank(a.kind) <= rank(b.kind));
}

/** The events in clock order (a copy only when the input is not already in order). */
export function sortEvents(events: readonly ClockEvent[]): readonly ClockEvent[] {
  for (let i = 1; i < events.length; i++) {
    if (!inOrder(events[i - 1], events[i])) {
      return [...events].sort(
        (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || rank(a.kind) - rank(b.kind)
      );
    }
  }
  return events;
}

/** A stop in day numbers: the days in (s, r] are not counted. */
export interface RawStop {
  kind: StopKind;
  procedure: string | null;
  s: number;
  r: number;
  open: boolean;
}

export interface DerivedStops {
  /** Stops with a clock effect, in the order they opened. */
  stops: RawStop[];
  /** Suspensions that resumed at or before the acceptance instant. */
  ignored: RawStop[];
}

/**
 * Stops of a case whose acceptance instant is `acceptedMs`, with open stops closed on day
 * `endDay`. `events` must be in clock order (sortEvents).
 */
export function deriveStops(events: readonly ClockEvent[], acceptedMs: number, endDay: number): DerivedStops {
  const stops: RawStop[] = [];
  const ignored: RawStop[] = [];
  let correction: RawStop | null = null;
  let suspension: RawStop | null = null;
  for (const event of events) {
    const t = event.occurredAt.getTime();
    switch (event.kind) {
      case 'correction_requested':
        if (t > acceptedMs && !correction) {
          correction = {
            kind: 'correction',
            procedure: null,
            s: dayOfInstant(event.occurredAt),
            r: 0,
            open: true
          };
          stops.push(correction);
        }
        break;
      case 'correction_received':
        if (correction) {
          correction.r = dayOfInstant(event.occurredAt);
          correction.open = false;
          correction = null;
        }
        break;
      case 'suspended':
        if (!suspension) {
          const procedure = event.procedure ?? null;
          suspension = {
            kind: 'special_procedure',
            procedure,
            s: dayOfInstant(event.occurredAt),
            r: 0,
            open: true
          };
          stops.push(suspension);
        }
        break;
      case 'resumed':
        if (suspension) {
          suspension.r = dayOfInstant(event.occurredAt);
          suspension.open = false;
          if (t <= acceptedMs) {
            stops.splice(stops.indexOf(suspension), 1);
            ignored.push(suspension);
          }
          suspension = null;
        }
        break;
    }
  }
  for (const stop of stops) if (stop.open) stop.r = Math.max(endDay, stop.s);
  return { stops, ignored };
}

/** Disjoint intervals (s, r] of the stops restricted to days after A, sorted, merged. */
export interface MergedStops {
  /** Flattened [s0, r0, s1, r1, …] with r_i < s_(i+1). */
  intervals: number[];
  /** Per stop, in order of (clipped) opening: the part (from, to] only it removes. */
  attribution: { stop: RawStop; from: number; to: number }[];
}

/**
 * Merge stop intervals clipped to (A, ∞): overlapping or touching intervals count once.
 * For each stop, `from`..`to` is the part (from, to] it removes that no stop opening
 * earlier already removes (from >= to when it removes nothing new).
 */
export function mergeStops(stops: readonly RawStop[], a: number): MergedStops {
  const clipped = stops
    .map((stop) => ({ stop, s: Math.max(stop.s, a), r: stop.r }))
    .sort((x, y) => x.s - y.s || x.r - y.r);
  const intervals: number[] = [];
  const attribution: MergedStops['attribution'] = [];
  let coveredUntil = a;
  for (const { stop, s, r } of clipped) {
    const from = Math.max(s, coveredUntil);
    attribution.push({ stop, from, to: Math.max(from, r) });
    if (r <= s) continue;
    const n = intervals.length;
    if (n > 0 && s <= intervals[n - 1]) {
      if (r > intervals[n - 1]) intervals[n - 1] = r;
    } else {
      intervals.push(s, r);
    }
    if (r > coveredUntil) coveredUntil = r;
  }
  return { intervals, attribution };
}

/** Public view of the stops of a case: dates as 'YYYY-MM-DD' (open stops close on closeOn). */
export function deriveStopIntervals(
  events: readonly ClockEvent[],
  acceptedAt: Date,
  closeOn: string
): { kind: StopKind; procedure: string | null; openedOn: string; closedOn: string; open: boolean }[] {
  const { stops } = deriveStops(sortEvents(events), acceptedAt.getTime(), dayOfDate(closeOn));
  return stops.map((stop) => ({
    kind: stop.kind,
    procedure: stop.procedure,
    openedOn: dateOfDay(stop.s),
    closedOn: dateOfDay(stop.r),
    open: stop.open
  }));
}
