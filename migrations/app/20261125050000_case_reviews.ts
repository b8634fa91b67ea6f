import { sql, type Kysely } from 'kysely';

// Reviews of drawn case files (案卷评查; shared/spec/audits.md) and the scoresheet
// templates they are scored on. A review is a draft its reviewer may change or discard
// until it is submitted; a submitted review is never changed or removed (a trigger refuses
// it, for every role): a correction is a new review naming the one it corrects.
// Frozen in time: never import application code.

/**
 * The default 100-point template, copied as literal data from DEFAULT_SCORESHEET in
 * src/lib/scoresheet.ts (as of this migration). Changing the code later does not change
 * what this migration seeded.
 */
const DEFAULT_ITEMS = [
  { code: 'acceptance', label: '受理', points: 15 },
  { code: 'notification', label: '一次性告知', points: 10 },
  { code: 'examination', label: '审查', points: 25 },
  { code: 'special_procedure', label: '特别程序', points: 5 },
  { code: 'decision', label: '决定', points: 15 },
  { code: 'time_limit', label: '时限', points: 10 },
  { code: 'service', label: '送达', points: 5 },
  { code: 'fees', label: '收费', points: 5 },
  { code: 'archiving', label: '归档', points: 10 }
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_scoresheet_templates')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) BETWEEN 1 AND 200`))
    .addColumn('items', 'jsonb', (c) => c.notNull().check(sql`jsonb_typeof(items) = 'array'`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db
    .insertInto('audit_scoresheet_templates')
    .values({ name: '案卷评查表（默认）', items: JSON.stringify(DEFAULT_ITEMS) })
    .execute();

  await db.schema
    .createTable('audit_reviews')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('draw_id', 'integer', (c) => c.notNull())
    .addColumn('case_id', 'bigint', (c) => c.notNull())
    .addColumn('case_no', 'text', (c) => c.notNull())
    .addColumn('reviewer_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('template_id', 'integer', (c) => c.notNull().references('audit_scoresheet_templates.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('draft', 'submitted')`))
    .addColumn('entries', 'jsonb', (c) => c.notNull().check(sql`jsonb_typeof(entries) = 'array'`))
    // Whole or half points, 0..100 (0 with a legality defect).
    .addColumn('score', sql`numeric(4,1)`, (c) => c.notNull().check(sql`score BETWEEN 0 AND 100`))
    .addColumn('band', 'text', (c) => c.notNull().check(sql`band IN ('excellent', 'pass', 'fail')`))
    .addColumn('legality_defect', 'boolean', (c) => c.notNull())
    .addColumn('corrects_review_id', 'integer', (c) => c.references('audit_reviews.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('submitted_at', 'timestamptz')
    .addForeignKeyConstraint('audit_reviews_case_fk', ['draw_id', 'case_no'], 'audit_draw_cases', [
      'draw_id',
      'case_no'
    ])
    .addCheckConstraint(
      'audit_reviews_submitted_check',
      sql`(status = 'submitted') = (submitted_at IS NOT NULL)`
    )
    .addCheckConstraint('audit_reviews_legality_check', sql`NOT legality_defect OR score = 0`)
    .execute();
  // One open draft per reviewer and case.
  await sql`
    CREATE UNIQUE INDEX audit_reviews_one_draft ON audit_reviews (draw_id, case_no, reviewer_user_id)
    WHERE status = 'draft'`.execute(db);
  await db.schema.createIndex('audit_reviews_draw_idx').on('audit_reviews').column('draw_id').execute();

  // A submitted review is final; a draft keeps its draw, case, reviewer, template and the
  // review it corrects, and may only move forward to 'submitted'.
  await sql`
    CREATE FUNCTION audit_review_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'TRUNCATE' OR OLD.status = 'submitted' THEN
        RAISE EXCEPTION 'audit_reviews is immutable once submitted (已提交的评查不可修改或删除)'
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF TG_OP = 'UPDATE' AND (NEW.draw_id, NEW.case_id, NEW.case_no, NEW.reviewer_user_id,
          NEW.template_id, NEW.corrects_review_id, NEW.created_at)
          IS DISTINCT FROM (OLD.draw_id, OLD.case_id, OLD.case_no, OLD.reviewer_user_id,
          OLD.template_id, OLD.corrects_review_id, OLD.created_at) THEN
        RAISE EXCEPTION 'audit_reviews: only the entries and the status of a draft may change'
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER audit_reviews_guard BEFORE UPDATE OR DELETE ON audit_reviews
    FOR EACH ROW EXECUTE FUNCTION audit_review_guard()`.execute(db);
  await sql`
    CREATE TRIGGER audit_reviews_no_truncate BEFORE TRUNCATE ON audit_reviews
    FOR EACH STATEMENT EXECUTE FUNCTION audit_review_guard()`.execute(db);
  // DELETE stays granted: a reviewer may discard a draft (the trigger guards submitted rows).
  await sql`REVOKE TRUNCATE ON audit_reviews FROM PUBLIC, CURRENT_USER`.execute(db);

  // Templates: a template that has scored a file must keep its items. Only `active` may
  // change (a new template replaces an old one); nothing is deleted.
  await sql`
    CREATE FUNCTION audit_template_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'UPDATE' OR (NEW.id, NEW.name, NEW.items, NEW.created_at)
          IS DISTINCT FROM (OLD.id, OLD.name, OLD.items, OLD.created_at) THEN
        RAISE EXCEPTION 'audit_scoresheet_templates: only active may change (评查表模板不可修改或删除)'
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER audit_scoresheet_templates_guard BEFORE UPDATE OR DELETE ON audit_scoresheet_templates
    FOR EACH ROW EXECUTE FUNCTION audit_template_guard()`.execute(db);
  await sql`
    CREATE TRIGGER audit_scoresheet_templates_no_truncate BEFORE TRUNCATE ON audit_scoresheet_templates
    FOR EACH STATEMENT EXECUTE FUNCTION audit_template_guard()`.execute(db);
  await sql`REVOKE DELETE, TRUNCATE ON audit_scoresheet_templates FROM PUBLIC, CURRENT_USER`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_reviews').execute();
  await db.schema.dropTable('audit_scoresheet_templates').execute();
  await sql`DROP FUNCTION audit_review_guard()`.execute(db);
  await sql`DROP FUNCTION audit_template_guard()`.execute(db);
}
