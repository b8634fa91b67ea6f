import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { ExceptionDay } from './import-plan';

// Reads and writes of calendar_days and calendar_years for the administrator's calendar
// page. Writes take the caller's transaction (see calendar-admin.service.ts).

type Db = Kysely<Database>;

export interface CalendarYearRecord {
  year: number;
  confirmed: boolean;
  notice: string | null;
}

export interface YearCounts {
  year: number;
  holidays: number;
  makeupWorkdays: number;
}

const yearRange = (year: number) => [`${year}-01-01`, `${year}-12-31`] as const;

export async function listYearRecords(db: Db): Promise<(CalendarYearRecord & { updated_at: Date })[]> {
  return db
    .selectFrom('calendar_years')
    .select(['year', 'confirmed', 'notice', 'updated_at'])
    .orderBy('year')
    .execute();
}

/** The number of exception days of each year that has any. */
export async function countDaysByYear(db: Db): Promise<YearCounts[]> {
  const rows = await db
    .selectFrom('calendar_days')
    .select([
      sql<number>`extract(year from date)::int`.as('year'),
      sql<number>`count(*) filter (where not working)::int`.as('holidays'),
      sql<number>`count(*) filter (where working)::int`.as('makeupWorkdays')
    ])
    .groupBy(sql`extract(year from date)`)
    .orderBy('year')
    .execute();
  return rows;
}

export async function findYearRecord(db: Db, year: number): Promise<CalendarYearRecord | undefined> {
  return db
    .selectFrom('calendar_years')
    .select(['year', 'confirmed', 'notice'])
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function listExceptionDays(db: Db, year: number): Promise<ExceptionDay[]> {
  const [from, to] = yearRange(year);
  return db
    .selectFrom('calendar_days')
    .select(['date', 'working', 'kind', 'note'])
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .execute();
}

export async function findExceptionDay(db: Db, date: string): Promise<ExceptionDay | undefined> {
  return db
    .selectFrom('calendar_days')
    .select(['date', 'working', 'kind', 'note'])
    .where('date', '=', date)
    .executeTakeFirst();
}

export async function upsertExceptionDay(db: Db, day: ExceptionDay): Promise<ExceptionDay> {
  const values = { date: day.date, working: day.working, kind: day.kind, note: day.note };
  return db
    .insertInto('calendar_days')
    .values(values)
    .onConflict((oc) => oc.column('date').doUpdateSet({ ...values, updated_at: sql`now()` }))
    .returning(['date', 'working', 'kind', 'note'])
    .executeTakeFirstOrThrow();
}

export async function deleteExceptionDay(db: Db, date: string): Promise<void> {
  await db.deleteFrom('calendar_days').where('date', '=', date).execute();
}

/** Replaces every exception day of a year. */
export async function replaceYearDays(db: Db, year: number, days: readonly ExceptionDay[]): Promise<void> {
  const [from, to] = yearRange(year);
  await db.deleteFrom('calendar_days').where('date', '>=', from).where('date', '<=', to).execute();
  if (!days.length) return;
  await db
    .insertInto('calendar_days')
    .values(days.map((d) => ({ date: d.date, working: d.working, kind: d.kind, note: d.note })))
    .execute();
}

export async function upsertYearRecord(db: Db, record: CalendarYearRecord): Promise<CalendarYearRecord> {
  return db
    .insertInto('calendar_years')
    .values(record)
    .onConflict((oc) =>
      oc
        .column('year')
        .doUpdateSet({ confirmed: record.confirmed, notice: record.notice, updated_at: sql`now()` })
    )
    .returning(['year', 'confirmed', 'notice'])
    .executeTakeFirstOrThrow();
}
