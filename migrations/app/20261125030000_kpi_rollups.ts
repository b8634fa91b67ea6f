import { sql, type Kysely } from 'kysely';

// Rollups of the headline figures (shared/spec/kpis.md), so that the dashboard reads a
// few hundred pre-summed rows instead of scanning cases per request:
//   kpi_daily      one row per local day × section × cut (dim, key) with the counts and
//                  sums of the period figures that happened that day;
//   kpi_now        the "now" figures (open, overdue, lights, paused) per section × cut;
//   kpi_flags      how many cases (open or not) carry each clock flag, per section (the
//                  warnings page: counting them per request reads every flagged case);
//   kpi_dirty_days days whose kpi_daily rows are stale. Statement-level triggers on the
//                  synced tables and on case_clock fill it, so any writer (the sync, the
//                  daily refresh, a calendar change) marks what it touched; the rollup
//                  refresh (src/lib/server/kpis/rollup-refresh.service.ts) empties it.
// Frozen in time: never import application code here.

const COUNTS = [
  'received',
  'received_online',
  'accepted',
  'rejected',
  'withdrawn',
  'concluded',
  'approved',
  'denied',
  'promised_on_time',
  'statutory_on_time',
  'with_processing',
  'same_day',
  'rated',
  'ratings',
  'good_ratings',
  'bad_ratings',
  'complaints',
  'complaints_substantiated',
  'complaints_closed'
];

const LOCAL_DAY = (column: string) => `((${column}) AT TIME ZONE 'Asia/Shanghai')::date`;

