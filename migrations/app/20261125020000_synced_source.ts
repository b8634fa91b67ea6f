import { sql, type Kysely } from 'kysely';

// The product's copies of the ten source relations (shared/spec/source-contract.md),
// the sync bookkeeping (watermarks) and the quarantine of malformed source rows.
// Frozen in time: never import application code here.
//
// Same names and columns as the contract, plus `synced_at` (when a sync last changed the
// row). The large relations carry `region_code` (events, ratings and complaints copy it
// from their case, or from the service point of their window when they have no case):
// a later issue distributes them by it. No foreign keys between the copies: the sync
// validates references itself and quarantines what does not resolve.

type Column = [name: string, type: string, notNull: boolean];

const RELATIONS: Record<string, Column[]> = {
  departments: [
    ['id', 'integer', true],
    ['code', 'text', true],
    ['name', 'text', true]
  ],
  sections: [
    ['id', 'integer', true],
    ['code', 'text', true],
    ['name', 'text', true]
  ],
  service_points: [
    ['id', 'integer', true],
    ['code', 'text', true],
    ['name', 'text', true],
    ['level', 'text', true],
    ['parent_id', 'integer', false],
    ['region_code', 'text', true]
  ],
  windows: [
    ['id', 'integer', true],
    ['code', 'text', true],
    ['name', 'text', true],
    ['service_point_id', 'integer', true],
    ['section_id', 'integer', false]
  ],
  staff: [
    ['id', 'integer', true],
    ['staff_no', 'text', true],
    ['name', 'text', true],
    ['window_id', 'integer', false],
    ['section_id', 'integer', false],
    ['position', 'text', true],
    ['employment', 'text', true],
    ['active', 'boolean', true]
  ],
  matters: [
    ['id', 'integer', true],
    ['code', 'text', true],
    ['name', 'text', true],
    ['department_id', 'integer', true],
    ['section_id', 'integer', true],
    ['kind', 'text', true],
    ['statutory_days', 'integer', true],
    ['promised_days', 'integer', true],
    ['online', 'boolean', true]
  ],
  cases: [
    ['id', 'bigint', true],
    ['case_no', 'text', true],
    ['region_code', 'text', true],
    ['matter_id', 'integer', true],
    ['service_point_id', 'integer', true],
    ['window_id', 'integer', false],
    ['channel', 'text', true],
    ['applicant_kind', 'text', true],
    ['applicant_name', 'text', true],
    ['applicant_id_no', 'text', true],
    ['applicant_phone', 'text', true],
    ['received_at', 'timestamptz', true],
    ['accepted_at', 'timestamptz', false],
    ['handler_staff_id', 'integer', false],
    ['status', 'text', true],
    ['decision', 'text', false],
    ['concluded_at', 'timestamptz', false],
    ['delivered_at', 'timestamptz', false]
  ],
  case_events: [
    ['id', 'bigint', true],
    ['case_id', 'bigint', true],
    ['kind', 'text', true],
    ['occurred_at', 'timestamptz', true],
    ['staff_id', 'integer', false],
    ['procedure', 'text', false],
    ['days', 'integer', false],
    ['note', 'text', false],
    ['region_code', 'text', true]
  ],
  ratings: [
    ['id', 'bigint', true],
    ['case_id', 'bigint', false],
    ['staff_id', 'integer', false],
    ['window_id', 'integer', false],
    ['level', 'integer', true],
    ['channel', 'text', true],
    ['rated_at', 'timestamptz', true],
    ['comment', 'text', false],
    ['region_code', 'text', true]
  ],
  complaints: [
    ['id', 'bigint', true],
    ['case_id', 'bigint', false],
    ['staff_id', 'integer', false],
    ['window_id', 'integer', false],
    ['source', 'text', true],
    ['category', 'text', true],
    ['received_at', 'timestamptz', true],
    ['substantiated', 'boolean', false],
    ['closed_at', 'timestamptz', false],
    ['region_code', 'text', true]
  ]
};

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, columns] of Object.entries(RELATIONS)) {
    let builder = db.schema.createTable(table);
    for (const [name, type, notNull] of columns) {
      builder = builder.addColumn(name, sql.raw(type), (c) => {
        const column = name === 'id' ? c.primaryKey() : c;
        return notNull ? column.notNull() : column;
      });
    }
    await builder
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addColumn('synced_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
  }

  // Lookups of the screens and the KPI queries. case_no is unique in the source; here
  // it is only indexed, so that a source that reuses a number cannot stop the sync (the
  // sync quarantines the second case instead).
  const index = (name: string, table: string, columns: string[]) =>
    db.schema.createIndex(name).on(table).columns(columns).execute();
  await index('cases_case_no_idx', 'cases', ['case_no']);
  await index('cases_matter_idx', 'cases', ['matter_id']);
  await index('cases_received_at_idx', 'cases', ['received_at']);
  await index('cases_accepted_at_idx', 'cases', ['accepted_at']);
  await index('cases_concluded_at_idx', 'cases', ['concluded_at']);
  // Cases by status while open: the daily refresh recomputes them (a case concluded
  // without a date is evaluated on the day, so it is refreshed too). Ended cases are
  // looked up by their dates (received_at, accepted_at, concluded_at) instead.
  await sql`
    CREATE INDEX cases_open_idx ON cases (status, id)
    WHERE status IN ('received', 'accepted', 'suspended') OR (status = 'concluded' AND concluded_at IS NULL)
  `.execute(db);
  await index('case_events_case_idx', 'case_events', ['case_id', 'occurred_at', 'id']);
  await index('ratings_case_idx', 'ratings', ['case_id']);
  await index('ratings_rated_at_idx', 'ratings', ['rated_at']);
  await index('complaints_case_idx', 'complaints', ['case_id']);
  await index('complaints_received_at_idx', 'complaints', ['received_at']);
  await index('staff_window_idx', 'staff', ['window_id']);
  await index('windows_service_point_idx', 'windows', ['service_point_id']);

  // One row per relation: how far the sync has read. The watermark is the newest
  // updated_at read by a committed pass; the next pass re-reads from watermark − overlap.
  await db.schema
    .createTable('sync_watermarks')
    .addColumn('relation', 'text', (c) => c.primaryKey())
    .addColumn('watermark', 'timestamptz')
    .addColumn('rows_synced', 'bigint', (c) => c.notNull().defaultTo(0)) // rows changed, all passes
    .addColumn('last_pass_rows_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_pass_rows_changed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_pass_quarantined', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_pass_at', 'timestamptz')
    .addColumn('last_run_id', 'bigint')
    .execute();

  // Malformed source rows, one row per (row, reason). A row that later syncs fine, or no
  // longer has that fault, is marked resolved; a fault seen again is reopened.
  await db.schema
    .createTable('sync_quarantine')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull()) // '' when the row has no id
    .addColumn('reason', 'text', (c) => c.notNull()) // a code, e.g. 'unknown_case'
    .addColumn('message', 'text', (c) => c.notNull()) // in Chinese, with the offending value
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('times_seen', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('resolved_at', 'timestamptz')
    .addUniqueConstraint('sync_quarantine_row_reason_key', ['relation', 'source_id', 'reason'])
    .execute();
  await sql`CREATE INDEX sync_quarantine_open_idx ON sync_quarantine (relation, source_id) WHERE resolved_at IS NULL`.execute(
    db
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sync_quarantine').execute();
  await db.schema.dropTable('sync_watermarks').execute();
  for (const table of Object.keys(RELATIONS).reverse()) await db.schema.dropTable(table).execute();
}
