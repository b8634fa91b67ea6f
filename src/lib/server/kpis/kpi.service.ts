import type { Kysely } from 'kysely';
import type { KpiCut } from '../../kpis/cuts';
import type { Database } from '../db/database';
import type { KpiCounts, KpiPeriod } from './kpi-definitions';
import { resolveKpiFilter, type KpiFilter } from './kpi-filter';
import { loadRollupCounts, rollupsCover } from './kpi-rollups.repository';
import { loadKpiCounts } from './kpis.repository';

// The headline counts of a period and cut: from the rollups when they hold the cut (the
// uncut figures and any single cut, with or without sections), else by plain aggregates.

export async function loadCounts(
  db: Kysely<Database>,
  period: KpiPeriod,
  filter: KpiFilter
): Promise<KpiCounts> {
  return rollupsCover(filter) ? loadRollupCounts(db, period, filter) : loadKpiCounts(db, period, filter);
}

export async function loadCountsForCut(
  db: Kysely<Database>,
  period: KpiPeriod,
  cut: KpiCut,
  scope: 'all' | readonly string[]
): Promise<KpiCounts> {
  return loadCounts(db, period, await resolveKpiFilter(db, cut, scope));
}
