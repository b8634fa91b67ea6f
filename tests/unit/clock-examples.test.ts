import { describe, expect, it } from 'vitest';
import { clock, ev } from './clock-case';

// The worked examples of shared/spec/time-limits.md, then due dates across the holidays
// of 2024–2026, each worked out by hand from the official calendar (counted days listed).

describe('the worked examples of time-limits.md', () => {
  it.each([
    ['2025-09-26', 5, '2025-10-10'], // 09-28 (Sun) make-up, 29, 30, 10-01..08 off, 09, 10
    ['2025-09-26', 20, '2025-10-30'],
    ['2026-09-18', 3, '2026-09-22'], // 09-20 (Sun) make-up, 21, 22
    ['2026-02-13', 1, '2026-02-14'], // Saturday 02-14 is a make-up working day
    ['2025-03-03', 0, '2025-03-03'] // 即办件
  ])('a case accepted on %s with a limit of %i working days is due on %s', (accepted, limit, due) => {
    expect(clock({ accepted, limit }).promised.dueOn).toBe(due);
  });

  it('a correction stop opened 03-04 and closed 03-06 leaves 03-05 and 03-06 uncounted: due 2025-03-12', () => {
    const events = [ev('correction_requested', '2025-03-04'), ev('correction_received', '2025-03-06')];
    const result = clock({ accepted: '2025-03-03', limit: 5, events }, '2025-03-12');
    expect(result.promised.dueOn).toBe('2025-03-12');
    expect(result.stops).toMatchObject([{ openedOn: '2025-03-04', closedOn: '2025-03-06', removedDays: 2 }]);
  });
});

describe('due dates across the 2024–2026 holidays', () => {
  it.each([
    // Spring Festival 2024: 02-04 (Sun) and 02-18 (Sun) are make-up days, 02-12..16 off.
    ['2024-02-08', 3, '2024-02-19', '02-09, 02-18 (Sun, make-up), 02-19'],
    ['2024-02-02', 2, '2024-02-05', '02-04 (Sun, make-up), 02-05'],
    // Spring Festival 2025: 01-26 (Sun) and 02-08 (Sat) are make-up days, 01-28..02-04 off.
    ['2025-01-24', 3, '2025-02-05', '01-26 (Sun), 01-27, then 01-28..02-04 off, 02-05'],
    ['2025-01-27', 5, '2025-02-10', '02-05, 06, 07, 08 (Sat, make-up), 10'],
    // Spring Festival 2026: 02-14 (Sat) and 02-28 (Sat) make-up, 02-15..02-23 off.
    ['2026-02-12', 4, '2026-02-25', '02-13, 02-14 (Sat), then 02-24, 02-25'],
    ['2026-02-24', 4, '2026-02-28', '02-25, 26, 27, 28 (Sat, make-up)'],
    // Mid-autumn and National Day 2024: 09-14 (Sat), 09-29 (Sun), 10-12 (Sat) make-up.
    ['2024-09-13', 2, '2024-09-18', '09-14 (Sat), then 09-15..17 off, 09-18'],
    ['2024-09-27', 3, '2024-10-08', '09-29 (Sun), 09-30, then 10-01..07 off, 10-08'],
    ['2024-10-08', 4, '2024-10-12', '10-09, 10, 11, 12 (Sat, make-up)'],
    ['2024-09-13', 20, '2024-10-17', '09-14,18,19,20,23..27,29,30 (11), 10-08..12 (16), 10-14..17 (20)'],
    // National Day 2025: 09-28 (Sun), 10-11 (Sat) make-up, 10-01..08 off.
    ['2025-09-30', 1, '2025-10-09', 'the whole of 10-01..10-08 is off'],
    ['2025-09-30', 3, '2025-10-11', '10-09, 10-10, 10-11 (Sat, make-up)'],
    // Mid-autumn and National Day 2026: 09-25 (Fri) off; 09-20 (Sun), 10-10 (Sat) make-up.
    ['2026-09-24', 3, '2026-09-30', '09-25 off, 09-28, 29, 30'],
    ['2026-09-30', 2, '2026-10-09', '10-01..10-07 off, 10-08, 10-09'],
    ['2026-09-30', 3, '2026-10-10', '10-08, 10-09, 10-10 (Sat, make-up)'],
    // New Year.
    ['2025-12-31', 2, '2026-01-05', '2026-01-01/02 off, 01-04 (Sun, make-up), 01-05'],
    ['2024-12-31', 1, '2025-01-02', '2025-01-01 off, 01-02'],
    // Qingming, Labour Day, Dragon Boat.
    ['2026-04-03', 1, '2026-04-07', 'weekend, 04-06 (Mon) off, 04-07'],
    ['2025-04-25', 2, '2025-04-28', '04-27 (Sun, make-up), 04-28'],
    ['2025-04-25', 5, '2025-05-06', '04-27, 28, 29, 30, then 05-01..05 off, 05-06'],
    ['2026-04-30', 2, '2026-05-07', '05-01..05 off, 05-06, 05-07'],
    ['2026-04-30', 5, '2026-05-11', '05-06, 07, 08, 09 (Sat, make-up), 11'],
    ['2026-06-18', 1, '2026-06-22', '06-19 (Fri) off, weekend, 06-22'],
    // Accepted on a rest day: counting starts with the next working day.
    ['2025-03-08', 1, '2025-03-10', 'accepted Saturday, 03-09 Sunday, 03-10 Monday'],
    ['2025-10-03', 2, '2025-10-10', 'accepted on a holiday: 10-09, 10-10'],
    ['2025-10-11', 1, '2025-10-13', 'accepted on a make-up Saturday, which is not counted: 10-13']
  ])('accepted %s, limit %i: due %s (%s)', (accepted, limit, due) => {
    const result = clock({ accepted, limit }, accepted);
    expect(result.promised.dueOn).toBe(due);
    expect(result.calendarUnconfirmed).toBe(false);
  });
});

