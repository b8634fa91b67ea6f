import { sql, type Kysely } from 'kysely';

// Marks on bad ratings (差评核实、整改、误评/恶意评价申诉; docs/rules/ratings.md). Append-only:
// the latest mark of a rating is its state; nothing is ever updated or deleted (triggers
// and revoked privileges). A mark is refused unless it follows the state machine, checked
// here under an advisory lock so that two people deciding at once cannot both pass.
// The view rating_exclusions lists the ratings whose appeal was accepted: the appraisal
// leaves them out of the staff deductions. Frozen in time: never import application code.

const APPEALS = `('appealed_mistaken', 'appealed_malicious')`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rating_marks')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    // The synced rating (no foreign key: the synced copy is the source's to rewrite).
    .addColumn('rating_id', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind IN ('verified', 'rectified', 'appealed_mistaken', 'appealed_malicious', 'appeal_accepted', 'appeal_rejected')`
        )
    )
    .addColumn('reason', 'text', (c) => c.check(sql`char_length(reason) BETWEEN 1 AND 500`))
    .addColumn('by_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // An appeal and its decision always say why.
    .addCheckConstraint(
      'rating_marks_reason_required',
      sql`reason IS NOT NULL OR kind IN ('verified', 'rectified')`
    )
    .execute();
  await db.schema
    .createIndex('rating_marks_rating_idx')
    .on('rating_marks')
    .columns(['rating_id', 'id'])
    .execute();

  await sql`
    CREATE FUNCTION rating_marks_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only (差评标记不可修改或删除)', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER rating_marks_immutable BEFORE UPDATE OR DELETE ON rating_marks
    FOR EACH ROW EXECUTE FUNCTION rating_marks_immutable()`.execute(db);
  await sql`
    CREATE TRIGGER rating_marks_no_truncate BEFORE TRUNCATE ON rating_marks
    FOR EACH STATEMENT EXECUTE FUNCTION rating_marks_immutable()`.execute(db);
  await sql`REVOKE UPDATE, DELETE, TRUNCATE ON rating_marks FROM PUBLIC, CURRENT_USER`.execute(db);

  // The state machine (docs/rules/ratings.md): none → verified → rectified; an appeal from
  // none or verified, once per rating; a decision only on a pending appeal and never by
  // the appellant; accepted and rectified are final.
  await sql`
    CREATE FUNCTION rating_marks_check() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      last_kind text;
      appellant integer;
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtext('rating_marks'), hashtext(NEW.rating_id::text));
      SELECT kind INTO last_kind FROM rating_marks WHERE rating_id = NEW.rating_id ORDER BY id DESC LIMIT 1;
      SELECT by_user_id INTO appellant FROM rating_marks
        WHERE rating_id = NEW.rating_id AND kind IN ${sql.raw(APPEALS)} ORDER BY id DESC LIMIT 1;
      IF NEW.kind = 'verified' AND last_kind IS NOT NULL
        OR NEW.kind = 'rectified' AND last_kind IS NOT NULL AND last_kind NOT IN ('verified', 'appeal_rejected')
        OR NEW.kind IN ${sql.raw(APPEALS)} AND (appellant IS NOT NULL OR last_kind IS NOT NULL AND last_kind <> 'verified')
        OR NEW.kind IN ('appeal_accepted', 'appeal_rejected') AND last_kind IS DISTINCT FROM 'appealed_mistaken'
          AND last_kind IS DISTINCT FROM 'appealed_malicious'
      THEN
        RAISE EXCEPTION 'rating % cannot be marked % after %', NEW.rating_id, NEW.kind, coalesce(last_kind, 'nothing')
          USING ERRCODE = 'check_violation';
      END IF;
      IF NEW.kind IN ('appeal_accepted', 'appeal_rejected') AND NEW.by_user_id = appellant THEN
        RAISE EXCEPTION 'rating %: an appeal is decided by someone other than the appellant', NEW.rating_id
          USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER rating_marks_check BEFORE INSERT ON rating_marks
    FOR EACH ROW EXECUTE FUNCTION rating_marks_check()`.execute(db);

  // Each marked rating with its latest mark (its state) and its appeal, if any.
  await sql`
    CREATE VIEW rating_mark_states AS
    SELECT l.rating_id, l.kind AS state, l.reason, l.by_user_id, l.at,
      (SELECT a.kind FROM rating_marks a WHERE a.rating_id = l.rating_id AND a.kind IN ${sql.raw(APPEALS)}
        ORDER BY a.id DESC LIMIT 1) AS appeal_kind
    FROM (
      SELECT DISTINCT ON (rating_id) rating_id, kind, reason, by_user_id, at
      FROM rating_marks ORDER BY rating_id, id DESC
    ) l`.execute(db);
  // The ratings the appraisal leaves out: an accepted appeal (final, so always the latest mark).
  await sql`
    CREATE VIEW rating_exclusions AS
    SELECT rating_id FROM rating_mark_states WHERE state = 'appeal_accepted'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP VIEW rating_exclusions`.execute(db);
  await sql`DROP VIEW rating_mark_states`.execute(db);
  await db.schema.dropTable('rating_marks').execute();
  await sql`DROP FUNCTION rating_marks_check()`.execute(db);
  await sql`DROP FUNCTION rating_marks_immutable()`.execute(db);
}
