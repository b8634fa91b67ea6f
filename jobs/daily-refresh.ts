import { bureauToday } from '../src/lib/server/case-clock/bureau-date';
import { refreshOpenCaseClocks } from '../src/lib/server/case-clock/refresh.service';
import type { JobDefinition } from '../src/lib/server/jobs/job';
import { refreshKpiRollups } from '../src/lib/server/kpis/rollup-refresh.service';
import { rollupMessage } from './kpi-rollup';

// Just after midnight (bureau time) every open case's clock moves by a day: elapsed days,
// lights, overdue lists. Recomputes them all on today's date.
export const dailyRefreshJob: JobDefinition = {
  name: 'daily-refresh',
  title: '每日重算在办件时限',
  async run({ db }) {
    const today = bureauToday();
    const result = await refreshOpenCaseClocks({ evaluationDate: today });
    const rollup = await refreshKpiRollups(db);
    return {
      rowsTouched: result.changed,
      message: `${today}：在办件 ${result.cases} 件，变化 ${result.changed} 件；用时 ${result.seconds.toFixed(1)} 秒；${rollupMessage(rollup)}`
    };
  }
};
