import { sql, type Kysely } from 'kysely';

// The working-day calendar (shared/spec/time-limits.md): only the exceptions to
// Monday–Friday are stored, per year with the State Council notice that fixes them.
// Seeded with the notices for 2024–2026, written out here (not imported) so that this
// migration stays what it was when it ran. Frozen in time: never import application code.

interface SeedYear {
  year: number;
  notice: string;
  /** [first 'MM-DD', last 'MM-DD' (or the same), note] of weekday holidays. */
  off: [string, string, string][];
  /** ['MM-DD', note] of weekend make-up working days (调休上班). */
  work: [string, string][];
}

const SEED: SeedYear[] = [
  {
    year: 2024,
    notice: '国务院办公厅关于2024年部分节假日安排的通知',
    off: [
      ['01-01', '01-01', '元旦'],
      ['02-12', '02-16', '春节'],
      ['04-04', '04-05', '清明节'],
      ['05-01', '05-03', '劳动节'],
      ['06-10', '06-10', '端午节'],
      ['09-16', '09-17', '中秋节'],
      ['10-01', '10-04', '国庆节'],
      ['10-07', '10-07', '国庆节']
    ],
    work: [
      ['02-04', '春节调休上班'],
      ['02-18', '春节调休上班'],
      ['04-07', '清明节调休上班'],
      ['04-28', '劳动节调休上班'],
      ['05-11', '劳动节调休上班'],
      ['09-14', '中秋节调休上班'],
      ['09-29', '国庆节调休上班'],
      ['10-12', '国庆节调休上班']
    ]
  },
  {
    year: 2025,
    notice: '国务院办公厅关于2025年部分节假日安排的通知',
    off: [
      ['01-01', '01-01', '元旦'],
      ['01-28', '01-31', '春节'],
      ['02-03', '02-04', '春节'],
      ['04-04', '04-04', '清明节'],
      ['05-01', '05-02', '劳动节'],
      ['05-05', '05-05', '劳动节'],
      ['06-02', '06-02', '端午节'],
      ['10-01', '10-03', '国庆节、中秋节'],
      ['10-06', '10-08', '国庆节、中秋节']
    ],
    work: [
      ['01-26', '春节调休上班'],
      ['02-08', '春节调休上班'],
      ['04-27', '劳动节调休上班'],
      ['09-28', '国庆节、中秋节调休上班'],
      ['10-11', '国庆节、中秋节调休上班']
    ]
  },
  {
    year: 2026,
    notice: '国务院办公厅关于2026年部分节假日安排的通知',
    off: [
      ['01-01', '01-02', '元旦'],
      ['02-16', '02-20', '春节'],
      ['02-23', '02-23', '春节'],
      ['04-06', '04-06', '清明节'],
      ['05-01', '05-01', '劳动节'],
      ['05-04', '05-05', '劳动节'],
      ['06-19', '06-19', '端午节'],
      ['09-25', '09-25', '中秋节'],
      ['10-01', '10-02', '国庆节'],
      ['10-05', '10-07', '国庆节']
    ],
    work: [
      ['01-04', '元旦调休上班'],
      ['02-14', '春节调休上班'],
      ['02-28', '春节调休上班'],
      ['05-09', '劳动节调休上班'],
      ['09-20', '中秋节调休上班'],
      ['10-10', '国庆节调休上班']
    ]
  }
];

function datesBetween(year: number, from: string, to: string): string[] {
  const out: string[] = [];
  const day = new Date(`${year}-${from}T00:00:00Z`);
  const last = new Date(`${year}-${to}T00:00:00Z`);
  for (; day <= last; day.setUTCDate(day.getUTCDate() + 1)) out.push(day.toISOString().slice(0, 10));
  return out;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    // Without a confirmed notice the year falls back to Monday–Friday, and every deadline
    // in it is shown as computed on an unconfirmed calendar.
    .addColumn('confirmed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('notice', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('calendar_days')
    .addColumn('date', 'date', (c) => c.primaryKey())
    .addColumn('working', 'boolean', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('holiday', 'makeup_workday')`))
    .addColumn('note', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('calendar_days_kind_working', sql`working = (kind = 'makeup_workday')`)
    .execute();

  await db
    .insertInto('calendar_years')
    .values(SEED.map((y) => ({ year: y.year, confirmed: true, notice: y.notice })))
    .execute();
  await db
    .insertInto('calendar_days')
    .values(
      SEED.flatMap((y) => [
        ...y.off.flatMap(([from, to, note]) =>
          datesBetween(y.year, from, to).map((date) => ({ date, working: false, kind: 'holiday', note }))
        ),
        ...y.work.map(([day, note]) => ({
          date: `${y.year}-${day}`,
          working: true,
          kind: 'makeup_workday',
          note
        }))
      ])
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar_days').execute();
  await db.schema.dropTable('calendar_years').execute();
}
