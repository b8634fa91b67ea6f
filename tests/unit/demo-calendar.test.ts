import { describe, expect, it } from 'vitest';
import {
  dateOfDayNumber,
  dayNumberOf,
  DemoCalendar,
  localDayOf
} from '../../src/lib/server/demo/demo-calendar';
import { ordinalAtElapsed } from '../../src/lib/server/demo/processing-plan';

const calendar = new DemoCalendar(dayNumberOf('2024-12-01'), dayNumberOf('2027-01-31'));
const after = (date: string, n: number) => dateOfDayNumber(calendar.addWorkingDays(dayNumberOf(date), n));

describe("the demo generator's working-day calendar", () => {
  it('reproduces the worked examples of time-limits.md', () => {
    expect(after('2025-09-26', 5)).toBe('2025-10-10');
    expect(after('2025-09-26', 20)).toBe('2025-10-30');
    expect(after('2026-09-18', 3)).toBe('2026-09-22');
    expect(after('2026-02-13', 1)).toBe('2026-02-14');
    expect(after('2025-03-03', 0)).toBe('2025-03-03');
  });

  it('skips stopped days: accepted 03-03, stop 03-04..03-06, 5 working days → 03-12', () => {
    const accepted = calendar.ordinal(dayNumberOf('2025-03-03'));
    const due = ordinalAtElapsed(accepted, [{ k: 1, len: 2, procedure: null }], 5);
    expect(dateOfDayNumber(calendar.dayAt(due))).toBe('2025-03-12');
  });

  it('knows holidays and make-up working days, and falls back to Monday–Friday in 2027', () => {
    expect(calendar.isWorking(dayNumberOf('2025-10-01'))).toBe(false);
    expect(calendar.isWorking(dayNumberOf('2025-09-28'))).toBe(true);
    expect(calendar.isWorking(dayNumberOf('2027-01-01'))).toBe(true);
    expect(calendar.isWorking(dayNumberOf('2027-01-02'))).toBe(false);
  });

  it('counts the working days of 2025 as the notice does (248)', () => {
    expect(calendar.workingDaysBetween(dayNumberOf('2024-12-31'), dayNumberOf('2025-12-31'))).toBe(248);
  });

  it('starts counting from a rest day at the next working day', () => {
    expect(after('2025-10-04', 0)).toBe('2025-10-09');
    expect(after('2025-10-04', 1)).toBe('2025-10-09');
    expect(after('2025-10-04', 2)).toBe('2025-10-10');
  });

  it('takes local dates in Asia/Shanghai', () => {
    expect(dateOfDayNumber(localDayOf(Date.parse('2025-03-02T16:30:00Z')))).toBe('2025-03-03');
    expect(dateOfDayNumber(localDayOf(Date.parse('2025-03-02T15:59:59Z')))).toBe('2025-03-02');
  });
});
