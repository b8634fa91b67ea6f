import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseListFilter } from '../../src/lib/server/cases/case-list';
import { listCases } from '../../src/lib/server/cases/cases.repository';
import { refreshKpiRollups } from '../../src/lib/server/kpis/rollup-refresh.service';
import { countLightsByHandler } from '../../src/lib/server/warnings/lights-by-handler.repository';
import { countFlags } from '../../src/lib/server/warnings/warnings.repository';
import { loadKpiWorld } from '../helpers/kpi-world';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

// The warnings page's groupings on the hand-made world of tests/helpers/kpi-world.ts: the
// open cases per handler (E001 has 4, 5, 6 and 10: one red, one yellow), and each clock
// flag's count matching the case list it links to.

let t: TestDatabases;
beforeAll(async () => {
  t = await createTestDatabases();
  await loadKpiWorld(t);
  // A flagged case: case 2's correction was asked for after the one-time notice window.
  await t.db
    .updateTable('case_clock')
    .set({ flags: ['late_one_time_notice'] })
    .where('case_id', '=', '2')
    .execute();
  await refreshKpiRollups(t.db);
});
afterAll(async () => t?.destroy());

describe('the warnings groupings', () => {
  it('counts the open cases per handler within the scope', async () => {
    const all = await countLightsByHandler(t.db, 'all');
    expect(all.map((h) => [h.staff_no, Number(h.open), Number(h.red), Number(h.yellow)])).toEqual([
      ['E001', 4, 1, 1]
    ]);
    const s02 = await countLightsByHandler(t.db, ['S02']);
    expect(s02.map((h) => [h.staff_no, Number(h.open), Number(h.red)])).toEqual([['E001', 1, 0]]);
    expect(await countLightsByHandler(t.db, [])).toEqual([]);
  });

  it('lists exactly the cases a flag count stands for', async () => {
    const flags = await countFlags(t.db, 'all');
    expect(flags.map((f) => [f.flag, Number(f.n)])).toEqual([['late_one_time_notice', 1]]);
    const rows = await listCases(
      t.db,
      caseListFilter(new URLSearchParams({ flag: 'late_one_time_notice' })),
      'all'
    );
    expect(rows.map((r) => r.case_no)).toEqual(['510107-TEST-000002']);
    expect(caseListFilter(new URLSearchParams({ flag: 'no_such_flag' })).flag).toBeUndefined();
  });
});