describe('a year without a confirmed notice', () => {
  it('counts 2027 Monday–Friday (01-01 is a Friday working day) and says the calendar is unconfirmed', () => {
    // 2026-12-29 (Tue): 12-30, 12-31, 2027-01-01 (Fri, fallback working day), 01-04, 01-05.
    const result = clock({ accepted: '2026-12-29', limit: 5 }, '2026-12-29');
    expect(result.promised.dueOn).toBe('2027-01-05');
    expect(result.calendarUnconfirmed).toBe(true);
    expect(result.unconfirmedYears).toEqual([2027]);
    expect(result.trace).toContainEqual(
      expect.objectContaining({ kind: 'calendar_unconfirmed', year: 2027 })
    );
  });

  it('is confirmed when every date used stays inside 2026', () => {
    // 2026-12-21 (Mon): 12-22, 23, 24, 25, 28.
    const result = clock({ accepted: '2026-12-21', limit: 5 }, '2026-12-21');
    expect(result.promised.dueOn).toBe('2026-12-28');
    expect(result.calendarUnconfirmed).toBe(false);
  });

  it('is unconfirmed when only the statutory deadline reaches into 2027', () => {
    // Statutory 10 from 2026-12-21: 12-22..25 (4), 28..31 (8), 2027-01-01 (9), 01-04 (10).
    const result = clock({ accepted: '2026-12-21', limit: 5, statutory: 10 }, '2026-12-21');
    expect(result.statutory.dueOn).toBe('2027-01-04');
    expect(result.calendarUnconfirmed).toBe(true);
  });

  it('is unconfirmed for an open case evaluated in 2027', () => {
    const result = clock({ accepted: '2026-12-21', limit: 5 }, '2027-01-04');
    expect(result.calendarUnconfirmed).toBe(true);
  });
});
