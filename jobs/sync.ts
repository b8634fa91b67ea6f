import type { JobDefinition } from '../src/lib/server/jobs/job';
import { refreshKpiRollups } from '../src/lib/server/kpis/rollup-refresh.service';
import { runSyncPass } from '../src/lib/server/sync/sync.service';
import { rollupMessage } from './kpi-rollup';

// Pulls what changed in the approval database and brings every derived figure (deadlines,
// lights, flags) of the cases it touched up to date, in one transaction
// (docs/rules/sync.md). A failed pass changes nothing; the next one catches up. Then the
// dashboard's rollups of the days it touched (a second transaction: a failure there
// leaves the days marked, and the next run retries).
export const syncJob: JobDefinition = {
  name: 'sync',
  title: '同步审批数据',
  async run({ db, runId, log }) {
    const result = await runSyncPass({ runId: runId ?? null, log });
    const rollup = await refreshKpiRollups(db);
    return {
      rowsTouched: result.rowsChanged + result.clocks.changed,
      message:
        `读取 ${result.rowsRead} 行，更新 ${result.rowsChanged} 行` +
        (result.rowsQuarantined ? `，隔离 ${result.rowsQuarantined} 行` : '') +
        `；重算时限 ${result.clocks.cases} 件（变化 ${result.clocks.changed} 件）；用时 ${result.seconds.toFixed(1)} 秒；` +
        rollupMessage(rollup)
    };
  }
};
