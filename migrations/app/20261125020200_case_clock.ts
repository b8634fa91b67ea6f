import { sql, type Kysely } from 'kysely';

// Per-matter warning settings and the derived clock of every synced case
// (shared/spec/time-limits.md). case_clock is written by the sync (cases whose row or
// events changed), by the daily refresh (open cases) and after calendar or setting
// changes; it is never edited by hand. Frozen in time: never import application code.

export async function up(db: Kysely<any>): Promise<void> {
  // Only matters whose settings differ from the defaults need a row.
  await db.schema
    .createTable('matter_settings')
    .addColumn('matter_id', 'integer', (c) => c.primaryKey().references('matters.id'))
    .addColumn('yellow_ratio', 'numeric', (c) =>
      c
        .notNull()
        .defaultTo(0.8)
        .check(sql`yellow_ratio > 0 AND yellow_ratio <= 1`)
    )
    .addColumn('yellow_days', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`yellow_days >= 0`)
    )
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('case_clock')
    .addColumn('case_id', 'bigint', (c) => c.primaryKey().references('cases.id'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    // Accepted and not concluded, rejected or withdrawn: its figures move with the date.
    .addColumn('open', 'boolean', (c) => c.notNull())
    .addColumn('accepted_on', 'date')
    .addColumn('promised_limit_days', 'integer', (c) => c.notNull())
    .addColumn('promised_due_on', 'date')
    .addColumn('promised_on_time', 'boolean')
    .addColumn('promised_overdue', 'boolean', (c) => c.notNull())
    .addColumn('statutory_days', 'integer', (c) => c.notNull()) // the matter's limit
    .addColumn('extension_days', 'integer', (c) => c.notNull()) // valid extensions
    .addColumn('statutory_limit_days', 'integer', (c) => c.notNull()) // the two added
    .addColumn('statutory_due_on', 'date')
    .addColumn('statutory_on_time', 'boolean')
    // Open and past the statutory due date, or concluded after it (超法定时限).
    .addColumn('statutory_overdue', 'boolean', (c) => c.notNull())
    .addColumn('elapsed_days', 'integer')
    .addColumn('remaining_days', 'integer')
    .addColumn('processing_days', 'integer')
    .addColumn('colour', 'text', (c) => c.check(sql`colour IN ('green', 'yellow', 'red')`))
    .addColumn('paused', 'boolean', (c) => c.notNull())
    .addColumn('flags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('stop_count', 'integer', (c) => c.notNull())
    .addColumn('calendar_unconfirmed', 'boolean', (c) => c.notNull())
    .addColumn('unconfirmed_years', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // The dates the computation depended on: a calendar change inside [span_from,
    // span_to] can change the row, one outside cannot.
    .addColumn('span_from', 'date', (c) => c.notNull())
    .addColumn('span_to', 'date', (c) => c.notNull())
    .addColumn('evaluated_on', 'date', (c) => c.notNull())
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // The lists: lights of open cases, legal violations, flagged cases, what falls due.
  await sql`CREATE INDEX case_clock_colour_idx ON case_clock (colour) WHERE colour IS NOT NULL`.execute(db);
  await sql`CREATE INDEX case_clock_statutory_overdue_idx ON case_clock (statutory_due_on) WHERE statutory_overdue`.execute(
    db
  );
  await sql`CREATE INDEX case_clock_flags_idx ON case_clock USING gin (flags) WHERE flags <> '{}'`.execute(
    db
  );
  await sql`CREATE INDEX case_clock_promised_due_idx ON case_clock (promised_due_on) WHERE open`.execute(db);
  await sql`CREATE INDEX case_clock_statutory_due_idx ON case_clock (statutory_due_on) WHERE open`.execute(
    db
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('case_clock').execute();
  await db.schema.dropTable('matter_settings').execute();
}
