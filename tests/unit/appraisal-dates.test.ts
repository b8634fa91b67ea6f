import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../../src/lib/server/calendar/working-days';
import {
  appealDeadline,
  isAppealOpen,
  isMonth,
  isMonthClosable,
  monthBounds,
  monthClosingDate,
  monthOfDate,
  nextMonth
} from '../../src/lib/server/appraisal/appraisal-dates';
import { calendarIndex } from '../../src/lib/server/clock';

// 2025 calendar: 10-01..10-03 and 10-06..10-08 off, Saturday 10-11 worked (调休);
// Monday 06-02 off (端午). 2026: 01-01 and 01-02 off, Sunday 01-04 worked.
const calendar = officialCalendar();

describe('months', () => {
  it('accepts YYYY-MM with a month 01–12 only', () => {
    expect(isMonth('2025-09')).toBe(true);
    expect(isMonth('2025-13')).toBe(false);
    expect(isMonth('2025-9')).toBe(false);
    expect(isMonth('2025-09-01')).toBe(false);
  });

  it('gives the first and last day of a month, leap years included', () => {
    expect(monthBounds('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(monthBounds('2025-02')).toEqual({ first: '2025-02-01', last: '2025-02-28' });
    expect(monthBounds('2025-12')).toEqual({ first: '2025-12-01', last: '2025-12-31' });
  });

  it('steps from December to January of the next year', () => {
    expect(nextMonth('2025-12')).toBe('2026-01');
    expect(nextMonth('2025-09')).toBe('2025-10');
  });

  it('takes the month of a date and rejects a malformed one', () => {
    expect(monthOfDate('2025-10-14')).toBe('2025-10');
    expect(() => monthOfDate('2025-02-30')).toThrow(RangeError);
    expect(() => monthBounds('2025-00')).toThrow(RangeError);
  });
});

describe('monthClosingDate: the 5th working day of the next month', () => {
  it('counts Monday to Friday in an ordinary month (2025-06 closes on Monday 07-07)', () => {
    expect(monthClosingDate('2025-06', calendar)).toBe('2025-07-07');
  });

  it('skips a weekday holiday (2025-05 closes on 06-09: Monday 06-02 is 端午)', () => {
    expect(monthClosingDate('2025-05', calendar)).toBe('2025-06-09');
  });

  it('skips the National Day week and counts its make-up Saturday (2025-09 closes on 10-14)', () => {
    expect(monthClosingDate('2025-09', calendar)).toBe('2025-10-14');
  });

  it('crosses the year and counts a make-up Sunday (2025-12 closes on 2026-01-08)', () => {
    expect(monthClosingDate('2025-12', calendar)).toBe('2026-01-08');
  });

  it('accepts a compiled calendar index as well', () => {
    expect(monthClosingDate('2025-09', calendarIndex(calendar))).toBe('2025-10-14');
  });
});

describe('isMonthClosable', () => {
  it('is false before the closing date and true on and after it', () => {
    expect(isMonthClosable('2025-09', '2025-10-13', calendar)).toBe(false);
    expect(isMonthClosable('2025-09', '2025-10-14', calendar)).toBe(true);
    expect(isMonthClosable('2025-09', '2025-11-01', calendar)).toBe(true);
  });

  it('is false during the month itself', () => {
    expect(isMonthClosable('2025-09', '2025-09-30', calendar)).toBe(false);
  });
});

describe('appealDeadline: the 5th working day after the event, its own day not counted', () => {
  it('crosses a weekend (Thursday 06-12 → Thursday 06-19)', () => {
    expect(appealDeadline('2025-06-12', calendar)).toBe('2025-06-19');
  });

  it('starts counting on Monday for an event of a Saturday', () => {
    expect(appealDeadline('2025-06-14', calendar)).toBe('2025-06-20');
  });

  it('crosses the National Day holiday (09-30 → 10-14, the closing date of September)', () => {
    expect(appealDeadline('2025-09-30', calendar)).toBe('2025-10-14');
    expect(appealDeadline('2025-09-30', calendar)).toBe(monthClosingDate('2025-09', calendar));
  });

  it('takes an instant on its Asia/Shanghai date', () => {
    expect(appealDeadline(new Date('2025-06-12T23:30:00+08:00'), calendar)).toBe('2025-06-19');
    expect(appealDeadline(new Date('2025-06-12T17:00:00Z'), calendar)).toBe('2025-06-20'); // 06-13 01:00 local
  });

  it('keeps the appeal open through the deadline day and closes it the day after', () => {
    expect(isAppealOpen('2025-06-12', '2025-06-12', calendar)).toBe(true);
    expect(isAppealOpen('2025-06-12', '2025-06-19', calendar)).toBe(true);
    expect(isAppealOpen('2025-06-12', '2025-06-20', calendar)).toBe(false);
  });
});
