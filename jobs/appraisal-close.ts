import { monthLabel } from '../src/lib/appraisal/months';
import { monthClosingDate } from '../src/lib/server/appraisal/appraisal-dates';
import { closeMonth } from '../src/lib/server/appraisal/closing.service';
import { previousMonth, toMonth } from '../src/lib/server/appraisal/derive.service';
import { listUnclosedMonths } from '../src/lib/server/appraisal/results.repository';
import { SYSTEM_ACTOR } from '../src/lib/server/audit/audit.repository';
import { bureauToday } from '../src/lib/server/case-clock/bureau-date';
import { loadCalendarFrom } from '../src/lib/server/case-clock/calendar.repository';
import type { JobDefinition } from '../src/lib/server/jobs/job';

// A month of the thousand-point appraisal closes on the 5th working day of the next month
// (shared/spec/scoring.md). A leader may close it during that day (/appraisal); whatever is
// still open once the day is over is closed here, as the system: the last derivation, the
// frozen snapshot, publication and the audit entry, each month in its own transaction
// (closeMonth). Runs just after midnight, so the closing day is whole, appeals included.
export const appraisalCloseJob: JobDefinition = {
  name: 'appraisal-close',
  title: '千分制月度到期结账',
  async run({ db, log }) {
    const today = bureauToday();
    const calendar = await loadCalendarFrom(db);
    // derive.service's months are first days ('YYYY-MM-01'); these are 'YYYY-MM'.
    const lastMonth = previousMonth(toMonth(today)).slice(0, 7);
    const candidates = new Set([...(await listUnclosedMonths(db, `${lastMonth}-01`)), lastMonth]);
    const due = [...candidates].sort().filter((m) => monthClosingDate(m, calendar) < today);
    const closed: string[] = [];
    for (const month of due) {
      const closedAlready = await db
        .selectFrom('appraisal_months')
        .select('month')
        .where('month', '=', `${month}-01`)
        .where('closed_at', 'is not', null)
        .executeTakeFirst();
      if (closedAlready) continue; // by a leader, during the day
      await closeMonth(db, SYSTEM_ACTOR, month, { today, automatic: true });
      log(`${monthLabel(month)}已按期自动结账`);
      closed.push(month);
    }
    return {
      rowsTouched: closed.length,
      message: closed.length
        ? `自动结账：${closed.map(monthLabel).join('、')}`
        : `${today}：没有到期未结账的月份`
    };
  }
};
