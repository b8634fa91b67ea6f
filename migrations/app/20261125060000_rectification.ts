import { sql, type Kysely } from 'kysely';

// Rectification notices (整改通知; shared/spec/audits.md "Rectification") and their events.
// A notice is issued once and never changed; what happens to it is appended as events
// (responded, verified, rejected). Its state is derived from the last event: none or
// rejected → issued, responded → responded, verified → verified (final). Both tables are
// insert-only (triggers + revoked privileges); an event is refused unless it follows the
// state machine. Frozen in time: never import application code.

/** Largest evidence attachment, bytes (5 MB). */
const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rectification_notices')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('source_kind', 'text', (c) =>
      c.notNull().check(sql`source_kind IN ('review', 'complaint', 'overdue_case', 'rating')`)
    )
    .addColumn('review_id', 'integer', (c) => c.references('audit_reviews.id'))
    .addColumn('complaint_id', 'bigint')
    .addColumn('rating_id', 'bigint')
    // The case concerned: the source of an overdue_case notice, context for the others.
    .addColumn('case_id', 'bigint')
    .addColumn('addressee_kind', 'text', (c) =>
      c.notNull().check(sql`addressee_kind IN ('section', 'window', 'staff')`)
    )
    // Section code, window code or staff_no, as in the source.
    .addColumn('addressee_code', 'text', (c) =>
      c.notNull().check(sql`char_length(addressee_code) BETWEEN 1 AND 100`)
    )
    // The section the addressee belongs to (section heads see their sections' notices).
    .addColumn('section_id', 'integer')
    .addColumn('defects', 'text', (c) => c.notNull().check(sql`char_length(defects) BETWEEN 1 AND 2000`))
    .addColumn('deadline_days', 'integer', (c) => c.notNull().check(sql`deadline_days BETWEEN 1 AND 60`))
    .addColumn('issued_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // deadline_days working days after the bureau-local issue date (bureau calendar).
    .addColumn('deadline_on', 'date', (c) => c.notNull())
    .addCheckConstraint(
      'rectification_notices_source_check',
      sql`CASE source_kind
        WHEN 'review' THEN review_id IS NOT NULL AND complaint_id IS NULL AND rating_id IS NULL
        WHEN 'complaint' THEN complaint_id IS NOT NULL AND review_id IS NULL AND rating_id IS NULL
        WHEN 'rating' THEN rating_id IS NOT NULL AND review_id IS NULL AND complaint_id IS NULL
        ELSE case_id IS NOT NULL AND review_id IS NULL AND complaint_id IS NULL AND rating_id IS NULL
      END`
    )
    .addCheckConstraint(
      'rectification_notices_deadline_check',
      sql`deadline_on > (issued_at AT TIME ZONE 'Asia/Shanghai')::date`
    )
    .execute();
  await db.schema
    .createIndex('rectification_notices_rating_idx')
    .on('rectification_notices')
    .column('rating_id')
    .execute();
  await db.schema
    .createIndex('rectification_notices_section_idx')
    .on('rectification_notices')
    .column('section_id')
    .execute();

  await db.schema
    .createTable('rectification_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('notice_id', 'integer', (c) => c.notNull().references('rectification_notices.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('responded', 'verified', 'rejected')`))
    .addColumn('body', 'text', (c) => c.notNull().check(sql`char_length(body) BETWEEN 1 AND 2000`))
    .addColumn('by_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('evidence_filename', 'text', (c) =>
      c.check(sql`char_length(evidence_filename) BETWEEN 1 AND 200`)
    )
    .addColumn('evidence_content_type', 'text', (c) =>
      c.check(sql`char_length(evidence_content_type) BETWEEN 1 AND 200`)
    )
    .addColumn('evidence', 'bytea', (c) =>
      c.check(sql`octet_length(evidence) BETWEEN 1 AND ${sql.lit(MAX_EVIDENCE_BYTES)}`)
    )
    .addCheckConstraint(
      'rectification_events_evidence_parts_check',
      sql`(evidence IS NULL) = (evidence_filename IS NULL) AND (evidence IS NULL) = (evidence_content_type IS NULL)
        AND (evidence IS NULL OR kind = 'responded')`
    )
    .execute();
  await db.schema
    .createIndex('rectification_events_notice_idx')
    .on('rectification_events')
    .columns(['notice_id', 'id'])
    .execute();

  await sql`
    CREATE FUNCTION rectification_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is insert-only (整改记录不可修改或删除)', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  // An event must follow the state machine; the advisory lock serialises events of one notice.
  await sql`
    CREATE FUNCTION rectification_event_check() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE last_kind text;
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtext('rectification_events'), NEW.notice_id);
      SELECT kind INTO last_kind FROM rectification_events
        WHERE notice_id = NEW.notice_id ORDER BY id DESC LIMIT 1;
      IF NEW.kind = 'responded' AND last_kind IS NOT NULL AND last_kind <> 'rejected' THEN
        RAISE EXCEPTION 'rectification notice % is not awaiting a response', NEW.notice_id
          USING ERRCODE = 'check_violation';
      END IF;
      IF NEW.kind IN ('verified', 'rejected') AND last_kind IS DISTINCT FROM 'responded' THEN
        RAISE EXCEPTION 'rectification notice % has no response to verify', NEW.notice_id
          USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  for (const table of ['rectification_notices', 'rectification_events']) {
    await sql`
      CREATE TRIGGER ${sql.raw(`${table}_immutable`)} BEFORE UPDATE OR DELETE ON ${sql.table(table)}
      FOR EACH ROW EXECUTE FUNCTION rectification_immutable()`.execute(db);
    await sql`
      CREATE TRIGGER ${sql.raw(`${table}_no_truncate`)} BEFORE TRUNCATE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION rectification_immutable()`.execute(db);
  }
  // UPDATE stays granted on notices (the trigger refuses it): the foreign key check of an
  // event locks its notice FOR KEY SHARE, which needs the UPDATE privilege.
  await sql`REVOKE DELETE, TRUNCATE ON rectification_notices FROM PUBLIC, CURRENT_USER`.execute(db);
  await sql`REVOKE UPDATE, DELETE, TRUNCATE ON rectification_events FROM PUBLIC, CURRENT_USER`.execute(db);
  await sql`
    CREATE TRIGGER rectification_events_check BEFORE INSERT ON rectification_events
    FOR EACH ROW EXECUTE FUNCTION rectification_event_check()`.execute(db);

  // Each notice with its derived state (without the evidence bytes).
  await sql`
    CREATE VIEW rectification_notice_states AS
    SELECT n.*,
      CASE last.kind WHEN 'responded' THEN 'responded' WHEN 'verified' THEN 'verified' ELSE 'issued' END
        AS state,
      (SELECT max(e.at) FROM rectification_events e WHERE e.notice_id = n.id AND e.kind = 'responded')
        AS responded_at,
      (SELECT max(e.at) FROM rectification_events e WHERE e.notice_id = n.id AND e.kind = 'verified')
        AS verified_at
    FROM rectification_notices n
    LEFT JOIN LATERAL (
      SELECT e.kind FROM rectification_events e WHERE e.notice_id = n.id ORDER BY e.id DESC LIMIT 1
    ) last ON true`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP VIEW rectification_notice_states`.execute(db);
  await db.schema.dropTable('rectification_events').execute();
  await db.schema.dropTable('rectification_notices').execute();
  await sql`DROP FUNCTION rectification_event_check()`.execute(db);
  await sql`DROP FUNCTION rectification_immutable()`.execute(db);
}
