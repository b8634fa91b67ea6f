import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClockFlag } from '../../src/lib/server/clock/types';
import { refreshKpiRollups } from '../../src/lib/server/kpis/rollup-refresh.service';
import { loadKpiWorld } from '../helpers/kpi-world';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

// kpi_flags (cases per clock flag and section) is kept by triggers on case_clock between
// rollup refreshes, and recounted by the refresh only when the triggers could not follow
// (a case moved to another section). Compared with a recount from the clocks each time.

let t: TestDatabases;
beforeAll(async () => {
  t = await createTestDatabases();
  await loadKpiWorld(t);
});
afterAll(async () => t?.destroy());

async function kept() {
  const rows = await t.db.selectFrom('kpi_flags').select(['section_id', 'flag', 'cases']).execute();
  return rows.map((r) => `${r.section_id}:${r.flag}=${r.cases}`).sort();
}

async function recounted() {
  const rows = await sql<{ section_id: number; flag: string; cases: string }>`
    SELECT m.section_id, f.flag, count(*) AS cases
    FROM case_clock k JOIN cases c ON c.id = k.case_id JOIN matters m ON m.id = c.matter_id
    CROSS JOIN LATERAL unnest(k.flags) AS f(flag)
    GROUP BY 1, 2`.execute(t.db);
  return rows.rows.map((r) => `${r.section_id}:${r.flag}=${r.cases}`).sort();
}

const setFlags = (caseIds: string[], flags: ClockFlag[]) =>
  t.db.updateTable('case_clock').set({ flags }).where('case_id', 'in', caseIds).execute();

describe('the clock-flag counts', () => {
  it('follow inserts, updates and deletes of clocks without a recount', async () => {
    await refreshKpiRollups(t.db);
    expect(await kept()).toEqual(await recounted());
    await setFlags(['1', '2', '9'], ['late_one_time_notice', 'repeated_stops']);
    expect(await kept()).toEqual([
      '1:late_one_time_notice=2',
      '1:repeated_stops=2',
      '2:late_one_time_notice=1',
      '2:repeated_stops=1'
    ]);
    await setFlags(['2'], ['repeated_stops']);
    await t.db.deleteFrom('case_clock').where('case_id', '=', '9').execute();
    expect(await kept()).toEqual(['1:late_one_time_notice=1', '1:repeated_stops=2']);
    expect(await kept()).toEqual(await recounted());
    const state = await t.db.selectFrom('kpi_rollup_state').select('flags_stale').executeTakeFirstOrThrow();
    expect(state.flags_stale).toBe(false);
  });

  it('are recounted by the next refresh when a case moves to another section', async () => {
    await t.db.updateTable('cases').set({ matter_id: 3 }).where('id', '=', '1').execute(); // S01 → S02
    const stale = await t.db.selectFrom('kpi_rollup_state').select('flags_stale').executeTakeFirstOrThrow();
    expect(stale.flags_stale).toBe(true);
    expect(await kept()).not.toEqual(await recounted());
    await refreshKpiRollups(t.db);
    expect(await kept()).toEqual(await recounted());
    expect(await kept()).toEqual(['1:repeated_stops=1', '2:late_one_time_notice=1', '2:repeated_stops=1']);
  });
});

describe('the KPI triggers on the large tables', () => {
  // An EXISTS over two transition tables is planned for its first row: a nested loop that
  // compared 10,000 × 10,000 rows of an incremental sync (11 s, docs/benchmarks.md).
  it('never ask EXISTS of a join of transition tables (planned as a nested loop)', async () => {
    const functions = await sql<{ table: string; name: string; body: string }>`
      SELECT c.relname AS table, p.proname AS name, p.prosrc AS body
      FROM pg_trigger g
      JOIN pg_class c ON c.oid = g.tgrelid
      JOIN pg_proc p ON p.oid = g.tgfoid
      WHERE c.relname IN ('cases', 'case_events', 'case_clock', 'ratings', 'complaints')
        AND (g.tgoldtable IS NOT NULL OR g.tgnewtable IS NOT NULL)`.execute(t.db);
    expect(functions.rows.map((f) => f.name)).toContain('kpi_dirty_flags_case_moved');
    const offending = functions.rows
      .filter((f) => /EXISTS\s*\([^)]*\b(new_rows|old_rows)\b[^)]*\bJOIN\b/is.test(f.body))
      .map((f) => `${f.table}.${f.name}`);
    expect(offending).toEqual([]);
  });
});
