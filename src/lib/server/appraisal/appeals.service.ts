import type { Kysely } from 'kysely';
import { checkReason } from '../../appraisal/appeal-rules';
import { CHIEF_SHARE_RULE } from '../../appraisal/catalogue';
import { appendAudit } from '../audit/audit.repository';
import { bureauToday } from '../case-clock/bureau-date';
import { loadCalendarFrom } from '../case-clock/calendar.repository';
import type { Database } from '../db/database';
import { appealDeadline, isAppealOpen, type AppraisalCalendar } from './appraisal-dates';
import {
  decideOpenAppeal,
  findEvent,
  insertAppeal,
  listAppeals,
  setEventStatus,
  type AppealRow,
  type EventDetail
} from './appeals.repository';
import { lockAppraisalMonth } from './derive.service';
import { canSeeEvent, inOwnSections, isOwnEvent, type AppraisalActor } from './event-scope';
import { AppraisalError } from './manual-events.service';
import { refreshChiefShares } from './shares.service';

// Appeals (申诉; docs/rules/appraisal.md "Manual events and appeals"). The person concerned
// appeals a deduction within 5 working days of its entry (the event stops counting); a
// leader or a head of the person's section — never whoever entered the event nor the
// appellant — upholds (维持) or revokes (撤销) it. Each step: one transaction under the
// month's advisory lock, the audit entry, the chief's share recomputed.

export type AppealOutcome = { ok: true } | { ok: false; error: string };

/** Why the person concerned may not appeal the event now, or null when they may. */
export function appealRefusal(event: EventDetail, calendar: AppraisalCalendar, today: string): string | null {
  if (event.ruleCode === CHIEF_SHARE_RULE) return '首席代表分担扣分随原扣分事件变化，请由原事件的当事人申诉';
  if (event.retractedAt) return '该事件已撤回，不计分，无需申诉';
  if (Number(event.points) >= 0) return '加分事件无需申诉';
  if (event.status === 'appealed') return '该事件正在申诉中';
  if (event.status !== 'effective') return '该事件的申诉已有结论，不能再次申诉';
  if (event.monthClosed) return `${event.month.slice(0, 7)} 已结账，不能再申诉`;
  // From the day it was entered (made visible), for automatic events the first derivation.
  if (!isAppealOpen(event.enteredAt, today, calendar))
    return `申诉期限已过（截至 ${appealDeadline(event.enteredAt, calendar)}）`;
  return null;
}

/** Why this user may not decide the event's open appeal, or null when they may. */
export function decisionRefusal(
  who: Pick<AppraisalActor, 'userId' | 'roles' | 'sectionCodes' | 'staffNo'>,
  event: EventDetail,
  open: AppealRow | undefined
): string | null {
  const leader = who.roles.includes('leader');
  if (!leader && !inOwnSections(who, event)) return '只有局领导或本科室科长可以处理申诉';
  if (event.status !== 'appealed' || !open) return '该事件没有待处理的申诉';
  if (event.enteredBy !== null && event.enteredBy === who.userId) return '录入该事件的人不能处理其申诉';
  if (open.appealedBy === who.userId || isOwnEvent(who, event)) return '申诉人不能处理自己的申诉';
  if (event.monthClosed && !leader) return '该月已结账，遗留申诉只能由局领导处理';
  return null;
}

/** Loads the event for a write: visible to the user, its month locked, its row locked. */
async function lockedEvent(trx: Kysely<Database>, who: AppraisalActor, eventId: string) {
  const first = await findEvent(trx, eventId);
  if (!first || !canSeeEvent(who, first)) throw new AppraisalError('未找到该考核事件', 404);
  await lockAppraisalMonth(trx, first.month);
  const event = await findEvent(trx, eventId, true);
  if (!event) throw new AppraisalError('未找到该考核事件', 404);
  return event;
}

export async function fileAppeal(
  db: Kysely<Database>,
  who: AppraisalActor,
  eventId: string,
  reason: string,
  now: Date = new Date()
): Promise<AppealOutcome> {
  const problem = checkReason(reason, '申诉理由');
  if (problem) return { ok: false, error: problem };
  if (who.userId === null) throw new AppraisalError('需要登录', 403);
  const userId = who.userId;
  return db.transaction().execute(async (trx) => {
    const event = await lockedEvent(trx, who, eventId);
    if (!isOwnEvent(who, event)) throw new AppraisalError('只有被考核人本人可以申诉', 403);
    const refusal = appealRefusal(event, await loadCalendarFrom(trx), bureauToday(now));
    if (refusal) return { ok: false, error: refusal };
    const appealId = await insertAppeal(trx, { eventId, reason: reason.trim(), appealedBy: userId, at: now });
    await setEventStatus(trx, eventId, 'appealed');
    const shares = await refreshChiefShares(trx, event.month);
    await appendAudit(trx, who, {
      action: 'appraisal.appeal.file',
      entity: 'score_event',
      entityId: eventId,
      before: { status: event.status },
      after: { status: 'appealed', appealId, reason: reason.trim(), chiefShares: shares }
    });
    return { ok: true };
  });
}

export async function decideAppeal(
  db: Kysely<Database>,
  who: AppraisalActor,
  eventId: string,
  decision: 'upheld' | 'revoked',
  reason: string,
  now: Date = new Date()
): Promise<AppealOutcome> {
  const problem = checkReason(reason, decision === 'upheld' ? '维持理由' : '撤销理由');
  if (problem) return { ok: false, error: problem };
  if (who.userId === null || !(who.roles.includes('leader') || who.roles.includes('section_head')))
    throw new AppraisalError('只有局领导或科长可以处理申诉', 403);
  const userId = who.userId;
  return db.transaction().execute(async (trx) => {
    const event = await lockedEvent(trx, who, eventId);
    const open = (await listAppeals(trx, eventId)).find((a) => a.decision === null);
    const refusal = decisionRefusal(who, event, open);
    if (refusal) return { ok: false, error: refusal };
    const appealId = await decideOpenAppeal(trx, {
      eventId,
      reviewer: userId,
      decision,
      reason: reason.trim(),
      at: now
    });
    await setEventStatus(trx, eventId, decision);
    // A closed month's shares stay frozen; the decision shows in its recomputed results.
    const shares = await refreshChiefShares(trx, event.month);
    await appendAudit(trx, who, {
      action: 'appraisal.appeal.decide',
      entity: 'score_event',
      entityId: eventId,
      before: { status: event.status },
      after: {
        status: decision,
        appealId,
        reason: reason.trim(),
        afterClosing: event.monthClosed,
        chiefShares: shares
      }
    });
    return { ok: true };
  });
}
