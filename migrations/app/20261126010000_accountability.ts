import { sql, type Kysely } from 'kysely';

// Accountability (责任追究; shared/spec/audits.md "Accountability", "Integrity"). The ladder
// of levels and the grounds are configuration (seeded, may be edited); a record (an
// inspector's proposal naming a person, grounds and level), its basis (the cases, reviews,
// complaints and notices it rests on) and the leader's decision are insert-only. A
// correction is a new record naming the one it corrects; the corrected one is superseded.
// Frozen in time: never import application code.

const LEVELS: [number, string][] = [
  [1, '警告提醒'],
  [2, '警示谈话'],
  [3, '通报批评'],
  [4, '取消评先评优资格'],
  [5, '扣减绩效'],
  [6, '调离岗位'],
  [7, '辞退（开除公职）']
];

// start_level: the level suggested for a first record of these grounds (docs/rules/accountability.md).
const GROUNDS: [string, string, number][] = [
  ['illegal_approval', '违法审批', 3],
  ['ultra_vires', '越权审批', 3],
  ['overdue', '超时审批', 1],
  ['failed_file', '案卷不合格', 1],
  ['substantiated_complaint', '投诉属实', 1],
  ['other', '其他', 1]
];

/** The insert-only tables, in the order they are created. */
const RECORD_TABLES = ['accountability_records', 'accountability_basis', 'accountability_decisions'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('accountability_levels')
    .addColumn('level', 'integer', (c) => c.primaryKey().check(sql`level BETWEEN 1 AND 20`))
    .addColumn('label', 'text', (c) => c.notNull().check(sql`char_length(label) BETWEEN 1 AND 50`))
    .execute();
  await db
    .insertInto('accountability_levels')
    .values(LEVELS.map(([level, label]) => ({ level, label })))
    .execute();

  await db.schema
    .createTable('accountability_grounds')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull().check(sql`char_length(label) BETWEEN 1 AND 50`))
    .addColumn('start_level', 'integer', (c) => c.notNull().check(sql`start_level BETWEEN 1 AND 20`))
    .execute();
  await db
    .insertInto('accountability_grounds')
    .values(GROUNDS.map(([code, label, start_level]) => ({ code, label, start_level })))
    .execute();

  await db.schema
    .createTable('accountability_records')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    // The synced staff member (no foreign key to the sync's copies), with the number and
    // name as they were when proposed.
    .addColumn('staff_id', 'integer', (c) => c.notNull())
    .addColumn('staff_no', 'text', (c) => c.notNull().check(sql`char_length(staff_no) BETWEEN 1 AND 100`))
    .addColumn('staff_name', 'text', (c) => c.notNull().check(sql`char_length(staff_name) BETWEEN 1 AND 100`))
    .addColumn('grounds', 'text', (c) => c.notNull().references('accountability_grounds.code'))
    .addColumn('grounds_note', 'text', (c) => c.check(sql`char_length(grounds_note) BETWEEN 1 AND 200`))
    .addColumn('proposed_level', 'integer', (c) => c.notNull().references('accountability_levels.level'))
    .addColumn('proposed_level_label', 'text', (c) => c.notNull())
    .addColumn('facts', 'text', (c) => c.notNull().check(sql`char_length(facts) BETWEEN 1 AND 2000`))
    .addColumn('proposed_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('proposed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // At most one correction per record: the chain stays a line.
    .addColumn('corrects_id', 'integer', (c) => c.unique().references('accountability_records.id'))
    .addCheckConstraint(
      'accountability_records_note_check',
      sql`grounds <> 'other' OR grounds_note IS NOT NULL`
    )
    .addCheckConstraint('accountability_records_corrects_check', sql`corrects_id IS NULL OR corrects_id < id`)
    .execute();
  await db.schema
    .createIndex('accountability_records_staff_idx')
    .on('accountability_records')
    .columns(['staff_id', 'proposed_at'])
    .execute();

  await db.schema
    .createTable('accountability_basis')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('record_id', 'integer', (c) => c.notNull().references('accountability_records.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind IN ('case', 'review', 'complaint', 'notice')`)
    )
    .addColumn('case_id', 'bigint')
    .addColumn('review_id', 'integer', (c) => c.references('audit_reviews.id'))
    .addColumn('complaint_id', 'bigint')
    .addColumn('notice_id', 'integer', (c) => c.references('rectification_notices.id'))
    // The reference as typed and shown: case number, review, complaint or notice id.
    .addColumn('ref', 'text', (c) => c.notNull().check(sql`char_length(ref) BETWEEN 1 AND 100`))
    .addCheckConstraint(
      'accountability_basis_refs_check',
      sql`CASE kind
        WHEN 'case' THEN case_id IS NOT NULL AND review_id IS NULL AND complaint_id IS NULL AND notice_id IS NULL
        WHEN 'review' THEN review_id IS NOT NULL AND complaint_id IS NULL AND notice_id IS NULL
        WHEN 'complaint' THEN complaint_id IS NOT NULL AND review_id IS NULL AND notice_id IS NULL
        ELSE notice_id IS NOT NULL AND review_id IS NULL AND complaint_id IS NULL
      END`
    )
    .execute();
  await db.schema
    .createIndex('accountability_basis_record_idx')
    .on('accountability_basis')
    .column('record_id')
    .execute();
  // The pending-decision list looks up what refers to each item.
  for (const column of ['case_id', 'review_id', 'complaint_id', 'notice_id']) {
    await sql`CREATE INDEX ${sql.id(`accountability_basis_${column}_idx`)} ON accountability_basis (${sql.id(column)}, record_id)
      WHERE ${sql.id(column)} IS NOT NULL`.execute(db);
  }

  await db.schema
    .createTable('accountability_decisions')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    // One decision per record: a change of mind is a correction of the record.
    .addColumn('record_id', 'integer', (c) => c.notNull().unique().references('accountability_records.id'))
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome IN ('decided', 'declined')`))
    .addColumn('level', 'integer', (c) => c.references('accountability_levels.level'))
    .addColumn('level_label', 'text')
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`char_length(reason) BETWEEN 1 AND 2000`))
    .addColumn('decided_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'accountability_decisions_level_check',
      sql`(outcome = 'decided') = (level IS NOT NULL) AND (level IS NULL) = (level_label IS NULL)`
    )
    .execute();
  await db.schema
    .createIndex('accountability_decisions_at_idx')
    .on('accountability_decisions')
    .column('decided_at')
    .execute();

  // Substantiated complaints, for the pending-decision list (the synced table is large).
  await sql`CREATE INDEX complaints_substantiated_idx ON complaints (received_at, id) WHERE substantiated`.execute(
    db
  );

  await sql`
    CREATE FUNCTION accountability_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is insert-only (责任追究记录不可修改或删除)', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  // A superseded record cannot be decided (the service locks the record; this is the floor).
  await sql`
    CREATE FUNCTION accountability_decision_check() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM accountability_records WHERE corrects_id = NEW.record_id) THEN
        RAISE EXCEPTION 'accountability record % has been corrected and cannot be decided', NEW.record_id
          USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  for (const table of RECORD_TABLES) {
    await sql`
      CREATE TRIGGER ${sql.id(`${table}_immutable`)} BEFORE UPDATE OR DELETE ON ${sql.table(table)}
      FOR EACH ROW EXECUTE FUNCTION accountability_immutable()`.execute(db);
    await sql`
      CREATE TRIGGER ${sql.id(`${table}_no_truncate`)} BEFORE TRUNCATE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION accountability_immutable()`.execute(db);
  }
  // UPDATE stays granted on records (the trigger refuses it): foreign key checks of the
  // basis, decisions and corrections lock the record FOR KEY SHARE, which needs it.
  await sql`REVOKE DELETE, TRUNCATE ON accountability_records FROM PUBLIC, CURRENT_USER`.execute(db);
  await sql`REVOKE UPDATE, DELETE, TRUNCATE ON accountability_basis FROM PUBLIC, CURRENT_USER`.execute(db);
  await sql`REVOKE UPDATE, DELETE, TRUNCATE ON accountability_decisions FROM PUBLIC, CURRENT_USER`.execute(
    db
  );
  await sql`
    CREATE TRIGGER accountability_decisions_check BEFORE INSERT ON accountability_decisions
    FOR EACH ROW EXECUTE FUNCTION accountability_decision_check()`.execute(db);

  // Each record with its decision and its state: superseded (a correction names it), else
  // decided or declined (its decision), else proposed.
  await sql`
    CREATE VIEW accountability_record_states AS
    SELECT r.*,
      d.id AS decision_id, d.outcome, d.level AS decided_level, d.level_label AS decided_level_label,
      d.reason AS decision_reason, d.decided_by, d.decided_at,
      c.id AS corrected_by_id,
      CASE WHEN c.id IS NOT NULL THEN 'superseded' ELSE coalesce(d.outcome, 'proposed') END AS state
    FROM accountability_records r
    LEFT JOIN accountability_decisions d ON d.record_id = r.id
    LEFT JOIN accountability_records c ON c.corrects_id = r.id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP VIEW accountability_record_states`.execute(db);
  await sql`DROP INDEX complaints_substantiated_idx`.execute(db);
  for (const table of [...RECORD_TABLES].reverse()) await db.schema.dropTable(table).execute();
  await db.schema.dropTable('accountability_grounds').execute();
  await db.schema.dropTable('accountability_levels').execute();
  await sql`DROP FUNCTION accountability_decision_check()`.execute(db);
  await sql`DROP FUNCTION accountability_immutable()`.execute(db);
}
