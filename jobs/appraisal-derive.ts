import {
  deriveMonths,
  describeDerivation,
  previousMonth,
  toMonth
} from '../src/lib/server/appraisal/derive.service';
import { bureauToday } from '../src/lib/server/case-clock/bureau-date';
import type { JobDefinition } from '../src/lib/server/jobs/job';

// Derives the automatic score events of the thousand-point appraisal (千分制) from the synced
// data: the current month and the previous one while it is still open (a closed month is
// skipped and said so). Both months in one transaction: a failed run changes nothing.
// `npm run job -- appraisal-derive --month 2025-10` derives that month alone.
export const appraisalDeriveJob: JobDefinition = {
  name: 'appraisal-derive',
  title: '计算千分制自动扣加分',
  async run({ db, args = [], log }) {
    const months = monthsToDerive(args, bureauToday());
    const results = await deriveMonths(db, months, { log });
    return {
      rowsTouched: results.reduce((n, r) => n + r.inserted + r.updated + r.retracted, 0),
      message: results.map(describeDerivation).join('；')
    };
  }
};

/** `--month YYYY-MM` alone, else the month of `today` and the one before. */
export function monthsToDerive(args: readonly string[], today: string): string[] {
  const i = args.indexOf('--month');
  if (i >= 0) {
    const value = args[i + 1];
    if (!value) throw new Error('--month 需要一个月份，例如 --month 2025-10');
    return [toMonth(value)];
  }
  if (args.length > 0) throw new Error(`未知参数：${args.join(' ')}（只支持 --month YYYY-MM）`);
  const current = toMonth(today);
  return [previousMonth(current), current];
}
