import { sql, type Kysely } from 'kysely';

// The thousand-point staff appraisal (千分制; shared/spec/scoring.md, docs/rules/appraisal.md):
// the versioned rule catalogue, the score events (automatic, manual, corrections), their
// evidence and appeals, and the monthly closing. Frozen in time: never import application code.
//
// No foreign key to the synced `staff`: the copies of the source carry none (the sync owns
// them and validates references itself); staff ids are the source's.

/**
 * Version 1 of the catalogue, copied as literal data from src/lib/appraisal/catalogue.ts
 * (DEFAULT_DIMENSION_POINTS, DEFAULT_BONUS_CAP, DEFAULT_CHIEF_SHARE, DEFAULT_RULES) as of this
 * migration. tests/unit/appraisal-seed.test.ts checks they are equal.
 */
export const SEED_DIMENSION_POINTS = { attire: 150, quality: 250, style: 200, efficiency: 250, ratings: 150 };
export const SEED_BONUS_CAP = 50;
export const SEED_CHIEF_SHARE = 0.5;
const rule = (
  code: string,
  target: string,
  points: number,
  source: string,
  label: string,
  cap = null as number | null
) => ({
  code,
  target,
  points,
  source,
  label,
  monthlyCap: cap,
  enabled: true
});
export const SEED_RULES = [
  rule('late_conclusion', 'efficiency', -20, 'automatic', '办件超承诺时限办结'),
  rule('red_case', 'efficiency', -10, 'automatic', '在办件亮红牌'),
  rule('statutory_overdue', 'efficiency', -50, 'automatic', '办件超法定时限'),
  rule('bad_rating', 'ratings', -15, 'automatic', '差评（1–2级）'),
  rule('very_good_rating', 'bonus', 1, 'automatic', '非常满意评价', 20),
  rule('substantiated_complaint', 'style', -30, 'automatic', '投诉属实'),
  rule('audit_defects', 'quality', -10, 'automatic', '抽查案卷合格但有瑕疵'),
  rule('audit_failed', 'quality', -40, 'automatic', '抽查案卷不合格'),
  rule('late_or_early_leave', 'style', -5, 'manual', '迟到早退'),
  rule('away_from_window', 'style', -10, 'manual', '脱岗'),
  rule('attire_not_standard', 'attire', -5, 'manual', '着装不规范、未佩戴工牌'),
  rule('impolite', 'attire', -10, 'manual', '言行不文明'),
  rule('no_one_time_notice', 'quality', -20, 'both', '未一次性告知'),
  rule('praise', 'bonus', 10, 'manual', '表扬信、锦旗')
];

const TARGETS = sql`('attire', 'quality', 'style', 'efficiency', 'ratings', 'bonus')`;
const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

