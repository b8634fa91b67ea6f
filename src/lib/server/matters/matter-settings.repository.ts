import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database';

// The synced matters with their per-matter warning settings (matter_settings, only for
// matters whose settings differ from the defaults) and the lights of their open cases.

type Db = Kysely<Database>;

export const DEFAULT_YELLOW_RATIO = 0.8;
export const DEFAULT_YELLOW_DAYS = 1;

export interface WarningSettings {
  yellowRatio: number;
  yellowDays: number;
  /** False when the matter has no row and the defaults apply. */
  custom: boolean;
}

export async function listMattersWithSettings(db: Db) {
  const rows = await db
    .selectFrom('matters as m')
    .innerJoin('sections as s', 's.id', 'm.section_id')
    .leftJoin('departments as d', 'd.id', 'm.department_id')
    .leftJoin('matter_settings as ms', 'ms.matter_id', 'm.id')
    .select([
      'm.id',
      'm.code',
      'm.name',
      'm.kind',
      'm.promised_days',
      'm.statutory_days',
      's.code as section_code',
      's.name as section_name',
      'd.name as department_name',
      'ms.yellow_ratio',
      'ms.yellow_days',
      'ms.updated_at as settings_updated_at'
    ])
    .orderBy('s.code')
    .orderBy('m.code')
    .execute();
  return rows.map(({ yellow_ratio, yellow_days, ...row }) => ({
    ...row,
    settings: settingsOf(yellow_ratio, yellow_days)
  }));
}

export type MatterWithSettings = Awaited<ReturnType<typeof listMattersWithSettings>>[number];

function settingsOf(ratio: string | null, days: number | null): WarningSettings {
  if (ratio === null)
    return { yellowRatio: DEFAULT_YELLOW_RATIO, yellowDays: DEFAULT_YELLOW_DAYS, custom: false };
  return { yellowRatio: Number(ratio), yellowDays: days ?? DEFAULT_YELLOW_DAYS, custom: true };
}

/** Open cases per matter and their lights, from the derived clocks. */
export async function countOpenLightsByMatter(db: Db) {
  return db
    .selectFrom('case_clock as k')
    .innerJoin('cases as c', 'c.id', 'k.case_id')
    .select([
      'c.matter_id',
      sql<number>`count(*)::int`.as('open'),
      sql<number>`count(*) filter (where k.colour = 'yellow')::int`.as('yellow'),
      sql<number>`count(*) filter (where k.colour = 'red')::int`.as('red')
    ])
    .where('k.open', '=', true)
    .groupBy('c.matter_id')
    .execute();
}

export async function findMatterSettings(db: Db, matterId: number) {
  const row = await db
    .selectFrom('matters as m')
    .leftJoin('matter_settings as ms', 'ms.matter_id', 'm.id')
    .select(['m.id', 'm.code', 'm.name', 'ms.yellow_ratio', 'ms.yellow_days'])
    .where('m.id', '=', matterId)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      code: row.code,
      name: row.name,
      settings: settingsOf(row.yellow_ratio, row.yellow_days)
    }
  );
}

/** Stores the settings; the defaults are stored as no row. */
export async function saveMatterSettings(
  db: Db,
  matterId: number,
  settings: { yellowRatio: number; yellowDays: number }
) {
  if (settings.yellowRatio === DEFAULT_YELLOW_RATIO && settings.yellowDays === DEFAULT_YELLOW_DAYS) {
    await db.deleteFrom('matter_settings').where('matter_id', '=', matterId).execute();
    return;
  }
  const values = { yellow_ratio: settings.yellowRatio, yellow_days: settings.yellowDays };
  await db
    .insertInto('matter_settings')
    .values({ matter_id: matterId, ...values })
    .onConflict((oc) => oc.column('matter_id').doUpdateSet({ ...values, updated_at: sql`now()` }))
    .execute();
}
