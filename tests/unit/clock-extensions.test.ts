import { describe, expect, it } from 'vitest';
import { clock, ev } from './clock-case';

// Extensions of the statutory limit. Accepted Monday 2025-03-03, statutory limit 20,
// promised 15. Without extensions: promised due 03-24 (03-04..07 = 4, 10..14 = 9,
// 17..21 = 14, 24 = 15); statutory due 03-31 (24..28 = 19, 31 = 20). Statutory limits
// 21–30 reach 04-01, 02, 03, 07, 08, 09, 10, 11, 14, 15 (04-04 is Qingming).

const base = { accepted: '2025-03-03', limit: 15, statutory: 20 } as const;
const ext = (date: string, days: number | null) => ev('extended', date, '10:00', { days });

describe('an extension', () => {
  it('filed before the statutory due date moves it by its days: +10 → 04-15', () => {
    const result = clock({ ...base, events: [ext('2025-03-20', 10)] }, '2025-03-20');
    expect(result.statutory).toMatchObject({ limitDays: 30, extensionDays: 10, dueOn: '2025-04-15' });
    expect(result.extensions).toMatchObject([{ valid: true, reason: null, dueBefore: '2025-03-31' }]);
    expect(result.flags).not.toContain('invalid_extension');
  });

  it('does not move the promised deadline', () => {
    const result = clock({ ...base, events: [ext('2025-03-20', 10)] }, '2025-03-20');
    expect(result.promised.dueOn).toBe('2025-03-24');
  });

  it('filed on the statutory due date itself is valid', () => {
    expect(clock({ ...base, events: [ext('2025-03-31', 5)] }, '2025-03-31').statutory.dueOn).toBe(
      '2025-04-08'
    );
  });

  it('filed the day after the statutory due date is late, extends nothing and is flagged', () => {
    const result = clock({ ...base, events: [ext('2025-04-01', 5)] }, '2025-04-01');
    expect(result.statutory).toMatchObject({ limitDays: 20, dueOn: '2025-03-31', overdue: true });
    expect(result.invalidExtensions).toMatchObject([{ on: '2025-04-01', valid: false, reason: 'late' }]);
    expect(result.flags).toContain('invalid_extension');
  });

  it('filed on a Saturday on or before the due date is valid (only its date counts)', () => {
    expect(clock({ ...base, events: [ext('2025-03-29', 1)] }, '2025-03-29').statutory.dueOn).toBe(
      '2025-04-01'
    );
  });

  it('filed on a holiday after the due date is late', () => {
    const result = clock({ ...base, events: [ext('2025-04-04', 1)] }, '2025-04-04');
    expect(result.invalidExtensions[0].reason).toBe('late');
  });

  it('of 11 days at once exceeds the 10-day total and extends nothing', () => {
    const result = clock({ ...base, events: [ext('2025-03-10', 11)] }, '2025-03-10');
    expect(result.invalidExtensions).toMatchObject([{ reason: 'over_limit' }]);
    expect(result.statutory.dueOn).toBe('2025-03-31');
  });

  it('without a positive number of days is invalid (no_days)', () => {
    const result = clock({ ...base, events: [ext('2025-03-10', null), ext('2025-03-11', 0)] }, '2025-03-11');
    expect(result.invalidExtensions.map((x) => x.reason)).toEqual(['no_days', 'no_days']);
    expect(result.statutory.dueOn).toBe('2025-03-31');
  });
});

describe('several extensions', () => {
  it('are taken in time order, and one that breaks the 10-day cap is skipped: 7 + (4) + 3', () => {
    // 7 valid → 27 (04-10); 4 would make 11 → over_limit; 3 valid → 30 (04-15).
    const events = [ext('2025-03-14', 3), ext('2025-03-10', 7), ext('2025-03-12', 4)];
    const result = clock({ ...base, events }, '2025-03-14');
    expect(result.extensions.map((x) => [x.on, x.valid, x.reason, x.dueBefore])).toEqual([
      ['2025-03-10', true, null, '2025-03-31'],
      ['2025-03-12', false, 'over_limit', '2025-04-10'],
      ['2025-03-14', true, null, '2025-04-10']
    ]);
    expect(result.statutory).toMatchObject({ limitDays: 30, extensionDays: 10, dueOn: '2025-04-15' });
  });

  it('are checked against the due date as extended by the valid ones before: 04-08 valid, 04-09 late', () => {
    // +5 on 03-10 → 25: due 04-08. A second +5 on 04-08 is in time → 30: 04-15.
    const inTime = clock({ ...base, events: [ext('2025-03-10', 5), ext('2025-04-08', 5)] }, '2025-04-08');
    expect(inTime.statutory.dueOn).toBe('2025-04-15');
    const late = clock({ ...base, events: [ext('2025-03-10', 5), ext('2025-04-09', 5)] }, '2025-04-09');
    expect(late.statutory.dueOn).toBe('2025-04-08');
    expect(late.invalidExtensions).toMatchObject([
      { on: '2025-04-09', reason: 'late', dueBefore: '2025-04-08' }
    ]);
  });

  it('report lateness before the cap when an extension is both late and over the cap', () => {
    const result = clock({ ...base, events: [ext('2025-03-10', 10), ext('2025-04-20', 1)] }, '2025-04-20');
    expect(result.invalidExtensions[0].reason).toBe('late');
  });

  it('are judged against the due date moved by stops', () => {
    // A correction (03-04, 03-11] removes 5 WD: statutory due moves from 03-31 to 04-08,
    // so an extension filed on 04-07 is valid: +2 → 04-10.
    const events = [
      ev('correction_requested', '2025-03-04'),
      ev('correction_received', '2025-03-11'),
      ext('2025-04-07', 2)
    ];
    const result = clock({ ...base, events }, '2025-04-07');
    expect(result.extensions[0]).toMatchObject({ valid: true, dueBefore: '2025-04-08' });
    expect(result.statutory.dueOn).toBe('2025-04-10');
  });
});
