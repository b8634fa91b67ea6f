import { sql, type Kysely } from 'kysely';

// Every run of every job, skipped ones included (graphile-worker style bookkeeping).
// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job_runs')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('job_name', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull()) // 'schedule' | 'manual' | 'startup'
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status IN ('running', 'succeeded', 'failed', 'skipped')`)
    )
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addColumn('rows_touched', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('message', 'text')
    .addColumn('error', 'text')
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('job_runs_job_started_idx')
    .on('job_runs')
    .columns(['job_name', 'started_at desc'])
    .execute();

  // Small key/value settings of the installation (e.g. whether the source is the demo).
  await db.schema
    .createTable('app_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('app_settings').execute();
  await db.schema.dropTable('job_runs').execute();
}
