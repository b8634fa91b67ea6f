import { addMonths } from '../../kpis/periods';
import type { CalendarOverrides } from '../calendar/working-days';
import { calendarIndex, dateOfDay, dayOfDate, dayOfInstant } from '../clock';
import type { CalendarIndex } from '../clock';

// The appraisal's dates on the working-day calendar (shared/spec/scoring.md): when a month
// closes and until when an event may be appealed. Dates are local (Asia/Shanghai)
// 'YYYY-MM-DD', months 'YYYY-MM'; the calendar is the one the clock uses (holidays and
// make-up working days), compiled once per object by calendarIndex.

export type AppraisalCalendar = CalendarOverrides | CalendarIndex;

/** A month closes on this working day of the next month. */
export const CLOSING_WORKING_DAY = 5;
/** An event may be appealed until this many working days after its date. */
export const APPEAL_WORKING_DAYS = 5;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(month: string): boolean {
  return MONTH.test(month);
}

function parseMonth(month: string): [number, number] {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a month 'YYYY-MM': ${month}`);
  return [Number(m[1]), Number(m[2])];
}

/** The 'YYYY-MM' of a 'YYYY-MM-DD' date. */
export function monthOfDate(date: string): string {
  dayOfDate(date); // validates
  return date.slice(0, 7);
}

/** The first and last dates of a month. */
export function monthBounds(month: string): { first: string; last: string } {
  const [y, m] = parseMonth(month);
  const first = Date.UTC(y, m - 1, 1) / 86_400_000;
  const next = Date.UTC(y, m, 1) / 86_400_000;
  return { first: dateOfDay(first), last: dateOfDay(next - 1) };
}

/** The month after a month. */
export function nextMonth(month: string): string {
  parseMonth(month);
  return addMonths(`${month}-01`, 1).slice(0, 7);
}

/** The day a month closes: the 5th working day of the next month. */
export function monthClosingDate(month: string, calendar: AppraisalCalendar): string {
  const index = calendarIndex(calendar);
  const lastDay = dayOfDate(monthBounds(month).last);
  return dateOfDay(index.nthWorkingDayAfter(lastDay, CLOSING_WORKING_DAY));
}

/**
 * Whether a month may be closed on `today`: from its closing date on. The closing job
 * should run at the end of that day, because an event of the month's last day may still
 * be appealed on it (its appeal deadline is the same day).
 */
export function isMonthClosable(month: string, today: string, calendar: AppraisalCalendar): boolean {
  return dayOfDate(today) >= dayOfDate(monthClosingDate(month, calendar));
}

/**
 * The last day an event may be appealed: the 5th working day after the event's date, the
 * event's day itself not counted (as the clock does not count the day of acceptance).
 * An instant is taken on its local (Asia/Shanghai) date.
 */
export function appealDeadline(eventDate: string | Date, calendar: AppraisalCalendar): string {
  const day = typeof eventDate === 'string' ? dayOfDate(eventDate) : dayOfInstant(eventDate);
  return dateOfDay(calendarIndex(calendar).nthWorkingDayAfter(day, APPEAL_WORKING_DAYS));
}

/** Whether an appeal filed on `today` is in time (deadline day included). */
export function isAppealOpen(eventDate: string | Date, today: string, calendar: AppraisalCalendar): boolean {
  return dayOfDate(today) <= dayOfDate(appealDeadline(eventDate, calendar));
}
