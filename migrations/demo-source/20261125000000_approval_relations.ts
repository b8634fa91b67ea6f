import { sql, type Kysely } from 'kysely';

// The relations of the source contract (shared/spec/source-contract.md), created as
// tables for the demo and the tests. A real deployment never runs this: it maps its
// vendor's schema onto the same relations with views.
// Frozen in time: never import application code here.

const SCHEMA = 'approval';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(SCHEMA)}`.execute(db);
  const s = db.schema.withSchema(SCHEMA);
  const updatedAt = (c: any) => c.notNull().defaultTo(sql`now()`);

  await s
    .createTable('departments')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', updatedAt)
    .execute();

  await s
    .createTable('sections')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', updatedAt)
    .execute();

  await s
    .createTable('service_points')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', updatedAt)
    .execute();

  await s
    .createTable('windows')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('service_point_id', 'integer', (c) => c.notNull())
    .addColumn('section_id', 'integer')
    .addColumn('updated_at', 'timestamptz', updatedAt)
    .execute();

  await s
    .createTable('staff')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('staff_no', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('window_id', 'integer')
    .addColumn('section_id', 'integer')
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('employment', 'text', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('updated_at', 'timestamptz', updatedAt)
    .execute();

  await s
    .createTable('matters')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.notNull())
    .addColumn('section_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('statutory_days', 'integer', (c) => c.notNull())
    .addColumn('promised_days', 'integer', (c) => c.notNull())
    .addColumn('online', 'boolean', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', updatedAt)
    .execute();

  await s
    .createTable('cases')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('case_no', 'text', (c) => c.notNull().unique())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('matter_id', 'integer', (c) => c.notNull())
    .addColumn('service_point_id', 'integer', (c) => c.notNull())
    .addColumn('window_id', 'integer')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('applicant_kind', 'text', (c) => c.notNull())
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('applicant_id_no', 'text', (c) => c.notNull())
    .addColumn('applicant_phone', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('handler_staff_id', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('concluded_at', 'timestamptz')
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', updatedAt)
    .execute();

  await s
    .createTable('case_events')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('case_id', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('staff_id', 'integer')
    .addColumn('procedure', 'text')
    .addColumn('days', 'integer')
    .addColumn('note', 'text')
    .addColumn('updated_at', 'timestamptz', updatedAt)
    .execute();

  await s
    .createTable('ratings')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('case_id', 'bigint')
    .addColumn('staff_id', 'integer')
    .addColumn('window_id', 'integer')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('rated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('updated_at', 'timestamptz', updatedAt)
    .execute();

  await s
    .createTable('complaints')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('case_id', 'bigint')
    .addColumn('staff_id', 'integer')
    .addColumn('window_id', 'integer')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('substantiated', 'boolean')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', updatedAt)
    .execute();

  // Incremental reads go by updated_at; the case events also by case.
  for (const table of [
    'departments',
    'sections',
    'service_points',
    'windows',
    'staff',
    'matters',
    'cases',
    'case_events',
    'ratings',
    'complaints'
  ]) {
    await s.createIndex(`${table}_updated_at_idx`).on(table).columns(['updated_at', 'id']).execute();
  }
  await s.createIndex('case_events_case_id_idx').on('case_events').column('case_id').execute();
  await s.createIndex('cases_status_idx').on('cases').column('status').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP SCHEMA IF EXISTS ${sql.id(SCHEMA)} CASCADE`.execute(db);
}
