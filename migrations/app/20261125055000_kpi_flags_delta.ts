import { sql, type Kysely } from 'kysely';

// kpi_flags (cases carrying each clock flag, per section) kept by deltas instead of a
// recount on every rollup refresh: the recount joins every flagged clock to its case and
// took 7 s at 10,000,000 cases (docs/benchmarks.md). Statement-level triggers on case_clock
// add the new rows' flags and subtract the old rows'. What deltas cannot follow (a case or
// a matter moving to another section, a bulk load with the triggers off) sets
// kpi_rollup_state.flags_stale, and the next refresh recounts. The triggers are named
// kpi_dirty_* so that a first load suspends them with the others.
// Frozen in time: never import application code here.

const FLAGS_OF = (rows: string, sign: number) => `
  SELECT m.section_id, f.flag, ${sign} AS delta
  FROM ${rows} r
  JOIN cases c ON c.id = r.case_id
  JOIN matters m ON m.id = c.matter_id
  CROSS JOIN LATERAL unnest(r.flags) AS f(flag)
  WHERE r.flags <> '{}'`;

const APPLY = (deltas: string) => `
  INSERT INTO kpi_flags (section_id, flag, cases)
  SELECT section_id, flag, sum(delta) FROM (${deltas}) d
  GROUP BY section_id, flag HAVING sum(delta) <> 0
  ORDER BY section_id, flag
  ON CONFLICT (section_id, flag) DO UPDATE SET cases = kpi_flags.cases + EXCLUDED.cases;
  DELETE FROM kpi_flags WHERE cases = 0;`;

const STALE = `UPDATE kpi_rollup_state SET flags_stale = true WHERE id = 1;`;

const TRIGGERS: { name: string; table: string; event: string; transitions: string; body: string }[] = [
  {
    name: 'kpi_dirty_flags_insert',
    table: 'case_clock',
    event: 'INSERT',
    transitions: 'NEW TABLE AS new_rows',
    body: APPLY(FLAGS_OF('new_rows', 1))
  },
  {
    name: 'kpi_dirty_flags_update',
    table: 'case_clock',
    event: 'UPDATE',
    transitions: 'OLD TABLE AS old_rows NEW TABLE AS new_rows',
    // Most updates (the daily refresh) change no flags: skip the rows whose flags stayed.
    body: APPLY(`${FLAGS_OF(
      `(SELECT n.* FROM new_rows n JOIN old_rows o ON o.case_id = n.case_id WHERE n.flags IS DISTINCT FROM o.flags)`,
      1
    )}
      UNION ALL ${FLAGS_OF(
        `(SELECT o.* FROM old_rows o JOIN new_rows n ON n.case_id = o.case_id WHERE n.flags IS DISTINCT FROM o.flags)`,
        -1
      )}`)
  },
  {
    name: 'kpi_dirty_flags_delete',
    table: 'case_clock',
    event: 'DELETE',
    transitions: 'OLD TABLE AS old_rows',
    body: APPLY(FLAGS_OF('old_rows', -1))
  },
  {
    name: 'kpi_dirty_flags_case_moved',
    table: 'cases',
    event: 'UPDATE',
    transitions: 'OLD TABLE AS old_rows NEW TABLE AS new_rows',
    body: `IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.matter_id <> o.matter_id) THEN
      ${STALE}
    END IF;`
  },
  {
    name: 'kpi_dirty_flags_matter_moved',
    table: 'matters',
    event: 'UPDATE',
    transitions: 'OLD TABLE AS old_rows NEW TABLE AS new_rows',
    body: `IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.section_id <> o.section_id) THEN
      ${STALE}
    END IF;`
  }
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('kpi_rollup_state')
    .addColumn('flags_stale', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
  for (const t of TRIGGERS) {
    await sql
      .raw(
        `CREATE FUNCTION ${t.name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
         BEGIN
           ${t.body}
           RETURN NULL;
         END $fn$`
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${t.name} AFTER ${t.event} ON ${t.table}
         REFERENCING ${t.transitions} FOR EACH STATEMENT EXECUTE FUNCTION ${t.name}()`
      )
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of TRIGGERS) {
    await sql.raw(`DROP TRIGGER ${t.name} ON ${t.table}`).execute(db);
    await sql.raw(`DROP FUNCTION ${t.name}()`).execute(db);
  }
  await db.schema.alterTable('kpi_rollup_state').dropColumn('flags_stale').execute();
}
