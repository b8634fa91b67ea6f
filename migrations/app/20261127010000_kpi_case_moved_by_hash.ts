import { sql, type Kysely } from 'kysely';

// kpi_dirty_flags_case_moved asked `IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o
// ON o.id = n.id …)`. An EXISTS is planned for its first row, and with two transition
// tables (no index) that is a nested loop: 10,000 updated cases compared 10,000 × 10,000
// times, 11 s of a 10-second incremental sync (docs/benchmarks.md, "Sync"). An aggregate
// over the join reads every row anyway, so the planner hashes one side: a few ms.
// Frozen in time: never import application code here.

const BY_HASH = `CREATE OR REPLACE FUNCTION kpi_dirty_flags_case_moved() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF (SELECT bool_or(n.matter_id <> o.matter_id) FROM new_rows n JOIN old_rows o ON o.id = n.id) THEN
      UPDATE kpi_rollup_state SET flags_stale = true WHERE id = 1;
    END IF;
    RETURN NULL;
  END $fn$`;

const BY_EXISTS = `CREATE OR REPLACE FUNCTION kpi_dirty_flags_case_moved() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.matter_id <> o.matter_id) THEN
      UPDATE kpi_rollup_state SET flags_stale = true WHERE id = 1;
    END IF;
    RETURN NULL;
  END $fn$`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(BY_HASH).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(BY_EXISTS).execute(db);
}
