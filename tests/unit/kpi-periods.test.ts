import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  bucketStart,
  periodLength,
  presetPeriod,
  previousPeriod,
  trendGrain,
  yearEarlier
} from '../../src/lib/kpis/periods';

describe('presetPeriod', () => {
  // 2026-11-25 is a Wednesday.
  const today = '2026-11-25';

  it('today is the one day', () => {
    expect(presetPeriod('today', today)).toEqual({ from: today, to: today });
  });

  it('this week starts on Monday, also when today is a Sunday or a Monday', () => {
    expect(presetPeriod('this_week', today)).toEqual({ from: '2026-11-23', to: today });
    expect(presetPeriod('this_week', '2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(presetPeriod('this_week', '2026-11-23')).toEqual({ from: '2026-11-23', to: '2026-11-23' });
  });

  it('this week reaches back across a month and a year boundary', () => {
    expect(presetPeriod('this_week', '2027-01-01')).toEqual({ from: '2026-12-28', to: '2027-01-01' });
  });

  it('this month is month to date', () => {
    expect(presetPeriod('this_month', today)).toEqual({ from: '2026-11-01', to: today });
  });

  it('last month is the whole previous month, December when today is in January', () => {
    expect(presetPeriod('last_month', today)).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(presetPeriod('last_month', '2027-01-15')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetPeriod('last_month', '2028-03-31')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('this quarter starts on 1 January, April, July or October', () => {
    expect(presetPeriod('this_quarter', '2026-01-01')).toEqual({ from: '2026-01-01', to: '2026-01-01' });
    expect(presetPeriod('this_quarter', '2026-03-31').from).toBe('2026-01-01');
    expect(presetPeriod('this_quarter', '2026-04-01').from).toBe('2026-04-01');
    expect(presetPeriod('this_quarter', '2026-09-30').from).toBe('2026-07-01');
    expect(presetPeriod('this_quarter', today)).toEqual({ from: '2026-10-01', to: today });
  });

  it('this year is year to date', () => {
    expect(presetPeriod('this_year', today)).toEqual({ from: '2026-01-01', to: today });
  });

  it('the last 30 days include today', () => {
    const period = presetPeriod('last_30_days', today);
    expect(period).toEqual({ from: '2026-10-27', to: today });
    expect(periodLength(period)).toBe(30);
  });
});

describe('previousPeriod', () => {
  it('compares month to date with the same days of the previous month (上月同期)', () => {
    expect(previousPeriod({ from: '2026-11-01', to: '2026-11-25' })).toEqual({
      from: '2026-10-01',
      to: '2026-10-25'
    });
  });

  it('clamps month to date to the end of a shorter previous month', () => {
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-30' })).toEqual({
      from: '2026-02-01',
      to: '2026-02-28'
    });
  });

  it('compares a whole month with the whole previous month, whatever their lengths', () => {
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({
      from: '2026-02-01',
      to: '2026-02-28'
    });
    expect(previousPeriod({ from: '2026-02-01', to: '2026-02-28' })).toEqual({
      from: '2026-01-01',
      to: '2026-01-31'
    });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-01-31' })).toEqual({
      from: '2025-12-01',
      to: '2025-12-31'
    });
  });

  it('compares a whole quarter with the previous quarter and a year with the previous year', () => {
    expect(previousPeriod({ from: '2026-04-01', to: '2026-06-30' })).toEqual({
      from: '2026-01-01',
      to: '2026-03-31'
    });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-12-31' })).toEqual({
      from: '2025-01-01',
      to: '2025-12-31'
    });
  });

  it('compares a quarter to date with the same days of the previous quarter', () => {
    expect(previousPeriod({ from: '2026-10-01', to: '2026-11-25' })).toEqual({
      from: '2026-07-01',
      to: '2026-08-25'
    });
  });

  it('compares a year to date with the same days of the year before', () => {
    expect(previousPeriod({ from: '2026-01-01', to: '2026-11-25' })).toEqual({
      from: '2025-01-01',
      to: '2025-11-25'
    });
  });

  it('compares other periods from the 1st with the same number of months before them', () => {
    expect(previousPeriod({ from: '2026-02-01', to: '2026-03-15' })).toEqual({
      from: '2025-12-01',
      to: '2026-01-15'
    });
  });

  it('compares any other period with as many days ending the day before', () => {
    expect(previousPeriod({ from: '2026-10-27', to: '2026-11-25' })).toEqual({
      from: '2026-09-27',
      to: '2026-10-26'
    });
    expect(previousPeriod({ from: '2026-11-23', to: '2026-11-25' })).toEqual({
      from: '2026-11-20',
      to: '2026-11-22'
    });
    expect(previousPeriod({ from: '2026-11-25', to: '2026-11-25' })).toEqual({
      from: '2026-11-24',
      to: '2026-11-24'
    });
  });

  it('keeps the length of an arbitrary range across a leap day', () => {
    const period = { from: '2028-02-20', to: '2028-03-05' };
    const previous = previousPeriod(period);
    expect(previous).toEqual({ from: '2028-02-05', to: '2028-02-19' });
    expect(periodLength(previous)).toBe(periodLength(period));
  });
});

