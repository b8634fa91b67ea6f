import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { NewInstrumentSet } from './instrument-form';
import type { InstrumentSet, PointsItem, SurveyAspect, WaitingRule } from './instruments';

// Queries on instrument sets (evaluation_instrument_sets: insert-only, a trigger refuses
// updates and deletes). The newest set (highest id) is the one new rounds take.

export interface StoredInstrumentSet extends InstrumentSet {
  createdAt: Date;
  /** null: the defaults seeded by the migration. */
  createdBy: string | null;
  /** The months ('YYYY-MM-01') of the rounds scored on this set, oldest first. */
  roundMonths: string[];
}

/** Every set, newest first, with who made it and which rounds use it. */
export async function listInstrumentSetRows(db: Kysely<Database>): Promise<StoredInstrumentSet[]> {
  const [rows, rounds] = await Promise.all([
    db
      .selectFrom('evaluation_instrument_sets as s')
      .leftJoin('users as u', 'u.id', 's.created_by')
      .selectAll('s')
      .select('u.display_name as author')
      .orderBy('s.id', 'desc')
      .execute(),
    db.selectFrom('evaluation_rounds').select(['instrument_set_id', 'month']).orderBy('month').execute()
  ]);
  return rows.map((row) => ({
    id: row.id,
    label: row.label,
    facilityItems: row.facility_items as PointsItem[],
    visitItems: row.visit_items as PointsItem[],
    waiting: row.waiting as WaitingRule,
    surveyAspects: row.survey_aspects as SurveyAspect[],
    createdAt: row.created_at,
    createdBy: row.created_by === null ? null : (row.author ?? '—'),
    roundMonths: rounds.filter((r) => r.instrument_set_id === row.id).map((r) => r.month)
  }));
}

export async function insertInstrumentSet(
  db: Kysely<Database>,
  set: NewInstrumentSet,
  createdBy: number
): Promise<number> {
  const row = await db
    .insertInto('evaluation_instrument_sets')
    .values({
      label: set.label,
      facility_items: JSON.stringify(set.facilityItems),
      visit_items: JSON.stringify(set.visitItems),
      waiting: JSON.stringify(set.waiting),
      survey_aspects: JSON.stringify(set.surveyAspects),
      created_by: createdBy
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
