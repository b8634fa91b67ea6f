import type { Kysely } from 'kysely';
import type { Period } from '../../../kpis/periods';
import type { Database } from '../../db/database';
import type { KpiCounts } from '../../kpis/kpi-definitions';
import { loadCounts } from '../../kpis/kpi.service';

// The headline counts of each section (科室) for the month and the month before, through
// the KPI service (the rollups hold a single-section cut): the overdue and the ratings
// sections share them. "Now" counts (open, overdue) are the same in both.

export interface SectionCounts {
  code: string;
  name: string;
  current: KpiCounts;
  previous: KpiCounts;
}

export async function loadSectionCounts(
  db: Kysely<Database>,
  period: Period,
  previous: Period
): Promise<SectionCounts[]> {
  const sections = await db.selectFrom('sections').select(['id', 'code', 'name']).orderBy('code').execute();
  const result: SectionCounts[] = [];
  // One section at a time: a dozen sections, and the CPU is shared with the sync.
  for (const s of sections) {
    const filter = { sections: [s.id], members: {} };
    const [current, before] = await Promise.all([
      loadCounts(db, period, filter),
      loadCounts(db, previous, filter)
    ]);
    result.push({ code: s.code, name: s.name, current, previous: before });
  }
  return result;
}

/** Σ of one count over the sections. */
export function sumCounts(
  rows: readonly SectionCounts[],
  which: 'current' | 'previous',
  key: keyof KpiCounts
): number {
  return rows.reduce((sum, row) => sum + row[which][key], 0);
}
