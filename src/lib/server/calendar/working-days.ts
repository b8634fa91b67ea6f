import { OFFICIAL_YEARS } from './official-calendar';

// Pure working-day arithmetic on local dates written 'YYYY-MM-DD'. Dates are handled as
// UTC midnights so that no server time zone can shift them.

export interface CalendarOverrides {
  /** Dates that are not working days although Monday–Friday. */
  holidays: ReadonlySet<string>;
  /** Dates that are working days although Saturday or Sunday. */
  makeUpWorkdays: ReadonlySet<string>;
  /** Years whose notice is confirmed; other years fall back to Monday–Friday. */
  confirmedYears: ReadonlySet<number>;
}

export function officialCalendar(): CalendarOverrides {
  return {
    holidays: new Set(OFFICIAL_YEARS.flatMap((y) => y.holidays)),
    makeUpWorkdays: new Set(OFFICIAL_YEARS.flatMap((y) => y.makeUpWorkdays)),
    confirmedYears: new Set(OFFICIAL_YEARS.map((y) => y.year))
  };
}

export function dayOfWeek(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function isWorkingDay(date: string, calendar: CalendarOverrides): boolean {
  if (calendar.makeUpWorkdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6;
}

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The local date (Asia/Shanghai, UTC+8 without daylight saving) of an instant. */
export function localDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Working days in (from, to]: the day `from` itself is not counted; 0 when to <= from. */
export function countWorkingDays(from: string, to: string, calendar: CalendarOverrides): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, calendar)) n++;
  return n;
}

/** The n-th working day after `date` (n >= 1); `date` itself when n <= 0. */
export function addWorkingDays(date: string, n: number, calendar: CalendarOverrides): string {
  let d = date;
  for (let left = n; left > 0;) {
    d = addDays(d, 1);
    if (isWorkingDay(d, calendar)) left--;
  }
  return d;
}

/** Whether the year of `date` has a confirmed holiday notice (else Monday–Friday applies). */
export function isConfirmedDate(date: string, calendar: CalendarOverrides): boolean {
  return calendar.confirmedYears.has(Number(date.slice(0, 4)));
}
