import { bureauToday } from '../src/lib/server/case-clock/bureau-date';
import type { JobDefinition } from '../src/lib/server/jobs/job';
import { writeDueReminders } from '../src/lib/server/reminders/reminders.service';

// Early each morning (bureau time): reminders of rectification notices due today or
// overdue, to the addressee's users and the issuing inspector (docs/rules/audits.md).
// A second run on the same day adds nothing. Shown in the app only; an e-mail channel
// would be passed as `notify` here.
export const rectificationRemindersJob: JobDefinition = {
  name: 'rectification-reminders',
  title: '整改期限提醒',
  async run({ db, runId }) {
    const today = bureauToday();
    const created = await writeDueReminders(db, { today, runId });
    const notices = new Set(created.map((r) => r.notice_id)).size;
    return {
      rowsTouched: created.length,
      message: `${today}：新提醒 ${created.length} 条，涉及整改通知 ${notices} 件`
    };
  }
};
