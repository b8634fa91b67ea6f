import { describe, expect, it } from 'vitest';
import { validateDayForm, validateYearForm } from '../../src/lib/server/calendar/calendar-edit';
import { groupByMonth, weekdaysInYear } from '../../src/lib/server/calendar/calendar-overview';
import { validateSettingsForm } from '../../src/lib/server/matters/matter-settings.service';

// Field-by-field validation of the calendar and matter-settings forms, in Chinese.

describe('validateDayForm', () => {
  it('turns a weekday off into a holiday and a weekend working day into a make-up day', () => {
    expect(validateDayForm({ date: '2027-10-01', working: 'no', note: ' 国庆节 ' })).toEqual({
      day: { date: '2027-10-01', working: false, kind: 'holiday', note: '国庆节' }
    });
    expect(validateDayForm({ date: '2027-10-09', working: 'yes', note: '' })).toEqual({
      day: { date: '2027-10-09', working: true, kind: 'makeup_workday', note: null }
    });
  });

  it('names the field at fault', () => {
    expect(validateDayForm({ date: '', working: '', note: '' })).toEqual({
      errors: { date: '请填写日期', working: '请选择该日放假还是上班' }
    });
    expect(validateDayForm({ date: '2027-02-30', working: 'no', note: 'x'.repeat(101) })).toEqual({
      errors: { date: '日期格式应为 YYYY-MM-DD，例如 2027-10-01', note: '备注最多 100 个字' }
    });
    expect(validateDayForm({ date: '1999-01-01', working: 'no', note: '' })).toMatchObject({
      errors: { date: /2000–2099/ }
    });
  });

  it('refuses a day that Monday–Friday already gives', () => {
    expect(validateDayForm({ date: '2027-10-02', working: 'no', note: '' })).toEqual({
      errors: { working: '2027-10-02 是周六，本来就休息，无需设为放假' }
    });
    expect(validateDayForm({ date: '2027-10-11', working: 'yes', note: '' })).toEqual({
      errors: { working: '2027-10-11 是周一，本来就上班，无需设为调休上班' }
    });
  });
});

describe('validateYearForm', () => {
  it('asks for the notice when confirming, not when unconfirming', () => {
    expect(validateYearForm({ year: '2027', confirmed: true, notice: ' ' })).toMatchObject({
      errors: { notice: /请填写放假通知/ }
    });
    expect(validateYearForm({ year: '2027', confirmed: false, notice: '' })).toEqual({
      year: 2027,
      notice: null
    });
    expect(validateYearForm({ year: '二〇二七', confirmed: false, notice: '' })).toMatchObject({
      errors: { year: /年份/ }
    });
  });
});

describe('validateSettingsForm', () => {
  it('accepts 0 < ratio ≤ 1 and whole days ≥ 0', () => {
    expect(validateSettingsForm({ yellowRatio: '0.75', yellowDays: '0' })).toEqual({
      yellowRatio: 0.75,
      yellowDays: 0
    });
    expect(validateSettingsForm({ yellowRatio: '1', yellowDays: '3' })).toEqual({
      yellowRatio: 1,
      yellowDays: 3
    });
  });

  it('names each field at fault', () => {
    expect(validateSettingsForm({ yellowRatio: '', yellowDays: '' })).toEqual({
      errors: { yellowRatio: '请填写黄灯比例', yellowDays: '请填写提前预警天数' }
    });
    expect(validateSettingsForm({ yellowRatio: '0', yellowDays: '-1' })).toEqual({
      errors: { yellowRatio: '黄灯比例应大于 0 且不超过 1', yellowDays: '提前预警天数应为不小于 0 的整数' }
    });
    expect(validateSettingsForm({ yellowRatio: '1.2', yellowDays: '1.5' })).toMatchObject({
      errors: { yellowRatio: /不超过 1/, yellowDays: /整数/ }
    });
    expect(validateSettingsForm({ yellowRatio: '八成', yellowDays: '61' })).toEqual({
      errors: { yellowRatio: '黄灯比例应为小数，例如 0.8', yellowDays: '提前预警天数不能超过 60 个工作日' }
    });
    expect(validateSettingsForm({ yellowRatio: '0.8125', yellowDays: '1' })).toMatchObject({
      errors: { yellowRatio: /三位小数/ }
    });
  });
});

describe('the calendar overview', () => {
  it('counts Monday–Friday of a year (the fallback of an unconfirmed year)', () => {
    expect([2024, 2025, 2026, 2027, 2028].map(weekdaysInYear)).toEqual([262, 261, 261, 261, 260]);
  });

  it('groups exception days by month, with their weekday', () => {
    const day = (date: string) => ({ date, working: false, kind: 'holiday' as const, note: null });
    const groups = groupByMonth([day('2027-01-01'), day('2027-02-08'), day('2027-02-09')]);
    expect(groups.map((g) => [g.month, g.days.map((d) => d.weekday)])).toEqual([
      [1, [5]],
      [2, [1, 2]]
    ]);
  });
});
