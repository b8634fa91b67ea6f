import { sql } from 'kysely';
import type { ScoreRule } from '../../../appraisal/catalogue';
import { insertDerived, localDate, monthInstants, scoredStaffJoin, type DeriveContext } from './context';

// Substantiated complaints (投诉属实), attributed to the complaint's staff member, else to
// the handler of its case; a complaint about a window alone names no one and derives
// nothing. The month is that of its closing (when it was found substantiated), else of its
// receipt.

export function deriveSubstantiatedComplaints(ctx: DeriveContext, rule: ScoreRule): Promise<number> {
  const { from, to } = monthInstants(ctx.month);
  const at = sql`COALESCE(p.closed_at, p.received_at)`;
  return insertDerived(
    ctx,
    rule,
    'complaint',
    sql`
      SELECT ${rule.code}::text || ':complaint:' || p.id, s.id, ${localDate(at)},
        p.id::text, p.category
      FROM complaints p
      LEFT JOIN cases c ON c.id = p.case_id
      ${scoredStaffJoin(sql`COALESCE(p.staff_id, c.handler_staff_id)`)}
      WHERE p.substantiated AND ${at} >= ${from} AND ${at} < ${to}`
  );
}
