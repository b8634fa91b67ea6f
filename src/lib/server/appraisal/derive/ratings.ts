import { sql } from 'kysely';
import type { ScoreRule } from '../../../appraisal/catalogue';
import { insertDerived, localDate, monthInstants, scoredStaffJoin, type DeriveContext } from './context';

// Citizens' ratings (好差评) rated in the month (bureau-local date of rated_at), attributed
// to the rating's staff member, else to the handler of its case. A rating naming someone
// who is not scored (a reviewer, someone inactive) does not fall back to the handler.

function deriveRatingLevels(ctx: DeriveContext, rule: ScoreRule, levels: number[]): Promise<number> {
  const { from, to } = monthInstants(ctx.month);
  return insertDerived(
    ctx,
    rule,
    'rating',
    sql`
      SELECT ${rule.code}::text || ':rating:' || r.id, s.id, ${localDate(sql`r.rated_at`)},
        r.id::text, '评价等级 ' || r.level
      FROM ratings r
      LEFT JOIN cases c ON c.id = r.case_id
      ${scoredStaffJoin(sql`COALESCE(r.staff_id, c.handler_staff_id)`)}
      WHERE r.rated_at >= ${from} AND r.rated_at < ${to}
        AND r.level IN (${sql.join(levels)})`
  );
}

/** Level 1–2 (不满意): a deduction each. */
export const deriveBadRatings = (ctx: DeriveContext, rule: ScoreRule) =>
  deriveRatingLevels(ctx, rule, [1, 2]);

/** Level 5 (非常满意): a bonus point each, every one of them (the monthly cap is the arithmetic's). */
export const deriveVeryGoodRatings = (ctx: DeriveContext, rule: ScoreRule) =>
  deriveRatingLevels(ctx, rule, [5]);