export async function up(db: Kysely<any>): Promise<void> {
  // Append-only: a change of the catalogue is a new version; events name the version used.
  await db.schema
    .createTable('score_rule_sets')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('dimension_points', 'jsonb', (c) =>
      c.notNull().check(sql`jsonb_typeof(dimension_points) = 'object'`)
    )
    .addColumn('bonus_cap', 'integer', (c) => c.notNull().check(sql`bonus_cap >= 0`))
    .addColumn('chief_share', sql`numeric(4,3)`, (c) => c.notNull().check(sql`chief_share BETWEEN 0 AND 1`))
    .addColumn('rules', 'jsonb', (c) => c.notNull().check(sql`jsonb_typeof(rules) = 'array'`))
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id')) // null: the seed
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db
    .insertInto('score_rule_sets')
    .values({
      dimension_points: JSON.stringify(SEED_DIMENSION_POINTS),
      bonus_cap: SEED_BONUS_CAP,
      chief_share: SEED_CHIEF_SHARE,
      rules: JSON.stringify(SEED_RULES),
      note: '默认规则（初始版本）'
    })
    .execute();
  await sql`
    CREATE FUNCTION score_rule_sets_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'score_rule_sets is append-only (考核规则只能新增版本，不能修改或删除)'
        USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER score_rule_sets_guard BEFORE UPDATE OR DELETE ON score_rule_sets
    FOR EACH ROW EXECUTE FUNCTION score_rule_sets_guard()`.execute(db);
  await sql`
    CREATE TRIGGER score_rule_sets_no_truncate BEFORE TRUNCATE ON score_rule_sets
    FOR EACH STATEMENT EXECUTE FUNCTION score_rule_sets_guard()`.execute(db);

  await db.schema
    .createTable('score_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('staff_id', 'integer', (c) => c.notNull()) // the source's staff id
    // First day of the bureau-local month the event counts in.
    .addColumn('month', 'date', (c) => c.notNull().check(sql`extract(day FROM month) = 1`))
    .addColumn('occurred_on', 'date', (c) => c.notNull())
    .addColumn('rule_code', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull().check(sql`target IN ${TARGETS}`))
    .addColumn('points', sql`numeric(6,1)`, (c) => c.notNull())
    .addColumn('origin', 'text', (c) =>
      c.notNull().check(sql`origin IN ('automatic', 'manual', 'correction')`)
    )
    // e.g. 'late_conclusion:case:<case_no>', 'chief_share:<event id>'; null for manual events.
    .addColumn('source_key', 'text', (c) => c.unique())
    .addColumn('source_kind', 'text', (c) =>
      c.check(sql`source_kind IN ('case', 'rating', 'complaint', 'review', 'event')`)
    )
    .addColumn('source_ref', 'text')
    .addColumn('note', 'text', (c) => c.check(sql`char_length(note) <= 1000`))
    .addColumn('entered_by', 'integer', (c) => c.references('users.id')) // null: derived
    .addColumn('entered_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Only effective and upheld count; appeals (score_appeals) move it, derivation never does.
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('effective')
        .check(sql`status IN ('effective', 'appealed', 'upheld', 'revoked')`)
    )
    // An automatic event whose source no longer holds: kept, not counted, explainable.
    .addColumn('retracted_at', 'timestamptz')
    .addColumn('retracted_reason', 'text')
    .addColumn('rule_set_id', 'integer', (c) => c.notNull().references('score_rule_sets.id'))
    // When derivation last changed the row (entered_at for the others).
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'score_events_origin_consistent',
      sql`(origin = 'automatic') = (source_key IS NOT NULL) AND (origin = 'automatic') = (entered_by IS NULL)`
    )
    .addCheckConstraint(
      'score_events_retracted_consistent',
      sql`(retracted_at IS NULL) = (retracted_reason IS NULL) AND (retracted_at IS NULL OR origin = 'automatic')`
    )
    .addCheckConstraint('score_events_source_consistent', sql`(source_kind IS NULL) = (source_ref IS NULL)`)
    .execute();
  await sql`CREATE INDEX score_events_month_staff_idx ON score_events (month, staff_id)`.execute(db);
  await sql`CREATE INDEX score_events_staff_month_idx ON score_events (staff_id, month)`.execute(db);

  // The red-card rule looks cases up by the day they turned red (promised due date + 1):
  // open red cases and concluded late ones. Few rows; the other lists have their own indexes.
  await sql`
    CREATE INDEX case_clock_turned_red_idx ON case_clock (promised_due_on)
    WHERE colour = 'red' OR promised_on_time = false`.execute(db);

  await db.schema
    .createTable('score_event_evidence')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('event_id', 'bigint', (c) => c.notNull().references('score_events.id'))
    .addColumn('file_name', 'text', (c) => c.notNull().check(sql`char_length(file_name) BETWEEN 1 AND 200`))
    .addColumn('mime', 'text', (c) => c.notNull().check(sql`char_length(mime) BETWEEN 1 AND 200`))
    .addColumn('bytes', 'bytea', (c) =>
      c.notNull().check(sql`octet_length(bytes) BETWEEN 1 AND ${sql.lit(MAX_EVIDENCE_BYTES)}`)
    )
    .addColumn('uploaded_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`CREATE INDEX score_event_evidence_event_idx ON score_event_evidence (event_id)`.execute(db);

  await db.schema
    .createTable('score_appeals')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('event_id', 'bigint', (c) => c.notNull().references('score_events.id'))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`char_length(reason) BETWEEN 1 AND 2000`))
    .addColumn('appealed_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('appealed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('reviewer_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('decision', 'text', (c) => c.check(sql`decision IN ('upheld', 'revoked')`))
    .addColumn('decision_reason', 'text', (c) => c.check(sql`char_length(decision_reason) <= 2000`))
    .addColumn('decided_at', 'timestamptz')
    .addCheckConstraint(
      'score_appeals_decision_consistent',
      sql`(decision IS NULL) = (decided_at IS NULL)
        AND (decision IS NULL OR (decision_reason IS NOT NULL AND reviewer_user_id IS NOT NULL))`
    )
    .execute();
  await sql`CREATE UNIQUE INDEX score_appeals_one_open ON score_appeals (event_id) WHERE decision IS NULL`.execute(
    db
  );

  // A closed month: results frozen (the snapshot), derivation no longer touches it; a later
  // change is a new 'correction' event, never an edit of the month's events.
  await db.schema
    .createTable('appraisal_months')
    .addColumn('month', 'date', (c) => c.primaryKey().check(sql`extract(day FROM month) = 1`))
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('rule_set_id', 'integer', (c) => c.references('score_rule_sets.id'))
    .addColumn('results', 'jsonb')
    .addColumn('published', 'boolean', (c) => c.notNull().defaultTo(false))
    .addCheckConstraint(
      'appraisal_months_closed_consistent',
      sql`(closed_at IS NULL) = (closed_by IS NULL)
        AND (closed_at IS NULL OR (results IS NOT NULL AND rule_set_id IS NOT NULL))
        AND (NOT published OR closed_at IS NOT NULL)`
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('appraisal_months').execute();
  await db.schema.dropTable('score_appeals').execute();
  await db.schema.dropTable('score_event_evidence').execute();
  await sql`DROP INDEX case_clock_turned_red_idx`.execute(db);
  await db.schema.dropTable('score_events').execute();
  await db.schema.dropTable('score_rule_sets').execute();
  await sql`DROP FUNCTION score_rule_sets_guard()`.execute(db);
}
