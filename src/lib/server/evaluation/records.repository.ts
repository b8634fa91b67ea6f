import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { InstrumentKind } from './instruments';
import type { FacilityInput, SurveyInput, VisitInput } from './record-forms';

// Queries on the three record tables. A record's effective version is its highest
// revision (a correction supersedes what it corrects); a voided one no longer counts.

type Db = Kysely<Database> | Transaction<Database>;

export const RECORD_TABLE = {
  facility: 'evaluation_facility_checks',
  visit: 'evaluation_visits',
  survey: 'evaluation_surveys'
} as const satisfies Record<InstrumentKind, keyof Database>;

/** The effective facility checks, visits and questionnaires of a round. */
export async function effectiveRecords(db: Db, roundId: number) {
  const [facility, visits, surveys] = await Promise.all([
    db
      .selectFrom('evaluation_facility_checks')
      .selectAll()
      .distinctOn(['service_point_id', 'record_no'])
      .where('round_id', '=', roundId)
      .orderBy('service_point_id')
      .orderBy('record_no')
      .orderBy('revision', 'desc')
      .execute(),
    db
      .selectFrom('evaluation_visits')
      .selectAll()
      .distinctOn(['window_id', 'record_no'])
      .where('round_id', '=', roundId)
      .orderBy('window_id')
      .orderBy('record_no')
      .orderBy('revision', 'desc')
      .execute(),
    db
      .selectFrom('evaluation_surveys')
      .selectAll()
      .distinctOn(['service_point_id', 'record_no'])
      .where('round_id', '=', roundId)
      .orderBy('service_point_id')
      .orderBy('record_no')
      .orderBy('revision', 'desc')
      .execute()
  ]);
  const live = <T extends { voided: boolean }>(rows: T[]) => rows.filter((r) => !r.voided);
  return { facility: live(facility), visits: live(visits), surveys: live(surveys) };
}

export type EffectiveRecords = Awaited<ReturnType<typeof effectiveRecords>>;

/** Service points and windows as units (the synced copies of the source). */
export async function loadUnits(db: Db) {
  const [servicePoints, windows] = await Promise.all([
    db.selectFrom('service_points').select(['id', 'code', 'name']).orderBy('code').execute(),
    db
      .selectFrom('windows')
      .select(['id', 'code', 'name', 'service_point_id as servicePointId'])
      .orderBy('code')
      .execute()
  ]);
  return { servicePoints, windows };
}

/** Every row of one instrument in a round, corrections included, newest first. */
export async function listRecordRows(db: Db, roundId: number, kind: InstrumentKind) {
  return db
    .selectFrom(RECORD_TABLE[kind])
    .innerJoin('users', 'users.id', 'entered_by')
    .selectAll(RECORD_TABLE[kind])
    .select('users.display_name as entered_by_name')
    .where('round_id', '=', roundId)
    .orderBy('entered_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function findRecordRow(db: Db, kind: InstrumentKind, id: number) {
  return db.selectFrom(RECORD_TABLE[kind]).selectAll().where('id', '=', id).executeTakeFirst();
}

/** How many effective records of each instrument a round has. */
export async function recordCounts(db: Db, roundId: number): Promise<Record<InstrumentKind, number>> {
  const records = await effectiveRecords(db, roundId);
  return { facility: records.facility.length, visit: records.visits.length, survey: records.surveys.length };
}

export interface RowMeta {
  roundId: number;
  revision: number;
  correctsId: number | null;
  correctionReason: string | null;
  voided: boolean;
  enteredBy: number;
}

const meta = (m: RowMeta) => ({
  round_id: m.roundId,
  revision: m.revision,
  corrects_id: m.correctsId,
  correction_reason: m.correctionReason,
  voided: m.voided,
  entered_by: m.enteredBy
});

/** The column values of a new row, one function per table (single and batch inserts share them). */
export const RECORD_VALUES = {
  facility: (m: RowMeta, input: FacilityInput) => ({
    ...meta(m),
    record_no: input.recordNo,
    service_point_id: input.servicePointId,
    checked_on: input.checkedOn,
    earned: JSON.stringify(input.earned),
    notes: input.notes
  }),
  visit: (m: RowMeta, input: VisitInput) => ({
    ...meta(m),
    record_no: input.recordNo,
    window_id: input.windowId,
    visited_on: input.visitedOn,
    visited_time: input.visitedTime,
    matter: input.matter,
    item_scores: JSON.stringify(input.itemScores),
    waiting_minutes: input.waitingMinutes,
    problems: input.problems
  }),
  survey: (m: RowMeta, input: SurveyInput) => ({
    ...meta(m),
    record_no: input.recordNo,
    service_point_id: input.servicePointId,
    answered_on: input.answeredOn,
    channel: input.channel,
    case_no: input.caseNo,
    overall: input.overall,
    aspects: JSON.stringify(input.aspects)
  })
};

export async function insertFacility(db: Db, m: RowMeta, input: FacilityInput): Promise<number> {
  const row = await db
    .insertInto('evaluation_facility_checks')
    .values(RECORD_VALUES.facility(m, input))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertVisit(db: Db, m: RowMeta, input: VisitInput): Promise<number> {
  const row = await db
    .insertInto('evaluation_visits')
    .values(RECORD_VALUES.visit(m, input))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertSurvey(db: Db, m: RowMeta, input: SurveyInput): Promise<number> {
  const row = await db
    .insertInto('evaluation_surveys')
    .values(RECORD_VALUES.survey(m, input))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Every row (all revisions) of one instrument in a round: what an import compares against. */
export async function allRecordRows(db: Db, roundId: number, kind: InstrumentKind) {
  return db.selectFrom(RECORD_TABLE[kind]).selectAll().where('round_id', '=', roundId).execute();
}

/** Many new records (revision 0) in statements of `batch` rows; returns how many were inserted. */
export async function insertRecords(
  db: Db,
  kind: InstrumentKind,
  m: RowMeta,
  inputs: readonly (FacilityInput | VisitInput | SurveyInput)[],
  batch = 1000
): Promise<number> {
  let count = 0;
  for (let i = 0; i < inputs.length; i += batch) {
    const chunk = inputs.slice(i, i + batch);
    const build = RECORD_VALUES[kind] as (m: RowMeta, input: unknown) => Record<string, unknown>;
    const result = await db
      .insertInto(RECORD_TABLE[kind])
      .values(chunk.map((input) => build(m, input)) as never)
      .executeTakeFirst();
    count += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return count;
}
