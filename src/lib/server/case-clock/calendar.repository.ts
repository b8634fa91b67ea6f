import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { CalendarOverrides } from '../calendar/working-days';
import type { Database } from '../db/database';

// The working-day calendar as the clock takes it, read from calendar_days and
// calendar_years. A year without a confirmed notice falls back to Monday–Friday
// (time-limits.md): the exceptions entered for it are kept in the table but not applied
// until the year is confirmed, and every deadline that reaches into it says so.

export interface CalendarDayRow {
  date: string;
  working: boolean;
}

export interface CalendarYearRow {
  year: number;
  confirmed: boolean;
}

export function calendarFromRows(
  days: readonly CalendarDayRow[],
  years: readonly CalendarYearRow[]
): CalendarOverrides {
  const confirmedYears = new Set(years.filter((y) => y.confirmed).map((y) => Number(y.year)));
  const applied = days.filter((d) => confirmedYears.has(Number(d.date.slice(0, 4))));
  return {
    holidays: new Set(applied.filter((d) => !d.working).map((d) => d.date)),
    makeUpWorkdays: new Set(applied.filter((d) => d.working).map((d) => d.date)),
    confirmedYears
  };
}

const DAYS_SQL = `SELECT to_char(date, 'YYYY-MM-DD') AS date, working FROM calendar_days ORDER BY date`;
const YEARS_SQL = `SELECT year, confirmed FROM calendar_years ORDER BY year`;

/** Through a raw client (inside the caller's transaction). */
export async function loadCalendar(client: pg.ClientBase): Promise<CalendarOverrides> {
  const days = await client.query<CalendarDayRow>(DAYS_SQL);
  const years = await client.query<CalendarYearRow>(YEARS_SQL);
  return calendarFromRows(days.rows, years.rows);
}

/** Through Kysely. */
export async function loadCalendarFrom(db: Kysely<Database>): Promise<CalendarOverrides> {
  const [days, years] = await Promise.all([
    db.selectFrom('calendar_days').select(['date', 'working']).orderBy('date').execute(),
    db.selectFrom('calendar_years').select(['year', 'confirmed']).orderBy('year').execute()
  ]);
  return calendarFromRows(days, years);
}
