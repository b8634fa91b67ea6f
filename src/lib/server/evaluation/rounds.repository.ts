import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { InstrumentSet, PointsItem, SurveyAspect, WaitingRule, Weights } from './instruments';
import type { RoundStatus } from './evaluation.table';

// Queries on firms, instrument sets and rounds. Scope (which firm's rounds a user may
// see) is passed in as a firm filter; the caller decides it (scope.ts).

export interface RoundRow {
  id: number;
  /** 'YYYY-MM-01' */
  month: string;
  periodFrom: string;
  periodTo: string;
  firmCode: string;
  firmName: string;
  instrumentSetId: number;
  weights: Weights;
  status: RoundStatus;
  submittedAt: Date | null;
  submittedBy: string | null;
}

function roundQuery(db: Kysely<Database>) {
  return db
    .selectFrom('evaluation_rounds as r')
    .innerJoin('evaluation_firms as f', 'f.code', 'r.firm_code')
    .leftJoin('users as u', 'u.id', 'r.submitted_by')
    .select([
      'r.id',
      'r.month',
      'r.period_from',
      'r.period_to',
      'r.firm_code',
      'f.name as firm_name',
      'r.instrument_set_id',
      'r.weight_facility',
      'r.weight_visit',
      'r.weight_survey',
      'r.status',
      'r.submitted_at',
      'u.display_name as submitted_by_name'
    ]);
}

type RawRound = Awaited<ReturnType<ReturnType<typeof roundQuery>['executeTakeFirstOrThrow']>>;

function toRound(r: RawRound): RoundRow {
  return {
    id: r.id,
    month: r.month,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    firmCode: r.firm_code,
    firmName: r.firm_name,
    instrumentSetId: r.instrument_set_id,
    weights: {
      facility: Number(r.weight_facility),
      visit: Number(r.weight_visit),
      survey: Number(r.weight_survey)
    },
    status: r.status,
    submittedAt: r.submitted_at,
    submittedBy: r.submitted_by_name
  };
}

/** Rounds newest first; `firmCode` restricts to one firm's. */
export async function listRounds(db: Kysely<Database>, firmCode: string | null): Promise<RoundRow[]> {
  let query = roundQuery(db).orderBy('r.month', 'desc');
  if (firmCode !== null) query = query.where('r.firm_code', '=', firmCode);
  return (await query.execute()).map(toRound);
}

export async function findRound(db: Kysely<Database>, id: number): Promise<RoundRow | null> {
  const row = await roundQuery(db).where('r.id', '=', id).executeTakeFirst();
  return row ? toRound(row) : null;
}

export async function findRoundByMonth(db: Kysely<Database>, month: string): Promise<RoundRow | null> {
  const row = await roundQuery(db).where('r.month', '=', month).executeTakeFirst();
  return row ? toRound(row) : null;
}

/** The rounds of the months in [from, to] (first days), oldest first; optionally one firm's. */
export async function roundsBetween(
  db: Kysely<Database>,
  from: string,
  to: string,
  firmCode: string | null
): Promise<RoundRow[]> {
  let query = roundQuery(db).where('r.month', '>=', from).where('r.month', '<=', to).orderBy('r.month');
  if (firmCode !== null) query = query.where('r.firm_code', '=', firmCode);
  return (await query.execute()).map(toRound);
}

export async function listFirms(db: Kysely<Database>) {
  return db.selectFrom('evaluation_firms').select(['code', 'name']).orderBy('code').execute();
}

export async function latestInstrumentSetId(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('evaluation_instrument_sets')
    .select(sql<number>`max(id)`.as('id'))
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function loadInstrumentSet(db: Kysely<Database>, id: number): Promise<InstrumentSet> {
  const row = await db
    .selectFrom('evaluation_instrument_sets')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    label: row.label,
    facilityItems: row.facility_items as PointsItem[],
    visitItems: row.visit_items as PointsItem[],
    waiting: row.waiting as WaitingRule,
    surveyAspects: row.survey_aspects as SurveyAspect[]
  };
}
