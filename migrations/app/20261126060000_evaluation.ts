import { sql, type Kysely } from 'kysely';

// Third-party evaluation (第三方测评; shared/spec/surveys.md): firms, monthly rounds
// assigned to a firm, versioned instrument definitions (seeded with the spec's defaults)
// and the three kinds of records. A record's identity is (round, unit, record_no) plus a
// revision: revision 0 is the entry, a correction is a new row with the next revision
// that refers to the row it corrects. Once a round is submitted it is locked: its row
// cannot change, its records cannot be updated or deleted, and only corrections may be
// inserted (triggers). Frozen in time: never import application code.

// The default instruments, literal (docs/rules/evaluation.md explains the choices).
const FACILITY_ITEMS = [
  { key: 'signage', label: '标识标牌清晰规范', points: 10 },
  { key: 'guides', label: '办事指南公开齐全', points: 15 },
  { key: 'queue', label: '排队叫号系统运行正常', points: 15 },
  { key: 'seating', label: '等候座椅充足', points: 10 },
  { key: 'accessibility', label: '无障碍设施完好', points: 15 },
  { key: 'mother_baby', label: '母婴室设置', points: 10 },
  { key: 'amenities', label: '便民设施（饮水、老花镜、充电等）', points: 10 },
  { key: 'cleanliness', label: '环境整洁', points: 15 }
];
const VISIT_ITEMS = [
  { key: 'greeting', label: '主动问候', points: 15 },
  { key: 'attire', label: '着装规范、亮证上岗', points: 10 },
  { key: 'one_time_notice', label: '一次性告知', points: 25 },
  { key: 'accuracy', label: '答复准确', points: 30 }
];
// Waiting time: full points up to 10 minutes, then fewer in steps; over 60 minutes none.
const WAITING = {
  label: '等候时间',
  points: 20,
  bands: [
    { maxMinutes: 10, points: 20 },
    { maxMinutes: 20, points: 15 },
    { maxMinutes: 30, points: 10 },
    { maxMinutes: 60, points: 5 }
  ]
};
const SURVEY_ASPECTS = [
  { key: 'guidance', label: '办事指南清晰易懂' },
  { key: 'attitude', label: '窗口服务态度' },
  { key: 'efficiency', label: '办事效率' },
  { key: 'one_time_notice', label: '一次性告知到位' },
  { key: 'environment', label: '办事环境' },
  { key: 'integrity', label: '廉洁办事' }
];

