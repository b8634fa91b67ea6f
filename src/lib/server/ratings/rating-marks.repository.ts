import { sql, type Kysely, type Transaction } from 'kysely';
import type { MarkKind } from '../../rating-marks';
import type { Database } from '../db/database';
import type { KpiPeriod } from '../kpis/kpi-definitions';
import { inPeriod } from '../kpis/kpi-sql';

// The marks of bad ratings (append-only; the latest is the state) and the ratings an
// accepted appeal takes out of the staff appraisal (docs/rules/ratings.md).

type Db = Kysely<Database> | Transaction<Database>;

export interface MarkRow {
  id: number;
  kind: MarkKind;
  reason: string | null;
  by_user_id: number;
  by_name: string;
  at: Date;
}

/** A rating's marks, oldest first. */
export async function listMarks(db: Db, ratingId: string): Promise<MarkRow[]> {
  return db
    .selectFrom('rating_marks as k')
    .innerJoin('users as u', 'u.id', 'k.by_user_id')
    .select(['k.id', 'k.kind', 'k.reason', 'k.by_user_id', 'u.display_name as by_name', 'k.at'])
    .where('k.rating_id', '=', ratingId)
    .orderBy('k.id')
    .execute();
}

export async function insertMark(
  trx: Transaction<Database>,
  mark: { ratingId: string; kind: MarkKind; reason: string | null; byUserId: number; at: Date }
): Promise<number> {
  const row = await trx
    .insertInto('rating_marks')
    .values({
      rating_id: mark.ratingId,
      kind: mark.kind,
      reason: mark.reason,
      by_user_id: mark.byUserId,
      at: mark.at
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The ratings rated in the period (bureau-local dates, both inclusive) whose appeal as a
 * mistaken or malicious rating was accepted: the appraisal derivation leaves them out of
 * the person's deductions. The same set as the view rating_exclusions, cut to the period.
 */
export async function excludedRatingIds(db: Db, period: KpiPeriod): Promise<string[]> {
  const result = await sql<{ id: string }>`
    SELECT r.id FROM rating_exclusions x JOIN ratings r ON r.id = x.rating_id
    WHERE ${inPeriod(sql.ref('r.rated_at'), period)}
    ORDER BY r.id`.execute(db);
  return result.rows.map((r) => String(r.id));
}
