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
