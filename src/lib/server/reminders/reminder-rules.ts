import { countWorkingDays, isWorkingDay, type CalendarOverrides } from '../calendar/working-days';
import type { ReminderKind } from './reminders.table';

// Pure: which reminder a rectification notice gets on a given bureau day, and who gets
// it (docs/rules/audits.md "Rectification reminders"). No database access.

/** After the first overdue reminder, another one every this many working days. */
export const OVERDUE_REPEAT_WORKING_DAYS = 5;

export interface ReminderDue {
  kind: ReminderKind;
  /** Working days past the deadline (0 on the deadline itself). */
  daysOverdue: number;
}

/**
 * The reminder due on `today` for a notice not yet verified whose deadline is
 * `deadlineOn`: 'due_today' on the deadline, 'overdue' on the 1st working day after it
 * and every 5 working days after that (6th, 11th, …). Nothing on a non-working day.
 */
export function reminderDue(
  deadlineOn: string,
  today: string,
  calendar: CalendarOverrides
): ReminderDue | null {
  if (!isWorkingDay(today, calendar)) return null;
  if (today === deadlineOn) return { kind: 'due_today', daysOverdue: 0 };
  if (today < deadlineOn) return null;
  const late = countWorkingDays(deadlineOn, today, calendar);
  if (late >= 1 && (late - 1) % OVERDUE_REPEAT_WORKING_DAYS === 0)
    return { kind: 'overdue', daysOverdue: late };
  return null;
}

export interface ReminderNotice {
  addressee_kind: 'section' | 'window' | 'staff';
  addressee_code: string;
  section_id: number | null;
  issued_by: number;
}

export interface ReminderUser {
  id: number;
  roles: readonly string[];
  section_codes: readonly string[];
  staff_no: string | null;
}

/**
 * Who is reminded, ascending by user id: the issuing inspector, and the addressee's users
 * — for a section or a window notice the heads of its section (they answer for a window;
 * window staff cannot open a window notice, so they are not reminded), for a staff notice
 * the users whose staff_no is the addressee. `users` are the active users only.
 */
export function reminderRecipients(
  notice: ReminderNotice,
  users: readonly ReminderUser[],
  sectionCodeOf: (sectionId: number) => string | undefined
): number[] {
  const ids = new Set<number>();
  const sectionCode = notice.section_id === null ? undefined : sectionCodeOf(notice.section_id);
  for (const u of users) {
    if (u.id === notice.issued_by) ids.add(u.id);
    if (notice.addressee_kind === 'staff') {
      if (u.staff_no !== null && u.staff_no === notice.addressee_code) ids.add(u.id);
    } else if (
      sectionCode !== undefined &&
      u.roles.includes('section_head') &&
      u.section_codes.includes(sectionCode)
    )
      ids.add(u.id);
  }
  return [...ids].sort((a, b) => a - b);
}