export async function up(db: Kysely<any>): Promise<void> {
  // section_id 0: a rating or complaint with neither a case nor a window in a section (it
  // counts only in the uncut figures). dim 'all' has key ''; other dims key the id (or the
  // value, for level and channel) as text.
  let daily = db.schema
    .createTable('kpi_daily')
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('section_id', 'integer', (c) => c.notNull());
  for (const name of COUNTS) daily = daily.addColumn(name, 'integer', (c) => c.notNull().defaultTo(0));
  await daily
    .addColumn('processing_days', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('statutory_days', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('kpi_daily_pkey', ['dim', 'day', 'key', 'section_id'])
    .execute();
  // One member of a cut over a period (a matter, a window): by key first.
  await sql`CREATE INDEX kpi_daily_key_idx ON kpi_daily (dim, key, day)`.execute(db);

  await db.schema
    .createTable('kpi_now')
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('section_id', 'integer', (c) => c.notNull())
    .addColumn('open_now', 'integer', (c) => c.notNull())
    .addColumn('overdue_open_promised', 'integer', (c) => c.notNull())
    .addColumn('overdue_open_statutory', 'integer', (c) => c.notNull())
    .addColumn('yellow_now', 'integer', (c) => c.notNull())
    .addColumn('red_now', 'integer', (c) => c.notNull())
    .addColumn('paused_now', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('kpi_now_pkey', ['dim', 'key', 'section_id'])
    .execute();

  await db.schema
    .createTable('kpi_flags')
    .addColumn('section_id', 'integer', (c) => c.notNull())
    .addColumn('flag', 'text', (c) => c.notNull())
    .addColumn('cases', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('kpi_flags_pkey', ['section_id', 'flag'])
    .execute();

  await db.schema
    .createTable('kpi_dirty_days')
    .addColumn('day', 'date', (c) => c.primaryKey())
    .execute();

  // One row: when the rollups were last brought up to date (shown next to the figures).
  await db.schema
    .createTable('kpi_rollup_state')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('refreshed_at', 'timestamptz')
    .addColumn('days_refreshed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`INSERT INTO kpi_rollup_state (id) VALUES (1)`.execute(db);

  // Rejected / withdrawn events by day: the rollup recomputes a day's events.
  await sql`CREATE INDEX case_events_outcome_idx ON case_events (occurred_at)
    WHERE kind IN ('rejected', 'withdrawn')`.execute(db);

  // The warnings page's lists of open cases, most urgent first (a light by the working days
  // left, the legal violations by statutory due date): walked in order, so a page of 100
  // joins about 100 cases instead of every yellow or red one.
  await sql`CREATE INDEX case_clock_open_light_idx ON case_clock (colour, remaining_days) WHERE open`.execute(
    db
  );
  await sql`CREATE INDEX case_clock_open_statutory_idx ON case_clock (statutory_due_on)
    WHERE open AND statutory_overdue`.execute(db);

  await markDirtyTriggers(db);
}

/** Inserts the days into kpi_dirty_days, ignoring those already there. */
const mark = (select: string) => `
  INSERT INTO kpi_dirty_days (day)
  SELECT DISTINCT d FROM (${select}) AS t(d) WHERE d IS NOT NULL
  ON CONFLICT DO NOTHING;`;

const CASE_DAYS = (t: string) => `
  SELECT ${LOCAL_DAY('received_at')} FROM ${t}
  UNION SELECT ${LOCAL_DAY('accepted_at')} FROM ${t}
  UNION SELECT ${LOCAL_DAY('concluded_at')} FROM ${t}`;

// When a case's cut columns change, its events, ratings and complaints move with it.
const FOLLOWERS_OF = (ids: string) => `
  SELECT ${LOCAL_DAY('e.occurred_at')} FROM case_events e
    WHERE e.case_id IN (${ids}) AND e.kind IN ('rejected', 'withdrawn')
  UNION SELECT ${LOCAL_DAY('r.rated_at')} FROM ratings r WHERE r.case_id IN (${ids})
  UNION SELECT ${LOCAL_DAY('p.received_at')} FROM complaints p WHERE p.case_id IN (${ids})`;

const MOVED_CASES = `
  SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE (n.matter_id, n.service_point_id, n.window_id, n.handler_staff_id, n.channel)
    IS DISTINCT FROM (o.matter_id, o.service_point_id, o.window_id, o.handler_staff_id, o.channel)`;

// A reference change that re-sections cases (a matter moved to another section) makes
// every day stale: rare, and a full rebuild is the honest answer.
const ALL_DAYS = `SELECT generate_series(
    (SELECT ${LOCAL_DAY('min(received_at)')} FROM cases),
    greatest((SELECT ${LOCAL_DAY('max(received_at)')} FROM cases), (SELECT ${LOCAL_DAY('max(rated_at)')} FROM ratings)),
    interval '1 day')::date`;

const CONCLUDED_DAY_OF = (t: string) =>
  `SELECT ${LOCAL_DAY('c.concluded_at')} FROM ${t} k JOIN cases c ON c.id = k.case_id WHERE NOT k.open`;

interface TriggerSpec {
  table: string;
  insert?: string;
  update?: string;
  delete?: string;
}

const TRIGGERS: TriggerSpec[] = [
  {
    table: 'cases',
    insert: mark(CASE_DAYS('new_rows')),
    update: mark(
      `${CASE_DAYS('new_rows')} UNION ${CASE_DAYS('old_rows')} UNION ${FOLLOWERS_OF(MOVED_CASES)}`
    ),
    delete: mark(CASE_DAYS('old_rows'))
  },
  // A concluded case's on-time flags and processing days live in its clock row. Open
  // cases (the daily refresh) only feed kpi_now, which is rebuilt whole.
  {
    table: 'case_clock',
    insert: mark(CONCLUDED_DAY_OF('new_rows')),
    update: mark(CONCLUDED_DAY_OF('new_rows')),
    delete: mark(CONCLUDED_DAY_OF('old_rows'))
  },
  {
    // The first rejected / withdrawn event of a case counts: any change to one may move it.
    table: 'case_events',
    insert: mark(FOLLOWERS_OF(`SELECT case_id FROM new_rows WHERE kind IN ('rejected', 'withdrawn')`)),
    update: mark(
      `${FOLLOWERS_OF(`SELECT case_id FROM new_rows WHERE kind IN ('rejected', 'withdrawn')`)}
       UNION SELECT ${LOCAL_DAY('occurred_at')} FROM old_rows WHERE kind IN ('rejected', 'withdrawn')`
    ),
    delete: mark(`SELECT ${LOCAL_DAY('occurred_at')} FROM old_rows WHERE kind IN ('rejected', 'withdrawn')`)
  },
  {
    // A rating also changes its case's coverage (rated), counted on the conclusion day.
    table: 'ratings',
    insert: mark(`SELECT ${LOCAL_DAY('rated_at')} FROM new_rows
      UNION SELECT ${LOCAL_DAY('c.concluded_at')} FROM new_rows n JOIN cases c ON c.id = n.case_id`),
    update:
      mark(`SELECT ${LOCAL_DAY('rated_at')} FROM new_rows UNION SELECT ${LOCAL_DAY('rated_at')} FROM old_rows
      UNION SELECT ${LOCAL_DAY('c.concluded_at')} FROM new_rows n JOIN cases c ON c.id = n.case_id
      UNION SELECT ${LOCAL_DAY('c.concluded_at')} FROM old_rows o JOIN cases c ON c.id = o.case_id`),
    delete: mark(`SELECT ${LOCAL_DAY('rated_at')} FROM old_rows
      UNION SELECT ${LOCAL_DAY('c.concluded_at')} FROM old_rows o JOIN cases c ON c.id = o.case_id`)
  },
  {
    table: 'complaints',
    insert: mark(`SELECT ${LOCAL_DAY('received_at')} FROM new_rows`),
    update: mark(
      `SELECT ${LOCAL_DAY('received_at')} FROM new_rows UNION SELECT ${LOCAL_DAY('received_at')} FROM old_rows`
    ),
    delete: mark(`SELECT ${LOCAL_DAY('received_at')} FROM old_rows`)
  },
  {
    table: 'matters',
    update: `IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.section_id, n.department_id) IS DISTINCT FROM (o.section_id, o.department_id)) THEN
      ${mark(ALL_DAYS)}
    END IF;`
  },
  {
    table: 'windows',
    update: `IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.section_id, n.service_point_id) IS DISTINCT FROM (o.section_id, o.service_point_id)) THEN
      ${mark(ALL_DAYS)}
    END IF;`
  },
  {
    table: 'service_points',
    update: `IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.level IS DISTINCT FROM o.level) THEN
      ${mark(ALL_DAYS)}
    END IF;`
  }
];

async function markDirtyTriggers(db: Kysely<any>): Promise<void> {
  for (const spec of TRIGGERS) {
    for (const event of ['insert', 'update', 'delete'] as const) {
      const body = spec[event];
      if (!body) continue;
      const name = `kpi_dirty_${spec.table}_${event}`;
      const transitions =
        event === 'insert'
          ? 'NEW TABLE AS new_rows'
          : event === 'delete'
            ? 'OLD TABLE AS old_rows'
            : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
      await sql
        .raw(
          `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
           BEGIN
             ${body}
             RETURN NULL;
           END $fn$`
        )
        .execute(db);
      await sql
        .raw(
          `CREATE TRIGGER ${name} AFTER ${event.toUpperCase()} ON ${spec.table}
           REFERENCING ${transitions} FOR EACH STATEMENT EXECUTE FUNCTION ${name}()`
        )
        .execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const spec of TRIGGERS) {
    for (const event of ['insert', 'update', 'delete'] as const) {
      if (!spec[event]) continue;
      const name = `kpi_dirty_${spec.table}_${event}`;
      await sql.raw(`DROP TRIGGER ${name} ON ${spec.table}`).execute(db);
      await sql.raw(`DROP FUNCTION ${name}()`).execute(db);
    }
  }
  await sql`DROP INDEX case_clock_open_statutory_idx`.execute(db);
  await sql`DROP INDEX case_clock_open_light_idx`.execute(db);
  await sql`DROP INDEX case_events_outcome_idx`.execute(db);
  for (const table of ['kpi_rollup_state', 'kpi_dirty_days', 'kpi_flags', 'kpi_now', 'kpi_daily']) {
    await db.schema.dropTable(table).execute();
  }
}
