import type { Kysely } from 'kysely';
import { cutFromParams, type CutDimension, type KpiCut } from '../../kpis/cuts';
import type { SectionScope } from '../cases/section-scope';
import type { Database } from '../db/database';
import { loadCutMembers } from '../kpis/cut-members.repository';
import { resolveKpiFilter, type KpiFilter } from '../kpis/kpi-filter';
import { readPeriod, type PeriodChoice } from '../kpis/period-params';

// The period and cut of the rating and complaint pages, read from the URL the way the
// overview reads them (period presets, codes), restricted to the cuts that mean something
// for ratings and complaints: section, window and person.

export const FOLLOWER_CUTS = ['section', 'window', 'staff'] as const satisfies CutDimension[];

export interface FollowerRequest {
  choice: PeriodChoice;
  cut: KpiCut;
  filter: KpiFilter;
}

export async function readFollowerRequest(
  db: Kysely<Database>,
  params: URLSearchParams,
  scope: SectionScope,
  today: string
): Promise<FollowerRequest> {
  const all = cutFromParams(params);
  const cut: KpiCut = {};
  for (const d of FOLLOWER_CUTS) if (all[d]) cut[d] = all[d];
  return { choice: readPeriod(params, today), cut, filter: await resolveKpiFilter(db, cut, scope) };
}

/** The filter bar's choices: the caller's sections, and their windows and staff. */
export async function followerOptions(db: Kysely<Database>, scope: SectionScope) {
  const members = await loadCutMembers(db, scope);
  const list = (d: (typeof FOLLOWER_CUTS)[number]) =>
    members[d].map((m) => ({ value: m.code, label: m.label }));
  return { section: list('section'), window: list('window'), staff: list('staff') };
}
