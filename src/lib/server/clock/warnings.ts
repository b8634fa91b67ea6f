import type { CalendarIndex } from './day-index';
import type { ClockFlag, Colour, WarningSettings } from './types';

// Lights (电子监察) and flags raised by the clock (time-limits.md, "Warnings" and "Flags").

/** ceil(ratio × L), robust to binary rounding (0.7 × 10 is 7.000000000000001 in floating point). */
export function yellowThreshold(ratio: number, limit: number): number {
  return Math.ceil(ratio * limit - 1e-9);
}

/**
 * Colour at T of an open case against its promised deadline D for limit L:
 * red when T > D; yellow when elapsed >= ceil(ratio × L) or L − elapsed <= yellowDays;
 * green otherwise. For L = 0 (即办件) D = A and the threshold is 0, so the case is yellow
 * (due today) on its acceptance date and red from the next day: the literal rule, kept.
 */
export function colourAt(
  limit: number,
  due: number,
  elapsed: number,
  t: number,
  settings: WarningSettings
): Colour {
  if (t > due) return 'red';
  if (elapsed >= yellowThreshold(settings.yellowRatio, limit) || limit - elapsed <= settings.yellowDays) {
    return 'yellow';
  }
  return 'green';
}

export const ONE_TIME_NOTICE_DAYS = 5;
export const DELIVERY_DAYS = 10;
export const REPEATED_STOPS = 3;

export interface FlagFinding {
  flag: ClockFlag;
  /** The count behind the flag: working days, or the number of stops. */
  count: number;
}

export interface FlagFacts {
  kind: 'immediate' | 'promised';
  a: number | null;
  open: boolean;
  t: number;
  received: number;
  /** Local dates of the correction requests at or before acceptance (all of them if never accepted). */
  preAcceptanceCorrections: readonly number[];
  invalidExtensions: number;
  concluded: number | null;
  delivered: number | null;
  stops: number;
}

/** The flags of a case, in a fixed order. */
export function findFlags(index: CalendarIndex, f: FlagFacts): FlagFinding[] {
  const found: FlagFinding[] = [];
  let latest = 0;
  for (const day of f.preAcceptanceCorrections) {
    latest = Math.max(latest, index.workingDaysBetween(f.received, day));
  }
  if (latest > ONE_TIME_NOTICE_DAYS) found.push({ flag: 'late_one_time_notice', count: latest });
  if (f.invalidExtensions > 0) found.push({ flag: 'invalid_extension', count: f.invalidExtensions });
  if (f.kind === 'immediate' && f.a !== null) {
    const end = f.concluded ?? (f.open ? f.t : null);
    if (end !== null && end > f.a) found.push({ flag: 'immediate_not_same_day', count: end - f.a });
  }
  if (f.concluded !== null && f.delivered !== null) {
    const n = index.workingDaysBetween(f.concluded, f.delivered);
    if (n > DELIVERY_DAYS) found.push({ flag: 'late_delivery', count: n });
  }
  if (f.stops >= REPEATED_STOPS) found.push({ flag: 'repeated_stops', count: f.stops });
  return found;
}
