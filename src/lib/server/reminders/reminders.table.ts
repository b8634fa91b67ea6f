import type { ColumnType, Generated } from 'kysely';

// Kysely types of the reminders (migration 20261126030000_reminders). Written by the job;
// a trigger lets only read_at change, once.

type Fixed<T> = ColumnType<T, T, never>;

export type ReminderKind = 'due_today' | 'overdue';

export interface ReminderTable {
  /** bigint: pg returns it as a string. */
  id: Generated<string>;
  user_id: Fixed<number>;
  notice_id: Fixed<number>;
  kind: Fixed<ReminderKind>;
  /** date: read as 'YYYY-MM-DD'. */
  on_date: Fixed<string>;
  days_overdue: Fixed<number>;
  job_run_id: ColumnType<string | null, string | null | undefined, never>;
  created_at: ColumnType<Date, Date | undefined, never>;
  read_at: ColumnType<Date | null, never, Date>;
}
