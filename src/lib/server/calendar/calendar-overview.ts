import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { countDaysByYear, listExceptionDays, listYearRecords } from './calendar-admin.repository';
import type { ExceptionDay } from './import-plan';
import { dayOfWeek } from './working-days';

// What the calendar page shows: every year from 2024 to next year (at least 2027) and any
// other year the tables mention, with its status and counts, and the exception days of
// the chosen year grouped by month.

export const FIRST_LISTED_YEAR = 2024;

export interface YearOverview {
  year: number;
  confirmed: boolean;
  notice: string | null;
  updatedAt: Date | null;
  holidays: number;
  makeupWorkdays: number;
  /** Working days of the year as the clock counts them (Monday–Friday when unconfirmed). */
  workingDays: number;
}

export interface MonthGroup {
  month: number;
  days: (ExceptionDay & { weekday: number })[];
}

export function weekdaysInYear(year: number): number {
  let n = 0;
  for (
    let d = new Date(Date.UTC(year, 0, 1));
    d.getUTCFullYear() === year;
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    const dow = d.getUTCDay();
    if (dow !== 0 && dow !== 6) n++;
  }
  return n;
}

export function groupByMonth(days: readonly ExceptionDay[]): MonthGroup[] {
  const groups: MonthGroup[] = [];
  for (const day of days) {
    const month = Number(day.date.slice(5, 7));
    let group = groups[groups.length - 1];
    if (!group || group.month !== month) groups.push((group = { month, days: [] }));
    group.days.push({ ...day, weekday: dayOfWeek(day.date) });
  }
  return groups;
}

/** `also`: a year to list even if nothing mentions it (the one being looked at). */
export async function listYearOverviews(
  db: Kysely<Database>,
  today: string,
  also?: number
): Promise<YearOverview[]> {
  const [records, counts] = await Promise.all([listYearRecords(db), countDaysByYear(db)]);
  const lastDefault = Math.max(2027, Number(today.slice(0, 4)) + 1);
  const years = new Set<number>();
  for (let y = FIRST_LISTED_YEAR; y <= lastDefault; y++) years.add(y);
  for (const r of records) years.add(r.year);
  for (const c of counts) years.add(c.year);
  if (also !== undefined) years.add(also);
  return [...years]
    .sort((a, b) => a - b)
    .map((year) => {
      const record = records.find((r) => r.year === year);
      const count = counts.find((c) => c.year === year);
      const confirmed = record?.confirmed ?? false;
      const holidays = count?.holidays ?? 0;
      const makeupWorkdays = count?.makeupWorkdays ?? 0;
      return {
        year,
        confirmed,
        notice: record?.notice ?? null,
        updatedAt: record?.updated_at ?? null,
        holidays,
        makeupWorkdays,
        workingDays: weekdaysInYear(year) - (confirmed ? holidays - makeupWorkdays : 0)
      };
    });
}

export async function listYearMonths(db: Kysely<Database>, year: number): Promise<MonthGroup[]> {
  return groupByMonth(await listExceptionDays(db, year));
}
