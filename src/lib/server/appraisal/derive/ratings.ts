import { sql } from 'kysely';
import type { ScoreRule } from '../../../appraisal/catalogue';
import { insertDerived, localDate, monthInstants, scoredStaffJoin, type DeriveContext } from './context';

// Citizens' ratings (好差评) rated in the month (bureau-local date of rated_at), attributed
// to the rating's staff member, else to the handler of its case. A rating naming someone
// who is not scored (a reviewer, someone inactive) does not fall back to the handler.
// A bad rating whose appeal as mistaken or malicious was accepted (view rating_exclusions,
// docs/rules/ratings.md) costs nobody anything: its event is retracted like any other whose
// source no longer holds.

function deriveRatingLevels(
  ctx: DeriveContext,
  rule: ScoreRule,
  levels: number[],
  honourExclusions: boolean
): Promise<number> {
  const { from, to } = monthInstants(ctx.month);
  const notExcluded = honourExclusions
    ? sql`AND NOT EXISTS (SELECT 1 FROM rating_exclusions x WHERE x.rating_id = r.id)`
    : sql``;
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
        AND r.level IN (${sql.join(levels)}) ${notExcluded}`
  );
}

/** Level 1–2 (不满意): a deduction each. */
export const deriveBadRatings = (ctx: DeriveContext, rule: ScoreRule) =>
  deriveRatingLevels(ctx, rule, [1, 2], true);

/** Level 5 (非常满意): a bonus point each, every one of them (the monthly cap is the arithmetic's). */
export const deriveVeryGoodRatings = (ctx: DeriveContext, rule: ScoreRule) =>
  deriveRatingLevels(ctx, rule, [5], false);
