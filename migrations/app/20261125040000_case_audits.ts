import { sql, type Kysely } from 'kysely';

// Sampling plans and their draws (办件抽查, 双随机; shared/spec/audits.md). A plan and a
// draw, once written, are never changed or removed: the database refuses UPDATE, DELETE
// and TRUNCATE through triggers (as for the audit trail), so neither a bug nor a hand in
// the application's role can quietly redraw. Frozen in time: never import application code.

/** Every table of this migration, in the order they are created. */
const TABLES = [
  'audit_plans',
  'audit_draws',
  'audit_draw_strata',
  'audit_draw_population',
  'audit_draw_cases',
  'audit_draw_pool',
  'audit_draw_reviewers'
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_plans')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('title', 'text', (c) => c.notNull().check(sql`char_length(title) BETWEEN 1 AND 200`))
    // Bureau-local dates: the cases concluded on these days, both included.
    .addColumn('period_from', 'date', (c) => c.notNull())
    .addColumn('period_to', 'date', (c) => c.notNull())
    // Empty = no restriction.
    .addColumn('section_codes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('matter_codes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('strata', 'text', (c) => c.notNull().check(sql`strata IN ('section', 'matter', 'none')`))
    // The rate in millionths (50000 = 5 %), exactly as the pure module computes with it.
    .addColumn('rate_ppm', 'integer', (c) => c.notNull().check(sql`rate_ppm BETWEEN 0 AND 1000000`))
    .addColumn('minimum', 'integer', (c) => c.notNull().check(sql`minimum >= 1`))
    .addColumn('reviewers_per_case', 'integer', (c) => c.notNull().check(sql`reviewers_per_case IN (1, 2)`))
    .addColumn('seed', 'text', (c) => c.notNull().check(sql`seed <> ''`))
    .addColumn('seed_origin', 'text', (c) => c.notNull().check(sql`seed_origin IN ('entered', 'generated')`))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('audit_plans_period_check', sql`period_to >= period_from`)
    .execute();

  await db.schema
    .createTable('audit_draws')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('audit_plans.id'))
    .addColumn('drawn_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('drawn_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('population_size', 'integer', (c) => c.notNull())
    .addColumn('sample_size', 'integer', (c) => c.notNull())
    // sha256 hex of the population's case numbers, sorted by code unit, joined by '\n'.
    .addColumn('population_digest', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_draws_plan_idx').on('audit_draws').column('plan_id').execute();

  const drawId = (c: any) => c.notNull().references('audit_draws.id');
  await db.schema
    .createTable('audit_draw_strata')
    .addColumn('draw_id', 'integer', drawId)
    .addColumn('stratum', 'text', (c) => c.notNull())
    .addColumn('population_size', 'integer', (c) => c.notNull())
    .addColumn('sample_size', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_draw_strata_pk', ['draw_id', 'stratum'])
    .execute();

  // The population as drawn from, so that anyone can repeat the draw later even after
  // the synced cases have changed.
  await db.schema
    .createTable('audit_draw_population')
    .addColumn('draw_id', 'integer', drawId)
    .addColumn('case_no', 'text', (c) => c.notNull())
    .addColumn('stratum', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_draw_population_pk', ['draw_id', 'case_no'])
    .execute();

  await db.schema
    .createTable('audit_draw_cases')
    .addColumn('draw_id', 'integer', drawId)
    .addColumn('case_id', 'bigint', (c) => c.notNull())
    .addColumn('case_no', 'text', (c) => c.notNull())
    .addColumn('stratum', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_draw_cases_pk', ['draw_id', 'case_no'])
    .addUniqueConstraint('audit_draw_cases_position_key', ['draw_id', 'position'])
    .execute();

  // The inspector pool at the time of the draw (names as they were then).
  await db.schema
    .createTable('audit_draw_pool')
    .addColumn('draw_id', 'integer', drawId)
    .addColumn('reviewer_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_draw_pool_pk', ['draw_id', 'reviewer_user_id'])
    .execute();

  // Per drawn case: the reviewers drawn and the conflicted ones passed over.
  await db.schema
    .createTable('audit_draw_reviewers')
    .addColumn('draw_id', 'integer', drawId)
    .addColumn('case_no', 'text', (c) => c.notNull())
    .addColumn('reviewer_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome IN ('drawn', 'skipped')`))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_draw_reviewers_pk', ['draw_id', 'case_no', 'reviewer_user_id'])
    .addForeignKeyConstraint('audit_draw_reviewers_case_fk', ['draw_id', 'case_no'], 'audit_draw_cases', [
      'draw_id',
      'case_no'
    ])
    .execute();

  await sql`
    CREATE FUNCTION case_audit_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is immutable (抽查计划与抽取结果不可修改或删除)', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  for (const table of TABLES) {
    await sql`
      CREATE TRIGGER ${sql.id(`${table}_immutable`)} BEFORE UPDATE OR DELETE ON ${sql.table(table)}
      FOR EACH ROW EXECUTE FUNCTION case_audit_immutable()`.execute(db);
    await sql`
      CREATE TRIGGER ${sql.id(`${table}_no_truncate`)} BEFORE TRUNCATE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION case_audit_immutable()`.execute(db);
    // UPDATE stays granted: a foreign key check locks the referenced row FOR KEY SHARE,
    // which needs it. The trigger above refuses every UPDATE all the same.
    await sql`REVOKE DELETE, TRUNCATE ON ${sql.table(table)} FROM PUBLIC, CURRENT_USER`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [...TABLES].reverse()) await db.schema.dropTable(table).execute();
  await sql`DROP FUNCTION case_audit_immutable()`.execute(db);
}
