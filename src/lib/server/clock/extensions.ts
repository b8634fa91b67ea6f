import { dueDay } from './counting';
import type { CalendarIndex } from './day-index';
import { dayOfInstant } from './day-index';
import type { ClockEvent, ExtensionRejection } from './types';

// Extensions of the statutory limit (第42条). Taken in time order; one is valid when its
// local date is on or before the statutory due date as extended by the valid ones before
// it ('late' otherwise) and the valid days including its own total at most 10
// ('over_limit' otherwise). An extension without a positive whole number of days is
// invalid too ('no_days'). An invalid extension extends nothing. Lateness is checked
// first, so a late extension that would also break the cap is reported as 'late'.

export const MAX_EXTENSION_DAYS = 10;

export interface RawExtension {
  day: number;
  days: number;
  valid: boolean;
  reason: ExtensionRejection | null;
  dueBefore: number;
  validDaysTotal: number;
}

export interface ExtensionOutcome {
  extensions: RawExtension[];
  validDays: number;
  /** The statutory due date with all valid extensions. */
  due: number;
}

/** `events` in clock order; `stops` the merged stop intervals. */
export function evaluateExtensions(
  index: CalendarIndex,
  a: number,
  stops: readonly number[],
  statutoryDays: number,
  events: readonly ClockEvent[]
): ExtensionOutcome {
  const extensions: RawExtension[] = [];
  let validDays = 0;
  let due = dueDay(index, a, stops, statutoryDays);
  for (const event of events) {
    if (event.kind !== 'extended') continue;
    const day = dayOfInstant(event.occurredAt);
    const days = event.days ?? 0;
    let reason: ExtensionRejection | null = null;
    if (!Number.isInteger(days) || days <= 0) reason = 'no_days';
    else if (day > due) reason = 'late';
    else if (validDays + days > MAX_EXTENSION_DAYS) reason = 'over_limit';
    const dueBefore = due;
    if (reason === null) {
      validDays += days;
      due = dueDay(index, a, stops, statutoryDays + validDays);
    }
    extensions.push({ day, days, valid: reason === null, reason, dueBefore, validDaysTotal: validDays });
  }
  return { extensions, validDays, due };
}
