import type { Kysely } from 'kysely';
import { appendAudit, type Actor } from '../audit/audit.repository';
import type { Database } from '../db/database';
import type { FieldErrors } from './form-fields';
import { recordCounts } from './records.repository';
import type { RoundInput } from './round-form';
import { findRound, latestInstrumentSetId } from './rounds.repository';
import { EvaluationError, requireWritable, type EvaluationActor } from './scope';

// Creating a round (a leader assigns a month to a firm) and submitting it (the firm's
// evaluator; the round is then locked). Each write is one transaction with its audit entry.

export type CreateOutcome = { ok: true; id: number } | { ok: false; errors: FieldErrors };

export async function createRound(
  db: Kysely<Database>,
  actor: Actor,
  input: RoundInput
): Promise<CreateOutcome> {
  if (actor.userId === null || !actor.roles.includes('leader'))
    throw new EvaluationError('只有局领导可以安排测评轮次', 403);
  const createdBy = actor.userId;
  return db.transaction().execute(async (trx): Promise<CreateOutcome> => {
    const firm = await trx
      .selectFrom('evaluation_firms')
      .select(['code', 'name'])
      .where('code', '=', input.firmCode)
      .executeTakeFirst();
    if (!firm) {
      if (!input.firmName) return { ok: false, errors: { firmName: '这是新的测评机构，请填写机构名称' } };
      await trx
        .insertInto('evaluation_firms')
        .values({ code: input.firmCode, name: input.firmName })
        .execute();
      await appendAudit(trx, actor, {
        action: 'evaluation.firm.create',
        entity: 'evaluation_firm',
        entityId: input.firmCode,
        after: { code: input.firmCode, name: input.firmName }
      });
    }
    const taken = await trx
      .selectFrom('evaluation_rounds')
      .select('id')
      .where('month', '=', input.month)
      .executeTakeFirst();
    if (taken) return { ok: false, errors: { month: '该月份已安排测评轮次' } };
    const values = {
      month: input.month,
      period_from: input.periodFrom,
      period_to: input.periodTo,
      firm_code: input.firmCode,
      instrument_set_id: await latestInstrumentSetId(trx),
      weight_facility: input.weights.facility,
      weight_visit: input.weights.visit,
      weight_survey: input.weights.survey,
      created_by: createdBy
    };
    const { id } = await trx
      .insertInto('evaluation_rounds')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, {
      action: 'evaluation.round.create',
      entity: 'evaluation_round',
      entityId: id,
      after: values
    });
    return { ok: true, id };
  });
}

export type SubmitOutcome = { ok: true } | { ok: false; error: string };

/** The firm submits its round; from then on it is locked (corrections only). */
export async function submitRound(
  db: Kysely<Database>,
  who: EvaluationActor,
  roundId: number,
  now: Date = new Date()
): Promise<SubmitOutcome> {
  if (who.userId === null) throw new EvaluationError('需要登录', 403);
  const userId = who.userId;
  return db.transaction().execute(async (trx): Promise<SubmitOutcome> => {
    // The row lock makes an entry in flight finish first (its trigger reads FOR SHARE).
    await trx.selectFrom('evaluation_rounds').select('id').where('id', '=', roundId).forUpdate().execute();
    const round = requireWritable(who, await findRound(trx, roundId));
    if (round.status === 'submitted') return { ok: false, error: '本轮测评已提交，不能重复提交' };
    const counts = await recordCounts(trx, roundId);
    if (counts.facility + counts.visit + counts.survey === 0)
      return { ok: false, error: '本轮尚无任何测评记录，录入后再提交' };
    await trx
      .updateTable('evaluation_rounds')
      .set({ status: 'submitted', submitted_at: now, submitted_by: userId })
      .where('id', '=', roundId)
      .execute();
    await appendAudit(trx, who, {
      action: 'evaluation.round.submit',
      entity: 'evaluation_round',
      entityId: roundId,
      before: { status: 'draft' },
      after: { status: 'submitted', submitted_at: now.toISOString(), counts }
    });
    return { ok: true };
  });
}
