import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../audit/audit.repository';
import type { Database } from '../db/database';
import { checkCorrection, type FieldErrors, type FormValues } from './form-fields';
import type { InstrumentKind } from './instruments';
import { checkFacilityForm, checkSurveyForm, checkVisitForm, type FormContext } from './record-forms';
import {
  findRecordRow,
  insertFacility,
  insertSurvey,
  insertVisit,
  loadUnits,
  RECORD_TABLE,
  type RowMeta
} from './records.repository';
import { findRound, loadInstrumentSet, type RoundRow } from './rounds.repository';
import { EvaluationError, requireWritable, type EvaluationActor } from './scope';

// Entering one record, or a correction of one (a new row with the next revision that
// refers to the row it corrects; the only kind of write a submitted round takes). The
// record and its audit entry commit together.

export type RecordOutcome = { ok: true; id: number } | { ok: false; errors: FieldErrors };

type Trx = Transaction<Database>;

export async function formContext(
  db: Kysely<Database>,
  round: RoundRow,
  today: string
): Promise<FormContext> {
  const [set, units] = await Promise.all([loadInstrumentSet(db, round.instrumentSetId), loadUnits(db)]);
  return {
    set,
    period: { from: round.periodFrom, to: round.periodTo, today },
    servicePoints: new Map(units.servicePoints.map((p) => [p.code, p.id])),
    windows: new Map(units.windows.map((w) => [w.code, w.id]))
  };
}

function check(kind: InstrumentKind, values: FormValues, ctx: FormContext) {
  if (kind === 'facility') return checkFacilityForm(values, ctx);
  if (kind === 'visit') return checkVisitForm(values, ctx);
  return checkSurveyForm(values, ctx);
}

/** The unit column of a row or an input: service point for checks and surveys, window for visits. */
function unitOf(kind: InstrumentKind, row: { service_point_id?: number | null; window_id?: number }) {
  return kind === 'visit' ? (row.window_id ?? null) : (row.service_point_id ?? null);
}

async function identityTaken(
  trx: Trx,
  kind: InstrumentKind,
  roundId: number,
  unit: number | null,
  recordNo: string
) {
  const column = kind === 'visit' ? 'window_id' : 'service_point_id';
  const row = await trx
    .selectFrom(RECORD_TABLE[kind])
    .select('id')
    .where('round_id', '=', roundId)
    .where('record_no', '=', recordNo)
    .where(column, unit === null ? 'is' : '=', unit)
    .executeTakeFirst();
  return row !== undefined;
}

const DUPLICATE = '该记录编号在此单位下已录入；要修改已录入的记录，请在记录列表中“更正”';

export async function addRecord(
  db: Kysely<Database>,
  who: EvaluationActor,
  roundId: number,
  kind: InstrumentKind,
  values: FormValues,
  opts: { correctsId?: number | null; today: string }
): Promise<RecordOutcome> {
  if (who.userId === null) throw new EvaluationError('需要登录', 403);
  const enteredBy = who.userId;
  try {
    return await db.transaction().execute(async (trx): Promise<RecordOutcome> => {
      const round = requireWritable(who, await findRound(trx, roundId));
      const correctsId = opts.correctsId ?? null;
      if (round.status === 'submitted' && correctsId === null)
        throw new EvaluationError('本轮测评已提交锁定，只能更正已有记录', 409);
      const checked = check(kind, values, await formContext(trx, round, opts.today));
      const correction = correctsId === null ? null : checkCorrection(values);
      const errors = {
        ...('errors' in checked ? checked.errors : {}),
        ...(correction && 'errors' in correction ? correction.errors : {})
      };
      if ('errors' in checked || (correction && 'errors' in correction)) return { ok: false, errors };
      const input = checked.input;

      let corrected: Awaited<ReturnType<typeof findRecordRow>> | null = null;
      const meta: RowMeta = {
        roundId,
        revision: 0,
        correctsId: null,
        correctionReason: null,
        voided: false,
        enteredBy
      };
      if (correctsId !== null && correction && !('errors' in correction)) {
        corrected = await findRecordRow(trx, kind, correctsId);
        if (!corrected || corrected.round_id !== roundId)
          throw new EvaluationError('未找到要更正的记录', 404);
        const newer = await trx
          .selectFrom(RECORD_TABLE[kind])
          .select('id')
          .where('corrects_id', '=', correctsId)
          .executeTakeFirst();
        if (newer) return { ok: false, errors: { correctionReason: '该记录已被更正过，请更正最新的版本' } };
        // A correction keeps the record's identity: same unit, same record number.
        input.recordNo = corrected.record_no;
        const unit = unitOf(kind, corrected);
        if (kind === 'visit') Object.assign(input, { windowId: unit });
        else Object.assign(input, { servicePointId: unit });
        Object.assign(meta, {
          revision: corrected.revision + 1,
          correctsId,
          correctionReason: correction.reason,
          voided: correction.voided
        });
      } else if (await identityTaken(trx, kind, roundId, unitOf(kind, toRow(kind, input)), input.recordNo)) {
        return { ok: false, errors: { recordNo: DUPLICATE } };
      }

      const id =
        kind === 'facility'
          ? await insertFacility(trx, meta, input as Parameters<typeof insertFacility>[2])
          : kind === 'visit'
            ? await insertVisit(trx, meta, input as Parameters<typeof insertVisit>[2])
            : await insertSurvey(trx, meta, input as Parameters<typeof insertSurvey>[2]);
      await appendAudit(trx, who, {
        action: corrected ? 'evaluation.record.correct' : 'evaluation.record.create',
        entity: RECORD_TABLE[kind],
        entityId: id,
        before: corrected ?? undefined,
        after: { round_id: roundId, ...meta, ...input }
      });
      return { ok: true, id };
    });
  } catch (e) {
    // Two entries of the same identity at once: the unique constraint decides.
    if ((e as { code?: string }).code === '23505') return { ok: false, errors: { recordNo: DUPLICATE } };
    throw e;
  }
}

function toRow(kind: InstrumentKind, input: object) {
  const i = input as { windowId?: number; servicePointId?: number | null };
  return kind === 'visit' ? { window_id: i.windowId } : { service_point_id: i.servicePointId ?? null };
}
