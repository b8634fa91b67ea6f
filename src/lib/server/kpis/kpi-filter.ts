import type { Kysely } from 'kysely';
import { CUT_DIMENSIONS, type CutDimension, type KpiCut } from '../../kpis/cuts';
import type { Database } from '../db/database';
import { sectionCut } from './kpi-definitions';

// A cut as the queries apply it: codes from the URL resolved to ids, and the section cut
// restricted to the caller's scope. An unknown code covers nothing (its key is NO_MEMBER),
// so that a mistyped or foreign code shows zeros rather than everything.

export type MemberDimension = Exclude<CutDimension, 'section'>;
export const MEMBER_DIMENSIONS = CUT_DIMENSIONS.filter((d) => d !== 'section') as MemberDimension[];

export interface KpiFilter {
  /** null: every section (and items with none); else these section ids (empty: nothing). */
  sections: number[] | null;
  /** The other cuts: ids as text, or the value itself for level and channel. */
  members: Partial<Record<MemberDimension, string>>;
}

export const NO_MEMBER = '-1';
export const UNCUT: KpiFilter = { sections: null, members: {} };

type Lookup = (db: Kysely<Database>, code: string) => Promise<string | undefined>;

const byCode =
  (table: 'departments' | 'matters' | 'service_points' | 'windows'): Lookup =>
  async (db, code) =>
    (await db.selectFrom(table).select('id').where('code', '=', code).executeTakeFirst())?.id.toString();

const LOOKUPS: Record<MemberDimension, Lookup> = {
  department: byCode('departments'),
  matter: byCode('matters'),
  service_point: byCode('service_points'),
  window: byCode('windows'),
  staff: async (db, code) =>
    (
      await db.selectFrom('staff').select('id').where('staff_no', '=', code).executeTakeFirst()
    )?.id.toString(),
  level: async (_db, code) => (['district', 'street', 'community'].includes(code) ? code : undefined),
  channel: async (_db, code) => (['online', 'window', 'mail', 'proxy'].includes(code) ? code : undefined)
};

export async function resolveKpiFilter(
  db: Kysely<Database>,
  cut: KpiCut,
  scope: 'all' | readonly string[]
): Promise<KpiFilter> {
  const codes = sectionCut(cut.section, scope);
  const sections =
    codes === null
      ? null
      : codes.length === 0
        ? []
        : (await db.selectFrom('sections').select('id').where('code', 'in', codes).execute()).map(
            (s) => s.id
          );
  const members: KpiFilter['members'] = {};
  for (const dimension of MEMBER_DIMENSIONS) {
    const code = cut[dimension];
    if (code) members[dimension] = (await LOOKUPS[dimension](db, code)) ?? NO_MEMBER;
  }
  return { sections, members };
}

/** The cut members set, in the fixed order. */
export function memberEntries(filter: KpiFilter): [MemberDimension, string][] {
  return MEMBER_DIMENSIONS.filter((d) => filter.members[d] !== undefined).map((d) => [d, filter.members[d]!]);
}
