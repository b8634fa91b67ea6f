import type { Kysely } from 'kysely';
import {
  APPEAL_KINDS,
  checkMarkForm,
  MARK_LABELS,
  mayMark,
  nextMarks,
  type MarkKind,
  type MarkState
} from '../../rating-marks';
import type { Role } from '../../roles';
import { appendAudit, type Actor } from '../audit/audit.repository';
import type { Database } from '../db/database';
import { insertMark, listMarks, type MarkRow } from './rating-marks.repository';
import { findRating } from './ratings.repository';

// Marking a bad rating 已核实 / 已整改, appealing it as mistaken or malicious, and deciding
// the appeal (docs/rules/ratings.md). One transaction per mark with its audit entry. The
// person's right comes from rating-marks.ts; the order of marks is also enforced by the
// database's trigger, whose refusal (a concurrent mark) becomes a message here.

export interface MarkingUser extends Actor {
  roles: readonly Role[];
  /** A section head's sections ('all' for leaders and inspectors). */
  scope: 'all' | readonly string[];
}

export type MarkOutcome =
  { ok: true; markId: number } | { ok: false; status: 400 | 403 | 404; errors: Record<string, string> };

/** The state of a rating's marks: the latest, and who appealed (if anyone ever did). */
export function markState(marks: MarkRow[]): { state: MarkState; appellantId: number | null } {
  const appeal = marks.findLast((m) => APPEAL_KINDS.includes(m.kind));
  return { state: marks.at(-1)?.kind ?? 'none', appellantId: appeal?.by_user_id ?? null };
}

/** The marks this person may set now on this rating. */
export function availableMarks(
  who: { userId: number | null; roles: readonly Role[] },
  inOwnSection: boolean,
  marks: MarkRow[]
): MarkKind[] {
  const { state, appellantId } = markState(marks);
  return nextMarks(state, appellantId !== null).filter((kind) =>
    mayMark(kind, { ...who, inOwnSection }, appellantId)
  );
}

export async function markRating(
  db: Kysely<Database>,
  who: MarkingUser,
  ratingId: string,
  form: { kind: string | null; reason: string | null },
  now: Date = new Date()
): Promise<MarkOutcome> {
  const checked = checkMarkForm(form.kind, form.reason);
  if ('errors' in checked) return { ok: false, status: 400, errors: checked.errors };
  if (who.userId === null) return { ok: false, status: 403, errors: { kind: '需要登录' } };
  const userId = who.userId;
  const rating = await findRating(db, ratingId);
  const inScope =
    rating !== undefined &&
    (who.scope === 'all' || (rating.section_code !== null && who.scope.includes(rating.section_code)));
  // Another section's rating answers like an unknown one, so ids cannot be probed.
  if (!rating || !inScope) return { ok: false, status: 404, errors: { kind: '未找到该评价' } };
  if (rating.level > 2) return { ok: false, status: 400, errors: { kind: '只能标记差评（1–2 星）' } };
  try {
    return await db.transaction().execute(async (trx) => {
      const marks = await listMarks(trx, rating.id);
      const { state, appellantId } = markState(marks);
      if (!nextMarks(state, appellantId !== null).includes(checked.kind))
        return {
          ok: false,
          status: 400,
          errors: { kind: `该差评当前不能标记为「${MARK_LABELS[checked.kind]}」` }
        };
      if (!mayMark(checked.kind, { ...who, inOwnSection: who.scope !== 'all' }, appellantId))
        return {
          ok: false,
          status: 403,
          errors: {
            kind:
              appellantId === userId && checked.kind.startsWith('appeal_')
                ? '申诉须由申诉人以外的局领导或纪检监察人员裁定'
                : '您的角色不能设置该标记'
          }
        };
      const markId = await insertMark(trx, { ratingId: rating.id, ...checked, byUserId: userId, at: now });
      await appendAudit(trx, who, {
        action: `rating.mark.${checked.kind}`,
        entity: 'rating',
        entityId: rating.id,
        before: { state },
        after: { mark_id: markId, kind: checked.kind, reason: checked.reason }
      });
      return { ok: true as const, markId };
    });
  } catch (e) {
    // The trigger refused: someone marked the rating in between.
    if ((e as { code?: string }).code === '23514')
      return { ok: false, status: 400, errors: { kind: '该差评的标记刚被他人更新，请刷新后重试' } };
    throw e;
  }
}
