import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatDate,
  formatDateTime,
  formatDuration,
  formatNumber,
  MISSING
} from '../../src/lib/format';

describe('formatDateTime', () => {
  it('shows bureau time (UTC+8) whatever the process zone', () => {
    expect(formatDateTime(new Date('2026-11-25T06:05:09Z'))).toBe('2026-11-25 14:05:09');
  });

  it('rolls over to the next local day after 16:00 UTC', () => {
    expect(formatDateTime('2026-11-25T16:00:00Z')).toBe('2026-11-26 00:00:00');
  });

  it('accepts ISO strings and epoch milliseconds', () => {
    expect(formatDateTime('2026-01-02T03:04:05+08:00')).toBe('2026-01-02 03:04:05');
    expect(formatDateTime(Date.UTC(2026, 0, 1, 0, 0, 0))).toBe('2026-01-01 08:00:00');
  });

  it('renders missing or invalid values as a dash', () => {
    expect(formatDateTime(null)).toBe(MISSING);
    expect(formatDateTime(undefined)).toBe(MISSING);
    expect(formatDateTime('not a date')).toBe(MISSING);
  });
});

describe('formatDate', () => {
  it('gives the local date of an instant', () => {
    expect(formatDate(new Date('2026-11-25T17:30:00Z'))).toBe('2026-11-26');
  });

  it('passes a local date string through unchanged (no zone shift)', () => {
    expect(formatDate('2026-02-28')).toBe('2026-02-28');
  });

  it('renders null as a dash', () => {
    expect(formatDate(null)).toBe(MISSING);
  });
});

describe('formatNumber', () => {
  it('groups thousands the zh-CN way', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(999)).toBe('999');
  });

  it('accepts counts as PostgreSQL returns them (strings, bigint)', () => {
    expect(formatNumber('2000000')).toBe('2,000,000');
    expect(formatNumber(12345678901n)).toBe('12,345,678,901');
  });

  it('rounds to whole numbers', () => {
    expect(formatNumber(1234.6)).toBe('1,235');
  });

  it('renders missing and non-numeric values as a dash', () => {
    expect(formatNumber(null)).toBe(MISSING);
    expect(formatNumber('abc')).toBe(MISSING);
    expect(formatNumber(Number.NaN)).toBe(MISSING);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 毫秒'],
    [350, '350 毫秒'],
    [1000, '1.0 秒'],
    [12_449, '12.4 秒'],
    [59_999, '59.9 秒'],
    [60_000, '1 分 00 秒'],
    [185_000, '3 分 05 秒'],
    [3_600_000, '1 小时 00 分'],
    [7_620_000, '2 小时 07 分']
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('renders unknown or negative durations as a dash', () => {
    expect(formatDuration(null)).toBe(MISSING);
    expect(formatDuration(-5)).toBe(MISSING);
  });
});

describe('formatAge', () => {
  const now = new Date('2026-11-25T06:00:00Z');
  it.each([
    ['2026-11-25T05:59:30Z', '刚刚'],
    ['2026-11-25T05:55:00Z', '5 分钟前'],
    ['2026-11-25T03:00:00Z', '3 小时前'],
    ['2026-11-23T06:00:00Z', '2 天前'],
    ['2023-11-25T06:00:00Z', '1,096 天前']
  ])('%s → %s', (then, text) => {
    expect(formatAge(then, now)).toBe(text);
  });

  it('says so when the instant lies in the future (clock skew between servers)', () => {
    expect(formatAge('2026-11-25T06:05:00Z', now)).toBe('晚于当前时间');
  });
});
