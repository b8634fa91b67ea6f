import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { ReminderKind } from './reminders.table';

// Queries of the reminders: what the job reads and writes, and a user's own reminders.
// Every read of a user's reminders is filtered by their user id here, never by the caller.

type Db = Kysely<Database> | Transaction<Database>;

/** Notices not verified whose deadline is on or before `today`. */
export async function listOpenNoticesDue(db: Db, today: string) {
  return db
    .selectFrom('rectification_notice_states')
    .select(['id', 'addressee_kind', 'addressee_code', 'section_id', 'issued_by', 'deadline_on'])
    .where('state', '<>', 'verified')
    .where('deadline_on', '<=', today)
    .orderBy('id')
    .execute();
}

export async function listActiveUsers(db: Db) {
  return db
    .selectFrom('users')
    .select(['id', 'roles', 'section_codes', 'staff_no'])
    .where('active', '=', true)
    .execute();
}

export async function listSectionCodes(db: Db) {
  return db.selectFrom('sections').select(['id', 'code']).execute();
}

export interface NewReminder {
  userId: number;
  noticeId: number;
  kind: ReminderKind;
  onDate: string;
  daysOverdue: number;
  jobRunId: string | null;
}

/** Inserts the reminders not yet written (the unique key skips the others); returns the new ones. */
export async function insertReminders(db: Db, rows: readonly NewReminder[]) {
  if (rows.length === 0) return [];
  return db
    .insertInto('reminders')
    .values(
      rows.map((r) => ({
        user_id: r.userId,
        notice_id: r.noticeId,
        kind: r.kind,
        on_date: r.onDate,
        days_overdue: r.daysOverdue,
        job_run_id: r.jobRunId
      }))
    )
    .onConflict((oc) => oc.constraint('reminders_once_key').doNothing())
    .returning(['id', 'user_id', 'notice_id', 'kind', 'on_date'])
    .execute();
}

/** The header's badge: one count over the partial index of unread rows. */
export async function countUnread(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('reminders')
    .select(sql<string>`count(*)`.as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The user's own reminders, newest first, with what the list shows of the notice. */
export async function listUserReminders(db: Db, userId: number, limit = 200) {
  return db
    .selectFrom('reminders as r')
    .innerJoin('rectification_notice_states as n', 'n.id', 'r.notice_id')
    .select([
      'r.id',
      'r.notice_id',
      'r.kind',
      'r.on_date',
      'r.days_overdue',
      'r.created_at',
      'r.read_at',
      'n.defects',
      'n.deadline_on',
      'n.state',
      'n.addressee_kind',
      'n.addressee_code'
    ])
    .where('r.user_id', '=', userId)
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
}

/** Marks one of the user's reminders read; 0 rows when it is not theirs or already read. */
export async function markRead(db: Db, userId: number, id: string): Promise<number> {
  const result = await db
    .updateTable('reminders')
    .set({ read_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function markAllRead(db: Db, userId: number): Promise<number> {
  const result = await db
    .updateTable('reminders')
    .set({ read_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
