import type { Kysely } from 'kysely';
import { appendAudit, type Actor } from '../audit/audit.repository';
import { bureauToday } from '../case-clock/bureau-date';
import type { Database } from '../db/database';
import type { GroundsCode } from './accountability.table';
import { resolveBasis } from './basis';
import { suggestLevel, type Suggestion } from './ladder';
import type { DecisionInput, RecordErrors, RecordInput } from './record-form';
import {
  findRecord,
  findStaffByNo,
  insertDecision,
  insertRecord,
  listGrounds,
  listLevels,
  listPersonRecords,
  lockRecord,
  toPastRecords,
  type NewBasis
} from './records.repository';

// Proposing (inspectors), deciding or declining (leaders) and correcting accountability
// records (责任追究; shared/spec/audits.md, security.md). Each write is one transaction with
// its audit entry. Records are never changed: a correction is a new record naming the old.

export class AccountabilityError extends Error {
  override name = 'AccountabilityError';
  constructor(
    message: string,
    readonly status: 403 | 404 | 409 = 409
  ) {
    super(message);
  }
}

type Db = Kysely<Database>;

/** The level the product suggests for a person and grounds on `today` (advice only). */
export async function suggestionFor(
  db: Db,
  staffId: number,
  grounds: GroundsCode,
  today: string,
  excludeIds: number[] = []
): Promise<Suggestion> {
  const [levels, allGrounds, history] = await Promise.all([
    listLevels(db),
    listGrounds(db),
    listPersonRecords(db, staffId)
  ]);
  const g = allGrounds.find((x) => x.code === grounds);
  return suggestLevel({
    levels,
    grounds,
    groundsLabel: g?.label ?? grounds,
    startLevel: g?.start_level ?? 1,
    history: toPastRecords(history),
    today,
    excludeIds
  });
}

export type ProposeOutcome = { ok: true; id: number } | { ok: false; errors: RecordErrors };

export async function propose(
  db: Db,
  actor: Actor,
  input: RecordInput,
  now: Date = new Date()
): Promise<ProposeOutcome> {
  if (actor.userId === null || !actor.roles.includes('inspector'))
    throw new AccountabilityError('只有纪检监察人员可以提出追责建议', 403);
  const proposedBy = actor.userId;
  return db.transaction().execute(async (trx) => {
    if (input.correctsId !== null) {
      await lockRecord(trx, input.correctsId);
      const old = await findRecord(trx, input.correctsId);
      if (!old) return { ok: false, errors: { corrects: '未找到要更正的记录' } };
      if (old.state === 'superseded')
        return {
          ok: false,
          errors: { corrects: `该记录已被 #${old.corrected_by_id} 更正，请更正最新的记录` }
        };
    }
    const person = await findStaffByNo(trx, input.staffNo);
    if (!person) return { ok: false, errors: { staffNo: '未找到该工号的工作人员' } };
    const level = (await listLevels(trx)).find((l) => l.level === input.level);
    if (!level) return { ok: false, errors: { level: '请选择建议的追责级别' } };
    const basis: NewBasis[] = [];
    for (const b of input.basis) {
      const resolved = await resolveBasis(trx, b.kind, b.ref);
      if ('error' in resolved) return { ok: false, errors: { basis: resolved.error } };
      basis.push(resolved);
    }
    const record = {
      staffId: person.id,
      staffNo: person.staff_no,
      staffName: person.name,
      grounds: input.grounds,
      groundsNote: input.groundsNote,
      level: level.level,
      levelLabel: level.label,
      facts: input.facts,
      proposedBy,
      proposedAt: now,
      correctsId: input.correctsId
    };
    const id = await insertRecord(trx, record, basis);
    await appendAudit(trx, actor, {
      action: input.correctsId === null ? 'accountability.propose' : 'accountability.correct',
      entity: 'accountability_record',
      entityId: id,
      after: {
        ...record,
        proposedAt: now.toISOString(),
        basis: basis.map((b) => ({ kind: b.kind, ref: b.ref }))
      }
    });
    return { ok: true, id };
  });
}

export type DecideOutcome = { ok: true; decisionId: number } | { ok: false; error: string };

/** A leader decides at the proposed or another level, or declines (no accountability). */
export async function decide(
  db: Db,
  actor: Actor,
  recordId: number,
  input: DecisionInput,
  now: Date = new Date()
): Promise<DecideOutcome> {
  if (actor.userId === null || !actor.roles.includes('leader'))
    throw new AccountabilityError('只有局领导可以作出追责决定', 403);
  const decidedBy = actor.userId;
  return db.transaction().execute(async (trx) => {
    await lockRecord(trx, recordId);
    const record = await findRecord(trx, recordId);
    if (!record) throw new AccountabilityError('未找到该追责记录', 404);
    if (record.state === 'superseded')
      return { ok: false, error: `该记录已被 #${record.corrected_by_id} 更正，不能再作决定` };
    if (record.state !== 'proposed') return { ok: false, error: '该记录已作出决定' };
    // Four eyes: who proposed does not decide the same record.
    if (record.proposed_by === decidedBy) return { ok: false, error: '提出追责建议的人员不能决定同一记录' };
    let levelLabel: string | null = null;
    if (input.outcome === 'decided') {
      const level = (await listLevels(trx)).find((l) => l.level === input.level);
      if (!level) return { ok: false, error: '请选择决定的追责级别' };
      levelLabel = level.label;
    }
    const suggestion = await suggestionFor(trx, record.staff_id, record.grounds, bureauToday(now), [
      recordId
    ]);
    const decision = {
      recordId,
      outcome: input.outcome,
      level: input.outcome === 'decided' ? input.level : null,
      levelLabel,
      reason: input.reason,
      decidedBy,
      decidedAt: now
    };
    const decisionId = await insertDecision(trx, decision);
    await appendAudit(trx, actor, {
      action: input.outcome === 'decided' ? 'accountability.decide' : 'accountability.decline',
      entity: 'accountability_record',
      entityId: recordId,
      after: { ...decision, decisionId, decidedAt: now.toISOString(), suggestedLevel: suggestion.level }
    });
    return { ok: true, decisionId };
  });
}