const RECORD_TABLES = ['evaluation_facility_checks', 'evaluation_visits', 'evaluation_surveys'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  // Codes as in users.firm_code (free text, entered by the admin); no foreign key from
  // users so that an evaluator can be created before the firm's first round.
  await db.schema
    .createTable('evaluation_firms')
    .addColumn('code', 'text', (c) => c.primaryKey().check(sql`code ~ '^[A-Za-z0-9._-]{1,32}$'`))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) BETWEEN 1 AND 100`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('evaluation_instrument_sets')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('label', 'text', (c) => c.notNull().check(sql`char_length(label) BETWEEN 1 AND 100`))
    .addColumn('facility_items', 'jsonb', (c) => c.notNull())
    .addColumn('visit_items', 'jsonb', (c) => c.notNull())
    .addColumn('waiting', 'jsonb', (c) => c.notNull())
    .addColumn('survey_aspects', 'jsonb', (c) =>
      c.notNull().check(sql`jsonb_array_length(survey_aspects) BETWEEN 4 AND 10`)
    )
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db
    .insertInto('evaluation_instrument_sets')
    .values({
      label: '默认（第三方测评规范）',
      facility_items: JSON.stringify(FACILITY_ITEMS),
      visit_items: JSON.stringify(VISIT_ITEMS),
      waiting: JSON.stringify(WAITING),
      survey_aspects: JSON.stringify(SURVEY_ASPECTS)
    })
    .execute();

  await db.schema
    .createTable('evaluation_rounds')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    // The first day of the month reported on; one round per month.
    .addColumn('month', 'date', (c) =>
      c
        .notNull()
        .unique()
        .check(sql`extract(day FROM month) = 1`)
    )
    .addColumn('period_from', 'date', (c) => c.notNull())
    .addColumn('period_to', 'date', (c) => c.notNull())
    .addColumn('firm_code', 'text', (c) => c.notNull().references('evaluation_firms.code'))
    .addColumn('instrument_set_id', 'integer', (c) => c.notNull().references('evaluation_instrument_sets.id'))
    .addColumn('weight_facility', sql`numeric(4,3)`, (c) =>
      c
        .notNull()
        .defaultTo(0.2)
        .check(sql`weight_facility BETWEEN 0 AND 1`)
    )
    .addColumn('weight_visit', sql`numeric(4,3)`, (c) =>
      c
        .notNull()
        .defaultTo(0.3)
        .check(sql`weight_visit BETWEEN 0 AND 1`)
    )
    .addColumn('weight_survey', sql`numeric(4,3)`, (c) =>
      c
        .notNull()
        .defaultTo(0.5)
        .check(sql`weight_survey BETWEEN 0 AND 1`)
    )
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status IN ('draft', 'submitted')`)
    )
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('submitted_by', 'integer', (c) => c.references('users.id'))
    .addColumn('submitted_at', 'timestamptz')
    .addCheckConstraint('evaluation_rounds_period_check', sql`period_from <= period_to`)
    .addCheckConstraint(
      'evaluation_rounds_weights_check',
      sql`abs(weight_facility + weight_visit + weight_survey - 1) < 0.0005`
    )
    .addCheckConstraint(
      'evaluation_rounds_submitted_check',
      sql`(status = 'submitted') = (submitted_at IS NOT NULL AND submitted_by IS NOT NULL)`
    )
    .execute();
  await db.schema
    .createIndex('evaluation_rounds_firm_idx')
    .on('evaluation_rounds')
    .column('firm_code')
    .execute();

  // Columns every record shares: identity, revision chain, who entered it.
  const common = (table: string) =>
    db.schema
      .createTable(table)
      .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('round_id', 'integer', (c) => c.notNull().references('evaluation_rounds.id'))
      .addColumn('record_no', 'text', (c) => c.notNull().check(sql`record_no ~ '^[A-Za-z0-9._-]{1,40}$'`))
      .addColumn('revision', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`revision >= 0`)
      )
      .addColumn('corrects_id', 'integer', (c) => c.references(`${table}.id`))
      .addColumn('correction_reason', 'text', (c) =>
        c.check(sql`char_length(correction_reason) BETWEEN 1 AND 500`)
      )
      // A correction may withdraw the record altogether (作废), e.g. entered for the wrong unit.
      .addColumn('voided', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('entered_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('entered_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addCheckConstraint(
        `${table}_correction_check`,
        sql`(revision = 0) = (corrects_id IS NULL) AND (revision = 0) = (correction_reason IS NULL)
          AND (revision > 0 OR NOT voided)`
      );

  await common('evaluation_facility_checks')
    .addColumn('service_point_id', 'integer', (c) => c.notNull())
    .addColumn('checked_on', 'date', (c) => c.notNull())
    // { item key: points earned }
    .addColumn('earned', 'jsonb', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.check(sql`char_length(notes) <= 2000`))
    .addUniqueConstraint('evaluation_facility_checks_identity', [
      'round_id',
      'service_point_id',
      'record_no',
      'revision'
    ])
    .execute();

  await common('evaluation_visits')
    .addColumn('window_id', 'integer', (c) => c.notNull())
    .addColumn('visited_on', 'date', (c) => c.notNull())
    .addColumn('visited_time', 'time', (c) => c.notNull())
    .addColumn('matter', 'text', (c) => c.notNull().check(sql`char_length(matter) BETWEEN 1 AND 200`))
    // { item key: points given }
    .addColumn('item_scores', 'jsonb', (c) => c.notNull())
    .addColumn('waiting_minutes', 'integer', (c) => c.notNull().check(sql`waiting_minutes BETWEEN 0 AND 600`))
    .addColumn('problems', 'text', (c) => c.check(sql`char_length(problems) <= 2000`))
    .addUniqueConstraint('evaluation_visits_identity', ['round_id', 'window_id', 'record_no', 'revision'])
    .execute();

  await common('evaluation_surveys')
    // Optional: a questionnaire without a service point counts for the bureau only.
    .addColumn('service_point_id', 'integer')
    .addColumn('answered_on', 'date', (c) => c.notNull())
    .addColumn('channel', 'text', (c) =>
      c.notNull().check(sql`channel IN ('onsite', 'phone', 'online', 'sms')`)
    )
    .addColumn('case_no', 'text', (c) => c.check(sql`char_length(case_no) BETWEEN 1 AND 100`))
    .addColumn('overall', 'smallint', (c) => c.notNull().check(sql`overall BETWEEN 1 AND 5`))
    // { aspect key: level 1–5 }
    .addColumn('aspects', 'jsonb', (c) => c.notNull())
    .addUniqueConstraint(
      'evaluation_surveys_identity',
      ['round_id', 'service_point_id', 'record_no', 'revision'],
      (c) => c.nullsNotDistinct()
    )
    .execute();

  for (const table of RECORD_TABLES) {
    await db.schema.createIndex(`${table}_corrects_idx`).on(table).column('corrects_id').execute();
  }

  // A submitted round never changes; a draft may only move to submitted or stay a draft.
  await sql`
    CREATE FUNCTION evaluation_round_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.status = 'submitted' THEN
        RAISE EXCEPTION 'evaluation round % is submitted and locked (测评轮次已提交锁定)', OLD.id
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER evaluation_rounds_guard BEFORE UPDATE OR DELETE ON evaluation_rounds
    FOR EACH ROW EXECUTE FUNCTION evaluation_round_guard()`.execute(db);

  // Records of a submitted round are append-only, and only corrections may be appended.
  // FOR SHARE waits for a submission in progress, so no entry slips in behind it.
  await sql`
    CREATE FUNCTION evaluation_record_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE round_status text;
    BEGIN
      IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION '% cannot be truncated (测评记录不可清空)', TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      SELECT status INTO round_status FROM evaluation_rounds
        WHERE id = CASE TG_OP WHEN 'INSERT' THEN NEW.round_id ELSE OLD.round_id END FOR SHARE;
      IF TG_OP = 'INSERT' THEN
        IF round_status = 'submitted' AND NEW.revision = 0 THEN
          RAISE EXCEPTION 'evaluation round % is locked: only corrections may be added (已锁定，只能更正)',
            NEW.round_id USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END IF;
      IF round_status = 'submitted' THEN
        RAISE EXCEPTION 'records of submitted round % cannot be changed (已提交的测评记录不可修改或删除)',
          OLD.round_id USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
    END $$`.execute(db);
  for (const table of RECORD_TABLES) {
    await sql`
      CREATE TRIGGER ${sql.raw(`${table}_guard`)} BEFORE INSERT OR UPDATE OR DELETE ON ${sql.table(table)}
      FOR EACH ROW EXECUTE FUNCTION evaluation_record_guard()`.execute(db);
    await sql`
      CREATE TRIGGER ${sql.raw(`${table}_no_truncate`)} BEFORE TRUNCATE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION evaluation_record_guard()`.execute(db);
  }
  // Instrument sets are versions: a change is a new set, never an edit of one in use.
  await sql`
    CREATE FUNCTION evaluation_instrument_set_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'evaluation instrument sets are insert-only (测评指标版本不可修改)'
        USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER evaluation_instrument_sets_immutable BEFORE UPDATE OR DELETE ON evaluation_instrument_sets
    FOR EACH ROW EXECUTE FUNCTION evaluation_instrument_set_immutable()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [...RECORD_TABLES].reverse()) await db.schema.dropTable(table).execute();
  await db.schema.dropTable('evaluation_rounds').execute();
  await db.schema.dropTable('evaluation_instrument_sets').execute();
  await db.schema.dropTable('evaluation_firms').execute();
  await sql`DROP FUNCTION evaluation_instrument_set_immutable()`.execute(db);
  await sql`DROP FUNCTION evaluation_record_guard()`.execute(db);
  await sql`DROP FUNCTION evaluation_round_guard()`.execute(db);
}
