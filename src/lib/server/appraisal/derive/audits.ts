import { sql } from 'kysely';
import type { ScoreRule } from '../../../appraisal/catalogue';
import { insertDerived, localDate, monthInstants, scoredStaffJoin, type DeriveContext } from './context';

// File reviews (案卷评查) of drawn cases. The result of a drawn case (per draw) is its latest
// submitted review that no submitted review corrects; with two reviewers, the later of
// theirs. 合格 with any deduction (band 'pass', score < 100) → audit_defects; 不合格 (band
// 'fail') → audit_failed; 优秀 derives nothing. Attributed to the case's handler, in the
// month the review was submitted. A correction retracts the event of the review it replaces
// (the key names the review) and derives its own.

function deriveAuditBand(ctx: DeriveContext, rule: ScoreRule, band: 'pass' | 'fail'): Promise<number> {
  const { from, to } = monthInstants(ctx.month);
  return insertDerived(
    ctx,
    rule,
    'review',
    sql`
      SELECT ${rule.code}::text || ':review:' || v.id, s.id, ${localDate(sql`v.submitted_at`)},
        v.id::text, '案卷 ' || v.case_no || ' 评查得分 ' || v.score
      FROM (
        SELECT DISTINCT ON (r.draw_id, r.case_no) r.*
        FROM audit_reviews r
        WHERE r.status = 'submitted'
          AND NOT EXISTS (
            SELECT 1 FROM audit_reviews n WHERE n.corrects_review_id = r.id AND n.status = 'submitted')
        ORDER BY r.draw_id, r.case_no, r.submitted_at DESC, r.id DESC
      ) v
      JOIN cases c ON c.id = v.case_id
      ${scoredStaffJoin(sql`c.handler_staff_id`)}
      WHERE v.submitted_at >= ${from} AND v.submitted_at < ${to}
        AND v.band = ${band} AND v.score < 100`
  );
}

export const deriveAuditDefects = (ctx: DeriveContext, rule: ScoreRule) => deriveAuditBand(ctx, rule, 'pass');
export const deriveAuditFailures = (ctx: DeriveContext, rule: ScoreRule) =>
  deriveAuditBand(ctx, rule, 'fail');
