import type { Kysely, Transaction } from 'kysely';
import { appendAudit, type Actor } from '../audit/audit.repository';
import { addWorkingDays, localDate } from '../calendar/working-days';
import { loadCalendarFrom } from '../case-clock/calendar.repository';
import type { Database } from '../db/database';
import { checkText, MAX_EVIDENCE_BYTES, type FormErrors, type NoticeInput } from './notice-form';
import { findNotice, insertEvent, insertNotice, type Evidence } from './notices.repository';
import { resolveAddressee, resolveSource } from './sources';

// Issuing, answering and verifying rectification notices (整改通知; shared/spec/audits.md).
// Inspectors issue and verify or reject; the addressed section's head (or the addressed
// staff member's own user) responds. Each write is one transaction with its audit entry.

export class RectificationError extends Error {
  override name = 'RectificationError';
  constructor(
    message: string,
    readonly status: 403 | 404 | 409 = 409
  ) {
    super(message);
  }
}

/** Who acts, with the scope that decides whether they may respond. */
export interface Responder extends Actor {
  sectionCodes: readonly string[];
  staffNo: string | null;
}

type Trx = Transaction<Database>;

export type IssueOutcome = { ok: true; id: number } | { ok: false; errors: FormErrors };

export async function issueNotice(
  db: Kysely<Database>,
  actor: Actor,
  input: NoticeInput,
  now: Date = new Date()
): Promise<IssueOutcome> {
  if (actor.userId === null) throw new RectificationError('需要登录', 403);
  const issuedBy = actor.userId;
  return db.transaction().execute(async (trx) => {
    const source = await resolveSource(trx, input.sourceKind, input.sourceRef);
    if ('error' in source) return { ok: false, errors: { sourceRef: source.error } };
    const addressee = await resolveAddressee(trx, input.addresseeKind, input.addresseeCode);
    if ('error' in addressee) return { ok: false, errors: { addresseeCode: addressee.error } };
    const calendar = await loadCalendarFrom(trx);
    const deadlineOn = addWorkingDays(localDate(now), input.deadlineDays, calendar);
    const notice = {
      sourceKind: input.sourceKind,
      ...source,
      addresseeKind: input.addresseeKind,
      addresseeCode: input.addresseeCode,
      sectionId: addressee.sectionId,
      defects: input.defects,
      deadlineDays: input.deadlineDays,
      issuedBy,
      issuedAt: now,
      deadlineOn
    };
    const id = await insertNotice(trx, notice);
    await appendAudit(trx, actor, {
      action: 'rectification.issue',
      entity: 'rectification_notice',
      entityId: id,
      after: { ...notice, issuedAt: now.toISOString() }
    });
    return { ok: true, id };
  });
}

async function loadNotice(trx: Trx, id: number, now: Date) {
  const notice = await findNotice(trx, id, localDate(now));
  if (!notice) throw new RectificationError('未找到该整改通知', 404);
  return notice;
}

/** Whether this user answers for the notice's addressee. */
export function mayRespond(
  who: Pick<Responder, 'roles' | 'sectionCodes' | 'staffNo'>,
  notice: { section_code: string | null; addressee_kind: string; addressee_code: string }
): boolean {
  if (who.roles.includes('section_head') && notice.section_code !== null)
    if (who.sectionCodes.includes(notice.section_code)) return true;
  return notice.addressee_kind === 'staff' && who.staffNo !== null && who.staffNo === notice.addressee_code;
}

export type WriteOutcome = { ok: true; eventId: number } | { ok: false; error: string };

export async function respond(
  db: Kysely<Database>,
  who: Responder,
  noticeId: number,
  body: string,
  evidence: Evidence | null,
  now: Date = new Date()
): Promise<WriteOutcome> {
  const problem = checkText(body, '整改情况');
  if (problem) return { ok: false, error: problem };
  if (evidence && evidence.bytes.length > MAX_EVIDENCE_BYTES)
    return { ok: false, error: '附件不能超过 5 MB' };
  if (who.userId === null) throw new RectificationError('需要登录', 403);
  const userId = who.userId;
  return db.transaction().execute(async (trx) => {
    const notice = await loadNotice(trx, noticeId, now);
    if (!mayRespond(who, notice)) throw new RectificationError('只有被通知的科室负责人或本人可以回复', 403);
    if (notice.state !== 'issued') return { ok: false, error: '该通知当前不需要回复' };
    const eventId = await insertEvent(trx, {
      noticeId,
      kind: 'responded',
      body: body.trim(),
      byUserId: userId,
      at: now,
      evidence
    });
    await appendAudit(trx, who, {
      action: 'rectification.respond',
      entity: 'rectification_notice',
      entityId: noticeId,
      after: {
        event_id: eventId,
        body: body.trim(),
        evidence: evidence ? { filename: evidence.filename, size: evidence.bytes.length } : null
      }
    });
    return { ok: true, eventId };
  });
}

/** An inspector accepts (verified) or rejects (back to issued, with the reason) a response. */
export async function review(
  db: Kysely<Database>,
  actor: Actor,
  noticeId: number,
  verdict: 'verified' | 'rejected',
  body: string,
  now: Date = new Date()
): Promise<WriteOutcome> {
  const problem = checkText(body, verdict === 'verified' ? '核验意见' : '退回理由');
  if (problem) return { ok: false, error: problem };
  if (actor.userId === null || !actor.roles.includes('inspector'))
    throw new RectificationError('只有纪检监察人员可以核验整改', 403);
  const userId = actor.userId;
  return db.transaction().execute(async (trx) => {
    const notice = await loadNotice(trx, noticeId, now);
    if (notice.state !== 'responded') return { ok: false, error: '该通知尚未回复，不能核验' };
    const eventId = await insertEvent(trx, {
      noticeId,
      kind: verdict,
      body: body.trim(),
      byUserId: userId,
      at: now,
      evidence: null
    });
    await appendAudit(trx, actor, {
      action: verdict === 'verified' ? 'rectification.verify' : 'rectification.reject',
      entity: 'rectification_notice',
      entityId: noticeId,
      after: { event_id: eventId, body: body.trim() }
    });
    return { ok: true, eventId };
  });
}
