import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiCut } from '../../src/lib/kpis/cuts';
import { casesQuery, figureCasesQuery } from '../../src/lib/kpis/drill-down';
import { caseListFilter } from '../../src/lib/server/cases/case-list';
import { listCases } from '../../src/lib/server/cases/cases.repository';
import { assembleKpis, type KpiFigures } from '../../src/lib/server/kpis/kpi-definitions';
import { loadCountsForCut } from '../../src/lib/server/kpis/kpi.service';
import { loadKpiWorld, P1 } from '../helpers/kpi-world';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

// Every figure leads to the cases behind it: the drill-down list of a count has exactly
// that many cases, the list of a rate exactly its denominator (the cases concluded or
// received), on the hand-made world of tests/helpers/kpi-world.ts.

let t: TestDatabases;
beforeAll(async () => {
  t = await createTestDatabases();
  await loadKpiWorld(t);
});
afterAll(async () => t?.destroy());

async function listed(params: URLSearchParams, scope: 'all' | string[] = 'all'): Promise<string[]> {
  const rows = await listCases(t.db, caseListFilter(params, 1000), scope);
  return rows.map((r) => r.case_no.slice(-2)).sort();
}

const CUTS: KpiCut[] = [
  {},
  { section: 'S01' },
  { section: 'S02' },
  { level: 'street' },
  { channel: 'online' }
];
const CASE_FIGURES = [
  'received',
  'accepted',
  'rejected',
  'concluded',
  'approved',
  'denied',
  'withdrawn',
  'open_now',
  'overdue_open_promised',
  'overdue_open_statutory',
  'yellow_now',
  'red_now'
] as const;
const RATE_FIGURES = [
  'on_time_rate_promised',
  'online_rate',
  'same_day_rate',
  'avg_processing_days'
] as const;

describe('drill-down from a figure to its cases', () => {
  it('lists as many cases as each count says, for every cut', async () => {
    for (const cut of CUTS) {
      const figures: KpiFigures = assembleKpis(await loadCountsForCut(t.db, P1, cut, 'all'));
      for (const name of CASE_FIGURES) {
        const query = figureCasesQuery(name, P1, cut)!;
        expect({ name, cut, n: (await listed(query)).length }).toEqual({ name, cut, n: figures[name].value });
      }
      for (const name of RATE_FIGURES) {
        const figure = figures[name] as { denominator: number };
        const query = figureCasesQuery(name, P1, cut)!;
        expect({ name, cut, n: (await listed(query)).length }).toEqual({ name, cut, n: figure.denominator });
      }
    }
  });

  it('lists exactly the cases of the hand-worked figures', async () => {
    expect(await listed(casesQuery('received', P1, {}))).toEqual(['01', '02', '03', '04', '06', '07', '09']);
    expect(await listed(casesQuery('concluded', P1, {}, { late: 'promised' }))).toEqual(['02', '09']);
    expect(await listed(casesQuery('open', P1, { section: 'S01' }, { colour: 'red' }))).toEqual(['05']);
    expect(await listed(casesQuery('rejected', P1, {}))).toEqual(['07']);
    expect(await listed(casesQuery('withdrawn', P1, {}))).toEqual(['08']);
    expect(await listed(casesQuery('concluded', P1, { staff: 'E001' }))).toEqual(['01', '02', '03']);
  });

  it('keeps a section head inside their sections', async () => {
    expect(await listed(casesQuery('received', P1, {}), ['S02'])).toEqual(['09']);
    expect(await listed(casesQuery('received', P1, { section: 'S01' }), ['S02'])).toEqual([]);
  });

  it('ignores an invalid period rather than guessing one', async () => {
    const params = casesQuery('received', P1, {});
    params.set('to', '2025-02-30');
    expect(caseListFilter(params).basis).toBeUndefined();
  });
});
