import { sql, type Kysely } from 'kysely';

// Voiding and superseding a draw by a new entry (shared/spec/audits.md "Integrity": a
// correction is a new entry referring to the old one). The draw itself is never touched:
// a void is a row of its own, insert-only like the draw; a re-draw is a new draw naming
// the (voided) draw it supersedes. Once a draw is void its files take no more reviews: a
// trigger on audit_reviews refuses new rows and changes to drafts of a void draw.
// Frozen in time: never import application code.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_draw_voids')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('draw_id', 'integer', (c) => c.notNull().unique().references('audit_draws.id'))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`char_length(btrim(reason)) BETWEEN 1 AND 500`))
    .addColumn('voided_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('voided_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Insert-only, as the draws (the function comes from 20261125040000_case_audits). Nothing
  // references a void, so UPDATE is revoked too.
  await sql`
    CREATE TRIGGER audit_draw_voids_immutable BEFORE UPDATE OR DELETE ON audit_draw_voids
    FOR EACH ROW EXECUTE FUNCTION case_audit_immutable()`.execute(db);
  await sql`
    CREATE TRIGGER audit_draw_voids_no_truncate BEFORE TRUNCATE ON audit_draw_voids
    FOR EACH STATEMENT EXECUTE FUNCTION case_audit_immutable()`.execute(db);
  await sql`REVOKE UPDATE, DELETE, TRUNCATE ON audit_draw_voids FROM PUBLIC, CURRENT_USER`.execute(db);

  // A re-draw names the draw it supersedes: same plan (composite key), at most once.
  // Adding a NULL column rewrites no row and fires no row trigger.
  await sql`ALTER TABLE audit_draws ADD COLUMN supersedes_draw_id integer`.execute(db);
  await sql`ALTER TABLE audit_draws ADD CONSTRAINT audit_draws_plan_id_key UNIQUE (plan_id, id)`.execute(db);
  await sql`
    ALTER TABLE audit_draws ADD CONSTRAINT audit_draws_supersedes_fk
    FOREIGN KEY (plan_id, supersedes_draw_id) REFERENCES audit_draws (plan_id, id)`.execute(db);
  await sql`
    CREATE UNIQUE INDEX audit_draws_supersedes_key ON audit_draws (supersedes_draw_id)
    WHERE supersedes_draw_id IS NOT NULL`.execute(db);

  // One advisory lock per draw serialises a void against reviews being written, so no
  // review slips in after the void commits.
  await sql`
    CREATE FUNCTION audit_draw_void_lock() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtext('audit_draw_voids'), NEW.draw_id);
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER audit_draw_voids_lock BEFORE INSERT ON audit_draw_voids
    FOR EACH ROW EXECUTE FUNCTION audit_draw_void_lock()`.execute(db);
  await sql`
    CREATE FUNCTION audit_review_draw_open() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtext('audit_draw_voids'), NEW.draw_id);
      IF EXISTS (SELECT 1 FROM audit_draw_voids WHERE draw_id = NEW.draw_id) THEN
        RAISE EXCEPTION 'audit draw % is void (抽取单已作废，不能再评查)', NEW.draw_id
          USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER audit_reviews_draw_open BEFORE INSERT OR UPDATE ON audit_reviews
    FOR EACH ROW EXECUTE FUNCTION audit_review_draw_open()`.execute(db);
  // A draw may supersede only a draw already void (the void is written first).
  await sql`
    CREATE FUNCTION audit_draw_supersedes_check() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.supersedes_draw_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM audit_draw_voids WHERE draw_id = NEW.supersedes_draw_id) THEN
        RAISE EXCEPTION 'audit draw % is not void and cannot be superseded', NEW.supersedes_draw_id
          USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER audit_draws_supersedes_check BEFORE INSERT ON audit_draws
    FOR EACH ROW EXECUTE FUNCTION audit_draw_supersedes_check()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER audit_draws_supersedes_check ON audit_draws`.execute(db);
  await sql`DROP TRIGGER audit_reviews_draw_open ON audit_reviews`.execute(db);
  await sql`DROP FUNCTION audit_draw_supersedes_check()`.execute(db);
  await sql`DROP FUNCTION audit_review_draw_open()`.execute(db);
  await db.schema.dropTable('audit_draw_voids').execute();
  await sql`DROP FUNCTION audit_draw_void_lock()`.execute(db);
  await sql`DROP INDEX audit_draws_supersedes_key`.execute(db);
  await sql`ALTER TABLE audit_draws DROP CONSTRAINT audit_draws_supersedes_fk`.execute(db);
  await sql`ALTER TABLE audit_draws DROP CONSTRAINT audit_draws_plan_id_key`.execute(db);
  await sql`ALTER TABLE audit_draws DROP COLUMN supersedes_draw_id`.execute(db);
}
