import { bureauToday } from '../../src/lib/server/case-clock/bureau-date';
import { ensureDemoAccounts } from '../../src/lib/server/demo/demo-accounts';
import { generateDemoSource } from '../../src/lib/server/demo/generate-demo';
import { refreshKpiRollups } from '../../src/lib/server/kpis/rollup-refresh.service';
import { syncOnce } from './sync-fixtures';
import type { TestDatabases } from './test-databases';

// A small built-in demo as `npm start` leaves it before the demo seeding: the demo source
// generated up to `now` (five months, enough for three complete ones and this one), synced
// into the product with its rollups, and the demo accounts created. `now` should be the
// real time: the appraisal's rule set is in force from when the migrations ran.

export async function loadDemoWorld(t: TestDatabases, now: Date, scale = 0.03): Promise<void> {
  await generateDemoSource(t.urls.sourceWriter, { scale, months: 5, now });
  await syncOnce(t, { evaluationDate: bureauToday(now) });
  await refreshKpiRollups(t.db);
  await ensureDemoAccounts(t.db, t.source);
}
