import { sql, type Kysely } from 'kysely';

// The monthly bulletin (每月集中通报; shared/spec/surveys.md, docs/rules/bulletins.md): a
// draft per month drafted by a job, edited and published by a leader. A published row is
// frozen by a trigger, whatever the role; a correction is a new row referring to it.
// Frozen in time: never import application code.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bulletins')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    // First day of the bureau-local month the bulletin reports on.
    .addColumn('month', 'date', (c) => c.notNull().check(sql`extract(day FROM month) = 1`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status IN ('draft', 'published')`)
    )
    .addColumn('title', 'text', (c) => c.notNull().check(sql`char_length(title) BETWEEN 1 AND 200`))
    .addColumn('commentary', 'text', (c) =>
      c
        .notNull()
        .defaultTo('')
        .check(sql`char_length(commentary) <= 5000`)
    )
    // Every section's data (or why it is missing) as computed at drafting or the last refresh.
    .addColumn('content', 'jsonb', (c) => c.notNull().check(sql`jsonb_typeof(content) = 'object'`))
    .addColumn('corrects_id', 'integer', (c) => c.references('bulletins.id'))
    .addColumn('correction_note', 'text', (c) => c.check(sql`char_length(correction_note) <= 1000`))
    // The number (e.g. 2026年第11期): the year of publication and a sequence within it.
    .addColumn('number_year', 'integer')
    .addColumn('number_seq', 'integer', (c) => c.check(sql`number_seq >= 1`))
    .addColumn('drafted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('drafted_by', 'integer', (c) => c.references('users.id')) // null: the job
    .addColumn('refreshed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_at', 'timestamptz')
    .addColumn('published_by', 'integer', (c) => c.references('users.id'))
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addCheckConstraint(
      'bulletins_published_consistent',
      sql`(status = 'published') = (number_seq IS NOT NULL)
        AND (number_seq IS NULL) = (number_year IS NULL)
        AND (number_seq IS NULL) = (published_at IS NULL)
        AND (number_seq IS NULL) = (published_by IS NULL)`
    )
    .addCheckConstraint(
      'bulletins_correction_consistent',
      sql`(corrects_id IS NULL) = (correction_note IS NULL) AND corrects_id IS DISTINCT FROM id`
    )
    .execute();
  await sql`CREATE UNIQUE INDEX bulletins_number_idx ON bulletins (number_year, number_seq)`.execute(db);
  // One original bulletin per month (drafted once, refreshed, then published); anything
  // after publication is a correction.
  await sql`CREATE UNIQUE INDEX bulletins_month_original_idx ON bulletins (month)
    WHERE corrects_id IS NULL`.execute(db);
  // At most one correction in preparation per bulletin.
  await sql`CREATE UNIQUE INDEX bulletins_open_correction_idx ON bulletins (corrects_id)
    WHERE status = 'draft'`.execute(db);
  await sql`CREATE INDEX bulletins_month_idx ON bulletins (month DESC, id DESC)`.execute(db);

  // Published rows never change: only a draft may be updated or deleted. A correction
  // must refer to a published bulletin.
  await sql`
    CREATE FUNCTION bulletins_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION 'bulletins cannot be truncated (通报不能清空)'
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'published' THEN
        RAISE EXCEPTION 'bulletin % is published and immutable (已发布的通报不能修改或删除)', OLD.id
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF TG_OP = 'DELETE' THEN
        RETURN OLD;
      END IF;
      IF NEW.corrects_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM bulletins b WHERE b.id = NEW.corrects_id AND b.status = 'published'
      ) THEN
        RAISE EXCEPTION 'a correction must refer to a published bulletin (更正只能针对已发布的通报)'
          USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER bulletins_guard BEFORE INSERT OR UPDATE OR DELETE ON bulletins
    FOR EACH ROW EXECUTE FUNCTION bulletins_guard()`.execute(db);
  await sql`
    CREATE TRIGGER bulletins_no_truncate BEFORE TRUNCATE ON bulletins
    FOR EACH STATEMENT EXECUTE FUNCTION bulletins_guard()`.execute(db);
  await sql`REVOKE TRUNCATE ON bulletins FROM PUBLIC, CURRENT_USER`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('bulletins').execute();
  await sql`DROP FUNCTION bulletins_guard()`.execute(db);
}
