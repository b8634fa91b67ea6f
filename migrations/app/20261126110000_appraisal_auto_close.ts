import { sql, type Kysely } from 'kysely';

// A month of the appraisal closes on the 5th working day of the next month
// (shared/spec/scoring.md): a leader may close it from that day, and the job
// appraisal-close closes it at the end of that day if no one has. A month closed by the
// job has no closing user: closed_by may now be NULL on a closed month (never the other way
// round: a closing user without a closing time). Frozen in time: never import app code.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE appraisal_months DROP CONSTRAINT appraisal_months_closed_consistent`.execute(db);
  await sql`
    ALTER TABLE appraisal_months ADD CONSTRAINT appraisal_months_closed_consistent CHECK (
      (closed_by IS NULL OR closed_at IS NOT NULL)
      AND (closed_at IS NULL OR (results IS NOT NULL AND rule_set_id IS NOT NULL))
      AND (NOT published OR closed_at IS NOT NULL))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE appraisal_months DROP CONSTRAINT appraisal_months_closed_consistent`.execute(db);
  await sql`
    ALTER TABLE appraisal_months ADD CONSTRAINT appraisal_months_closed_consistent CHECK (
      (closed_at IS NULL) = (closed_by IS NULL)
      AND (closed_at IS NULL OR (results IS NOT NULL AND rule_set_id IS NOT NULL))
      AND (NOT published OR closed_at IS NOT NULL))`.execute(db);
}
