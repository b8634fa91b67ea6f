import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ScoreRule } from '../../../appraisal/catalogue';
import type { Database } from '../../db/database';

// What every deriver shares: the month's bounds, the staff who are scored, and the temporary
// table the derivers fill (one row per event that should exist, keyed by source_key). The
// service then upserts that table into score_events and retracts what is missing from it.

export const BUREAU_ZONE = 'Asia/Shanghai';

export interface DeriveContext {
  trx: Kysely<Database>;
  /** 'YYYY-MM-01'. */
  month: string;
}

/** The month's bounds as instants: [first day 00:00, next month's first day 00:00) bureau time. */
export function monthInstants(month: string): { from: RawBuilder<Date>; to: RawBuilder<Date> } {
  return {
    from: sql<Date>`(${month}::date::timestamp AT TIME ZONE ${BUREAU_ZONE})`,
    to: sql<Date>`((${month}::date + interval '1 month')::timestamp AT TIME ZONE ${BUREAU_ZONE})`
  };
}

/** The month's bounds as dates: [first day, next month's first day). */
export function monthDates(month: string): { from: RawBuilder<string>; to: RawBuilder<string> } {
  return {
    from: sql<string>`${month}::date`,
    to: sql<string>`(${month}::date + interval '1 month')::date`
  };
}

/** The bureau-local date of an instant column. */
export const localDate = (instant: RawBuilder<unknown>) =>
  sql<string>`(${instant} AT TIME ZONE ${BUREAU_ZONE})::date`;

/**
 * Joins the scored staff as `s` on the given person: active and window-facing (position
 * 'window' or 'chief_rep'). Someone else (a reviewer, a section head, an inactive member)
 * gets no automatic event.
 */
export const scoredStaffJoin = (person: RawBuilder<unknown>) =>
  sql`JOIN staff s ON s.id = ${person} AND s.active AND s.position IN ('window', 'chief_rep')`;

export const DERIVED_TABLE = 'appraisal_derived';

/** Created once per transaction (dropped at commit), emptied before each month. */
export async function prepareDerivedTable(trx: Kysely<Database>): Promise<void> {
  await sql`
    CREATE TEMP TABLE IF NOT EXISTS appraisal_derived (
      source_key text PRIMARY KEY,
      staff_id integer NOT NULL,
      occurred_on date NOT NULL,
      rule_code text NOT NULL,
      target text NOT NULL,
      points numeric(6,1) NOT NULL,
      source_kind text NOT NULL,
      source_ref text NOT NULL,
      note text
    ) ON COMMIT DROP`.execute(trx);
  await sql`TRUNCATE appraisal_derived`.execute(trx);
}

/**
 * INSERT INTO the derived table from a SELECT giving, in order: source_key, staff_id,
 * occurred_on, source_ref, note (the rule's code, target and points are added here). A
 * source listed twice (cannot happen with the keys used; harmless) is kept once.
 */
export async function insertDerived(
  ctx: DeriveContext,
  rule: ScoreRule,
  kind: string,
  select: RawBuilder<unknown>
): Promise<number> {
  const result = await sql`
    INSERT INTO appraisal_derived
      (source_key, staff_id, occurred_on, source_ref, note, rule_code, target, points, source_kind)
    SELECT d.*, ${rule.code}::text, ${rule.target}::text, ${rule.points}::numeric, ${kind}::text
    FROM (${select}) AS d
    ON CONFLICT (source_key) DO NOTHING`.execute(ctx.trx);
  return Number(result.numAffectedRows ?? 0);
}
