import { sql } from 'kysely';
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
  const { from, to } = monthDates(ctx.month);
  return insertDerived(
    ctx,
    rule,
    'case',
    sql`
      SELECT ${rule.code}::text || ':case:' || c.case_no, c.handler_staff_id, k.promised_due_on + 1,
        c.case_no, '承诺期限 ' || k.promised_due_on || '，次日亮红牌'
      FROM case_clock k
      JOIN cases c ON c.id = k.case_id
      ${scoredStaffJoin(sql`c.handler_staff_id`)}
      WHERE (k.colour = 'red' OR k.promised_on_time = false)
        AND k.promised_due_on >= ${from} - 1 AND k.promised_due_on < ${to} - 1`
  );
}

/**
 * Past the statutory due date (extensions included): open and past it, or concluded after
 * it. Once per case, in the month of the first day past it (due date + 1).
 */
export function deriveStatutoryOverdue(ctx: DeriveContext, rule: ScoreRule): Promise<number> {
  const { from, to } = monthDates(ctx.month);
  return insertDerived(
    ctx,
    rule,
    'case',
    sql`
      SELECT ${rule.code}::text || ':case:' || c.case_no, c.handler_staff_id, k.statutory_due_on + 1,
        c.case_no, '法定期限 ' || k.statutory_due_on || '，次日起超法定时限'
      FROM case_clock k
      JOIN cases c ON c.id = k.case_id
      ${scoredStaffJoin(sql`c.handler_staff_id`)}
      WHERE k.statutory_overdue
        AND k.statutory_due_on >= ${from} - 1 AND k.statutory_due_on < ${to} - 1`
  );
}
