import type { Kysely } from 'kysely';
import { manualRules, type EventFormErrors, type EventInput } from '../../appraisal/appeal-rules';
import { appendAudit } from '../audit/audit.repository';
import type { Database } from '../db/database';
import { lockAppraisalMonth } from './derive.service';
import { mayEnterFor, type AppraisalActor } from './event-scope';
import { isMonthClosed } from './events.repository';
import {
  findStaff,
  insertEvidence,
  insertManualEvent,
  type EvidenceUpload
} from './manual-events.repository';
import { loadRuleSetInForce } from './rule-sets.repository';
import { refreshChiefShares } from './shares.service';

// Manual score events (人工录入; docs/rules/appraisal.md "Manual events and appeals"): a
// section head for their own sections' window staff, a leader for anyone. Points, target
// and dimension are the rule's (never typed). A closed month takes only a leader's
// correction. One transaction: the event, its files, the audit entry and the chief's share.

export class AppraisalError extends Error {
  override name = 'AppraisalError';
  constructor(
    message: string,
    readonly status: 403 | 404 | 409 = 409
  ) {
    super(message);
  }
}

export type EnterOutcome =
  | { ok: true; id: string; month: string; origin: 'manual' | 'correction' }
  | { ok: false; errors: EventFormErrors };

const SCORED_POSITIONS = ['window', 'chief_rep'];

export async function enterManualEvent(
  db: Kysely<Database>,
  who: AppraisalActor,
  input: EventInput,
  evidence: readonly EvidenceUpload[] = [],
  now: Date = new Date()
): Promise<EnterOutcome> {
  const leader = who.roles.includes('leader');
  if (who.userId === null || !(leader || who.roles.includes('section_head')))
    throw new AppraisalError('只有局领导和科长可以录入考核事件', 403);
  const userId = who.userId;
  if (input.correction && !leader) return fail({ correction: '只有局领导可以录入结账后更正' });

  return db.transaction().execute(async (trx) => {
    const staff = await findStaff(trx, input.staffId);
    if (!staff || !mayEnterFor(who, staff)) return fail({ staffId: '只能为本科室的窗口人员录入' });
    if (!staff.active || !SCORED_POSITIONS.includes(staff.position))
      return fail({ staffId: '该人员不在岗或不是窗口人员，不参加考核' });

    const ruleSet = await loadRuleSetInForce(trx);
    const rule = manualRules(ruleSet.rules).find((r) => r.code === input.ruleCode);
    if (!rule) return fail({ ruleCode: '该规则不能人工录入或已停用' });

    const month = `${input.occurredOn.slice(0, 7)}-01`;
    await lockAppraisalMonth(trx, month);
    const closed = await isMonthClosed(trx, month);
    const label = month.slice(0, 7);
    if (closed && !input.correction)
      return fail({
        occurredOn: leader
          ? `${label} 已结账；如需更正，请勾选“结账后更正”并写明原因`
          : `${label} 已结账，不能再录入；如需更正请报局领导`
      });
    if (!closed && input.correction)
      return fail({ correction: `${label} 尚未结账，请按普通事件录入（不要勾选“结账后更正”）` });

    const origin = closed ? 'correction' : 'manual';
    const event = {
      staffId: staff.id,
      month,
      occurredOn: input.occurredOn,
      ruleCode: rule.code,
      target: rule.target,
      points: rule.points,
      origin,
      note: input.note,
      enteredBy: userId,
      enteredAt: now,
      ruleSetId: ruleSet.id
    } as const;
    const id = await insertManualEvent(trx, event);
    await insertEvidence(trx, id, evidence, userId, now);
    const shares = await refreshChiefShares(trx, month);
    await appendAudit(trx, who, {
      action: closed ? 'appraisal.correction.enter' : 'appraisal.event.enter',
      entity: 'score_event',
      entityId: id,
      after: {
        ...event,
        enteredAt: now.toISOString(),
        staffNo: staff.staffNo,
        sectionCode: staff.sectionCode,
        evidence: evidence.map((f) => ({ fileName: f.fileName, mime: f.mime, size: f.bytes.length })),
        chiefShares: shares
      }
    });
    return { ok: true, id, month, origin };
  });
}

function fail(errors: EventFormErrors): EnterOutcome {
  return { ok: false, errors };
}
