import type { JobDefinition } from '../src/lib/server/jobs/job';
import { refreshKpiRollups } from '../src/lib/server/kpis/rollup-refresh.service';

// Brings the dashboard's pre-summed figures up to date: the days the last writes marked
// stale, and the "now" figures of open cases. The sync and the daily refresh do this after
// their own work; run by hand (`npm run job -- kpi-rollup`) it rebuilds every day.
export const kpiRollupJob: JobDefinition = {
  name: 'kpi-rollup',
  title: '汇总统计指标',
  async run({ db, trigger }) {
    const result = await refreshKpiRollups(db, { everything: trigger === 'manual' });
    return { rowsTouched: result.days, message: rollupMessage(result) };
  }
};

export function rollupMessage(result: { days: number; seconds: number }): string {
  return `汇总指标重算 ${result.days} 天，用时 ${result.seconds.toFixed(1)} 秒`;
}
