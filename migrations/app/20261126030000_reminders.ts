import { sql, type Kysely } from 'kysely';

// Reminders of rectification deadlines (整改提醒), written by the job
// rectification-reminders and shown in the app. One row per notice, kind, bureau date and
// recipient: the unique key makes a second run of the same day add nothing. Only read_at
// ever changes (once, from unread to read). Frozen in time: never import application code.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reminders')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('notice_id', 'integer', (c) => c.notNull().references('rectification_notices.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('due_today', 'overdue')`))
    // The bureau-local day the reminder is for.
    .addColumn('on_date', 'date', (c) => c.notNull())
    // Working days past the deadline on that day (0 for due_today).
    .addColumn('days_overdue', 'integer', (c) => c.notNull().check(sql`days_overdue >= 0`))
    .addColumn('job_run_id', 'bigint', (c) => c.references('job_runs.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .addUniqueConstraint('reminders_once_key', ['notice_id', 'kind', 'on_date', 'user_id'])
    .execute();
  // The header's count: one index-only lookup per page.
  await sql`CREATE INDEX reminders_unread_idx ON reminders (user_id) WHERE read_at IS NULL`.execute(db);
  await sql`CREATE INDEX reminders_user_idx ON reminders (user_id, id DESC)`.execute(db);

  await sql`
    CREATE FUNCTION reminders_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF (to_jsonb(NEW) - 'read_at') IS DISTINCT FROM (to_jsonb(OLD) - 'read_at')
          OR OLD.read_at IS NOT NULL OR NEW.read_at IS NULL THEN
        RAISE EXCEPTION 'reminders: only read_at may be set, once (提醒只能标记为已读)'
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER reminders_guard BEFORE UPDATE ON reminders
    FOR EACH ROW EXECUTE FUNCTION reminders_guard()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reminders').execute();
  await sql`DROP FUNCTION reminders_guard()`.execute(db);
}
