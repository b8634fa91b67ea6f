import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../../src/lib/server/calendar/working-days';
import {
  reminderDue,
  reminderRecipients,
  type ReminderUser
} from '../../src/lib/server/reminders/reminder-rules';

// 2025 official calendar: 10-01..08 off, Saturday 10-11 a make-up working day.
const calendar = officialCalendar();

describe('reminderDue', () => {
  it('is due on the deadline, overdue on the 1st working day after, then every 5 working days', () => {
    const days = [
      '2025-09-30',
      '2025-10-09',
      '2025-10-10',
      '2025-10-11',
      '2025-10-12',
      '2025-10-15',
      '2025-10-16',
      '2025-10-17',
      '2025-10-23'
    ];
    expect(Object.fromEntries(days.map((d) => [d, reminderDue('2025-10-09', d, calendar)]))).toEqual({
      '2025-09-30': null,
      '2025-10-09': { kind: 'due_today', daysOverdue: 0 },
      '2025-10-10': { kind: 'overdue', daysOverdue: 1 },
      '2025-10-11': null,
      '2025-10-12': null,
      '2025-10-15': null,
      '2025-10-16': { kind: 'overdue', daysOverdue: 6 },
      '2025-10-17': null,
      '2025-10-23': { kind: 'overdue', daysOverdue: 11 }
    });
  });

  it('skips the holiday between a deadline and the first working day after it', () => {
    // Deadline Tuesday 09-30: the first working day after is Thursday 10-09.
    expect(reminderDue('2025-09-30', '2025-10-01', calendar)).toBeNull();
    expect(reminderDue('2025-09-30', '2025-10-09', calendar)).toEqual({ kind: 'overdue', daysOverdue: 1 });
  });

  it('sends nothing on a non-working day, not even on a deadline moved onto a holiday', () => {
    expect(reminderDue('2025-10-01', '2025-10-01', calendar)).toBeNull();
  });
});

describe('reminderRecipients', () => {
  const users: ReminderUser[] = [
    { id: 1, roles: ['inspector'], section_codes: [], staff_no: null },
    { id: 2, roles: ['section_head'], section_codes: ['S01'], staff_no: null },
    { id: 3, roles: ['section_head'], section_codes: ['S02'], staff_no: null },
    { id: 4, roles: ['staff'], section_codes: ['S01'], staff_no: 'E001' },
    { id: 5, roles: ['staff', 'section_head'], section_codes: ['S01'], staff_no: 'E002' }
  ];
  const code = (id: number) => ({ 1: 'S01', 2: 'S02' })[id];

  it('sends a section or window notice to the heads of its section and the inspector', () => {
    for (const kind of ['section', 'window'] as const)
      expect(
        reminderRecipients(
          { addressee_kind: kind, addressee_code: 'x', section_id: 1, issued_by: 1 },
          users,
          code
        )
      ).toEqual([1, 2, 5]);
  });

  it('sends a staff notice to the users with that staff number and the inspector', () => {
    expect(
      reminderRecipients(
        { addressee_kind: 'staff', addressee_code: 'E001', section_id: 1, issued_by: 1 },
        users,
        code
      )
    ).toEqual([1, 4]);
  });

  it('leaves out an issuer no longer active (not in the list)', () => {
    expect(
      reminderRecipients(
        { addressee_kind: 'section', addressee_code: 'S02', section_id: 2, issued_by: 99 },
        users,
        code
      )
    ).toEqual([3]);
  });
});
