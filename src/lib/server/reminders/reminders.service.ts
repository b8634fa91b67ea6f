import type { Kysely } from 'kysely';
import { appendAudit, SYSTEM_ACTOR, type Actor } from '../audit/audit.repository';
import { loadCalendarFrom } from '../case-clock/calendar.repository';
import type { Database } from '../db/database';
import { reminderDue, reminderRecipients } from './reminder-rules';
import {
  insertReminders,
  listActiveUsers,
  listOpenNoticesDue,
  listSectionCodes,
  markAllRead,
  markRead,
  type NewReminder
} from './reminders.repository';

// Rectification reminders (整改提醒): written by the job rectification-reminders, read by
// their recipients in the app. Idempotent: the unique key (notice, kind, day, user) makes a
// second run of the same day add nothing.

export type CreatedReminder = Awaited<ReturnType<typeof insertReminders>>[number];

/**
 * The seam for other channels (e-mail, SMS): called after the reminders of a run are
 * committed, with only the rows this run created, so a re-run never sends twice. None is
 * wired yet; the app's /reminders page is the only channel.
 */
export type ReminderNotifier = (created: readonly CreatedReminder[]) => Promise<void>;

export interface WriteRemindersOptions {
  /** The bureau-local day, 'YYYY-MM-DD'. */
  today: string;
  runId?: string;
  notify?: ReminderNotifier;
}

export async function writeDueReminders(db: Kysely<Database>, options: WriteRemindersOptions) {
  const { today } = options;
  const created = await db.transaction().execute(async (trx) => {
    const calendar = await loadCalendarFrom(trx);
    const notices = await listOpenNoticesDue(trx, today);
    const users = await listActiveUsers(trx);
    const sections = new Map((await listSectionCodes(trx)).map((s) => [s.id, s.code]));
    const rows: NewReminder[] = [];
    for (const notice of notices) {
      const due = reminderDue(notice.deadline_on, today, calendar);
      if (!due) continue;
      for (const userId of reminderRecipients(notice, users, (id) => sections.get(id)))
        rows.push({ userId, noticeId: notice.id, ...due, onDate: today, jobRunId: options.runId ?? null });
    }
    const inserted = await insertReminders(trx, rows);
    if (inserted.length > 0)
      await appendAudit(trx, SYSTEM_ACTOR, {
        action: 'reminder.create',
        entity: 'reminder',
        after: {
          on_date: today,
          count: inserted.length,
          notices: [...new Set(inserted.map((r) => r.notice_id))]
        }
      });
    return inserted;
  });
  if (created.length > 0 && options.notify) await options.notify(created);
  return created;
}

/** Marks one of the actor's reminders read; false when it is not theirs or was read already. */
export async function readReminder(db: Kysely<Database>, actor: Actor, id: string): Promise<boolean> {
  if (actor.userId === null) return false;
  const userId = actor.userId;
  return db.transaction().execute(async (trx) => {
    if ((await markRead(trx, userId, id)) === 0) return false;
    await appendAudit(trx, actor, { action: 'reminder.read', entity: 'reminder', entityId: id });
    return true;
  });
}

export async function readAllReminders(db: Kysely<Database>, actor: Actor): Promise<number> {
  if (actor.userId === null) return 0;
  const userId = actor.userId;
  return db.transaction().execute(async (trx) => {
    const n = await markAllRead(trx, userId);
    if (n > 0)
      await appendAudit(trx, actor, { action: 'reminder.read_all', entity: 'reminder', after: { count: n } });
    return n;
  });
}
