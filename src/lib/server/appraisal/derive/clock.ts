import { sql, type RawBuilder } from 'kysely';
import type { ScoreRule } from '../../../appraisal/catalogue';
import {
  insertDerived,
  localDate,
  monthDates,
  monthInstants,
  scoredStaffJoin,
  type DeriveContext
} from './context';

// The three rules read from each case's clock (case_clock), attributed to the case's
// handler (cases.handler_staff_id). Withdrawn and rejected cases are never late nor overdue
// (the clock leaves them out), so they derive nothing.

/** Concluded in the month (bureau-local date of concluded_at) after its promised due date. */
export function deriveLateConclusions(ctx: DeriveContext, rule: ScoreRule): Promise<number> {
  const { from, to } = monthInstants(ctx.month);
  return insertDerived(
    ctx,
    rule,
    'case',
    sql`
      SELECT ${rule.code}::text || ':case:' || c.case_no, c.handler_staff_id, ${localDate(sql`c.concluded_at`)},
        c.case_no, '承诺期限 ' || k.promised_due_on || '，' || ${localDate(sql`c.concluded_at`)} || ' 办结'
      FROM cases c
      JOIN case_clock k ON k.case_id = c.id
      ${scoredStaffJoin(sql`c.handler_staff_id`)}
      WHERE c.status = 'concluded' AND c.concluded_at >= ${from} AND c.concluded_at < ${to}
        AND k.promised_on_time = false`
  );
}

/**
 * A case turns red the day after its promised due date (red = T > D). Once per case: the
 * event lands in the month of that day. Counted: open cases red now, and concluded cases
 * that were late (they were open and red from that day until their conclusion).
 */
export function deriveRedCases(ctx: DeriveContext, rule: ScoreRule): Promise<number> {
  return deriveDayAfterDue(
    ctx,
    rule,
    'promised_due_on',
    sql`'承诺期限 ' || k.promised_due_on || '，次日亮红牌'`,
    sql`(k.colour = 'red' OR k.promised_on_time = false)`
  );
}

/**
 * Past the statutory due date (extensions included): open and past it, or concluded after
 * it. Once per case, in the month of the first day past it (due date + 1).
 */
export function deriveStatutoryOverdue(ctx: DeriveContext, rule: ScoreRule): Promise<number> {
  return deriveDayAfterDue(
    ctx,
    rule,
    'statutory_due_on',
    sql`'法定期限 ' || k.statutory_due_on || '，次日起超法定时限'`,
    sql`k.statutory_overdue`
  );
}

/**
 * One event per case matching `past`, dated the day after the clock's `due` date and kept
 * when that day falls in the month.
 */
function deriveDayAfterDue(
  ctx: DeriveContext,
  rule: ScoreRule,
  due: 'promised_due_on' | 'statutory_due_on',
  note: RawBuilder<unknown>,
  past: RawBuilder<unknown>
): Promise<number> {
  const { from, to } = monthDates(ctx.month);
  const dueOn = sql.ref(`k.${due}`);
  return insertDerived(
    ctx,
    rule,
    'case',
    sql`
      SELECT ${rule.code}::text || ':case:' || c.case_no, c.handler_staff_id, ${dueOn} + 1,
        c.case_no, ${note}
      FROM case_clock k
      JOIN cases c ON c.id = k.case_id
      ${scoredStaffJoin(sql`c.handler_staff_id`)}
      WHERE ${past}
        AND ${dueOn} >= ${from} - 1 AND ${dueOn} < ${to} - 1`
  );
}
