import type { Kysely } from 'kysely';
import { SYSTEM_ACTOR } from '../src/lib/server/audit/audit.repository';
import { draftBulletin, type DraftOutcome } from '../src/lib/server/bulletins/bulletins.service';
import { isFirstWorkingDayOfMonth, parseMonth, reportMonthFor } from '../src/lib/server/bulletins/month';
import { bureauToday } from '../src/lib/server/case-clock/bureau-date';
import { loadCalendarFrom } from '../src/lib/server/case-clock/calendar.repository';
import type { Database } from '../src/lib/server/db/database';
import type { JobDefinition } from '../src/lib/server/jobs/job';

// Drafts the monthly bulletin (每月集中通报) of the month before on the first working day
// of each month (the bureau's calendar). Scheduled daily: on any other day it does
// nothing. Idempotent: a draft is refreshed, a published bulletin left alone.
// `npm run job -- bulletin-draft --month 2025-09` drafts (or refreshes) that month now.

const OUTCOME_TEXT: Record<DraftOutcome['outcome'], string> = {
  created: '已生成草稿',
  refreshed: '已重新生成草稿数据',
  published: '已发布，未改动（如需修改请发布更正）'
};

export async function runBulletinDraft(
  db: Kysely<Database>,
  args: readonly string[],
  today: string
): Promise<{ rowsTouched: number; message: string }> {
  let month: string;
  const i = args.indexOf('--month');
  if (i >= 0) {
    const value = parseMonth(args[i + 1]);
    if (!value) throw new Error('--month 需要一个月份，例如 --month 2025-10');
    month = value;
  } else {
    if (args.length > 0) throw new Error(`未知参数：${args.join(' ')}（只支持 --month YYYY-MM）`);
    if (!isFirstWorkingDayOfMonth(today, await loadCalendarFrom(db))) {
      return { rowsTouched: 0, message: `${today} 不是本月第一个工作日，无需生成通报` };
    }
    month = reportMonthFor(today);
  }
  const result = await draftBulletin(db, SYSTEM_ACTOR, month, today);
  return {
    rowsTouched: result.outcome === 'published' ? 0 : 1,
    message: `${month} 通报（#${result.id}）${OUTCOME_TEXT[result.outcome]}`
  };
}

export const bulletinDraftJob: JobDefinition = {
  name: 'bulletin-draft',
  title: '生成每月集中通报草稿',
  run: ({ db, args = [] }) => runBulletinDraft(db, args, bureauToday())
};
