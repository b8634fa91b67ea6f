import { sql, type Kysely } from 'kysely';
import { appendAudit, type Actor } from '../audit/audit.repository';
import type { Database } from '../db/database';
import { sameInstruments, type InstrumentFormErrors, type NewInstrumentSet } from './instrument-form';
import { insertInstrumentSet } from './instrument-sets.repository';
import { latestInstrumentSetId, loadInstrumentSet } from './rounds.repository';
import { EvaluationError } from './scope';

// Instrument versions (docs/rules/evaluation.md "Instrument versions"): a leader saves a
// new set made from the newest; rounds created afterwards take it, rounds already created
// keep the set they were created with (evaluation_rounds.instrument_set_id).

export { listInstrumentSetRows as listInstrumentSets } from './instrument-sets.repository';
export type { StoredInstrumentSet } from './instrument-sets.repository';

export type CreateSetOutcome = { ok: true; id: number } | { ok: false; errors: InstrumentFormErrors };

export const STALE = '在您修改期间已有人保存了新版本，请刷新页面，在最新版本的基础上修改';

/**
 * Saves a checked set as the newest. `baseId` is the set the form was made from: when
 * another leader saved a newer one meanwhile, this one is refused rather than silently
 * undoing their change.
 */
export async function createInstrumentSet(
  db: Kysely<Database>,
  actor: Actor,
  baseId: number,
  set: NewInstrumentSet
): Promise<CreateSetOutcome> {
  // Leaders only: they assign rounds to firms, so they decide what a round measures.
  if (actor.userId === null || !actor.roles.includes('leader'))
    throw new EvaluationError('只有局领导可以修改测评指标', 403);
  const userId = actor.userId;
  return db.transaction().execute(async (trx): Promise<CreateSetOutcome> => {
    // Serialises two leaders saving at once, so the newest is the one each compares with.
    await sql`SELECT pg_advisory_xact_lock(hashtext('evaluation_instrument_sets'), 0)`.execute(trx);
    const newestId = await latestInstrumentSetId(trx);
    if (newestId !== baseId) return { ok: false, errors: { _: STALE } };
    if (sameInstruments(set, await loadInstrumentSet(trx, newestId)))
      return { ok: false, errors: { _: '与最新版本内容相同，无需保存新版本' } };
    const id = await insertInstrumentSet(trx, set, userId);
    await appendAudit(trx, actor, {
      action: 'evaluation.instrument_set.create',
      entity: 'evaluation_instrument_set',
      entityId: id,
      after: { ...set, replaces: newestId }
    });
    return { ok: true, id };
  });
}