describe('yearEarlier', () => {
  it('moves the same dates back a year', () => {
    expect(yearEarlier({ from: '2026-11-01', to: '2026-11-25' })).toEqual({
      from: '2025-11-01',
      to: '2025-11-25'
    });
  });

  it('turns 02-29 into 02-28', () => {
    expect(yearEarlier({ from: '2028-02-29', to: '2028-02-29' })).toEqual({
      from: '2027-02-28',
      to: '2027-02-28'
    });
    expect(yearEarlier({ from: '2028-02-10', to: '2028-02-29' })).toEqual({
      from: '2027-02-10',
      to: '2027-02-28'
    });
  });

  it('keeps a whole February whole: 02-28 a year after a leap year becomes 02-29', () => {
    expect(yearEarlier({ from: '2029-02-01', to: '2029-02-28' })).toEqual({
      from: '2028-02-01',
      to: '2028-02-29'
    });
  });

  it('keeps a single day a single day, also 02-28 after a leap year', () => {
    expect(yearEarlier({ from: '2029-02-28', to: '2029-02-28' })).toEqual({
      from: '2028-02-28',
      to: '2028-02-28'
    });
  });

  it('moves a period that crosses new year', () => {
    expect(yearEarlier({ from: '2026-12-15', to: '2027-01-14' })).toEqual({
      from: '2025-12-15',
      to: '2026-01-14'
    });
  });
});

describe('date arithmetic', () => {
  it('addDays crosses months, years and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('addMonths clamps to the end of a shorter month', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2028-03-31', -1)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', -2)).toBe('2025-11-30');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });

  it('periodLength counts both ends', () => {
    expect(periodLength({ from: '2026-11-25', to: '2026-11-25' })).toBe(1);
    expect(periodLength({ from: '2028-01-01', to: '2028-12-31' })).toBe(366);
  });
});

describe('trendGrain', () => {
  const ending = (days: number) => ({ from: '2026-01-01', to: addDays('2026-01-01', days - 1) });

  it('buckets by day up to 35 days (five weeks)', () => {
    expect(trendGrain(ending(1))).toBe('day');
    expect(trendGrain(ending(35))).toBe('day');
  });

  it('buckets by week from 36 days up to 184 days (half a year)', () => {
    expect(trendGrain(ending(36))).toBe('week');
    expect(trendGrain(ending(184))).toBe('week');
  });

  it('buckets by month beyond half a year', () => {
    expect(trendGrain(ending(185))).toBe('month');
    expect(trendGrain(ending(365))).toBe('month');
  });
});

describe('bucketStart', () => {
  it('is the day itself, its Monday, or the 1st of its month', () => {
    expect(bucketStart('2026-11-25', 'day')).toBe('2026-11-25');
    expect(bucketStart('2026-11-25', 'week')).toBe('2026-11-23');
    expect(bucketStart('2026-11-29', 'week')).toBe('2026-11-23');
    expect(bucketStart('2026-11-30', 'week')).toBe('2026-11-30');
    expect(bucketStart('2026-11-25', 'month')).toBe('2026-11-01');
  });
});
