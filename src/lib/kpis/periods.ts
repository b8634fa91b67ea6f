// Reporting periods of the dashboard: presets, the previous period and the same period a
// year earlier (shared/spec/kpis.md: "each figure shows its value for the previous period
// of the same length and the same period a year earlier"). Pure and browser-safe: the
// filter bar and the server read the same URL the same way. Rules: docs/rules/kpis.md.

export interface Period {
  /** Local dates in the bureau's zone, both inclusive. */
  from: string;
  to: string;
}

export const PERIOD_PRESETS = [
  'today',
  'this_week',
  'this_month',
  'last_month',
  'this_quarter',
  'this_year',
  'last_30_days',
  'custom'
] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export const DEFAULT_PRESET: PeriodPreset = 'this_month';

export const PRESET_LABELS: Record<PeriodPreset, string> = {
  today: '今日',
  this_week: '本周',
  this_month: '本月',
  last_month: '上月',
  this_quarter: '本季度',
  this_year: '本年',
  last_30_days: '近30天',
  custom: '自定义'
};

const DAY_MS = 86_400_000;
const toUtc = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** Days in the period, both ends counted. */
export function periodLength(period: Period): number {
  return Math.round((toUtc(period.to) - toUtc(period.from)) / DAY_MS) + 1;
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The same day `months` months away, clamped to the month's end (03-31 − 1 month = 02-28/29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(d, lastDayOfMonth(year, month));
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const isMonthEnd = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return d === lastDayOfMonth(y, m);
};

/**
 * Shift a period by whole months. In a period from the 1st, a `to` at a month's end stays
 * at the end (February 2029 a year earlier is all of February 2028). Any other period
 * keeps its days: 2029-02-28 alone a year earlier is 2028-02-28 alone, not two days.
 */
function shiftMonths(period: Period, months: number): Period {
  const to = addMonths(period.to, months);
  const [y, m] = to.split('-').map(Number);
  const keepEnd = period.from.endsWith('-01') && isMonthEnd(period.to);
  return {
    from: addMonths(period.from, months),
    to: keepEnd ? `${to.slice(0, 8)}${String(lastDayOfMonth(y, m)).padStart(2, '0')}` : to
  };
}

function monthsSpanned(period: Period): number {
  const [fy, fm] = period.from.split('-').map(Number);
  const [ty, tm] = period.to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/**
 * How many months back the period before lies, for a period starting on the 1st of a
 * month: a year-to-date a year, a quarter-to-date a quarter (本季度至今 with 上季度同期),
 * otherwise as many months as it spans (本月至今 with 上月同期).
 */
function monthsBack(period: Period): number {
  const spanned = monthsSpanned(period);
  const month = Number(period.from.slice(5, 7));
  if (spanned === 1) return 1;
  if ((month - 1) % 3 === 0 && spanned <= 3) return 3;
  if (month === 1 && spanned <= 12) return 12;
  return spanned;
}

/**
 * The period before: a period starting on the 1st of a month (a month, a quarter, a year,
 * or one of them to date) is compared with the same span of the preceding month, quarter
 * or year; any other period with the same number of days ending the day before `from`.
 */
export function previousPeriod(period: Period): Period {
  if (period.from.endsWith('-01')) return shiftMonths(period, -monthsBack(period));
  const length = periodLength(period);
  return { from: addDays(period.from, -length), to: addDays(period.from, -1) };
}

/** The same dates a year earlier (02-29 becomes 02-28; a month's end stays a month's end). */
export function yearEarlier(period: Period): Period {
  return shiftMonths(period, -12);
}

/** Monday-based weeks, as in Chinese calendars. */
function mondayOf(date: string): string {
  const weekday = new Date(toUtc(date)).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, today: string): Period {
  const month = today.slice(0, 8) + '01';
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'this_week':
      return { from: mondayOf(today), to: today };
    case 'this_month':
      return { from: month, to: today };
    case 'last_month': {
      const from = addMonths(month, -1);
      return { from, to: addDays(month, -1) };
    }
    case 'this_quarter': {
      const m = Number(today.slice(5, 7));
      const first = Math.floor((m - 1) / 3) * 3 + 1;
      return { from: `${today.slice(0, 5)}${String(first).padStart(2, '0')}-01`, to: today };
    }
    case 'this_year':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
    case 'last_30_days':
      return { from: addDays(today, -29), to: today };
  }
}

/** How a trend chart over the period is bucketed: days up to 5 weeks, weeks up to half a year. */
export type TrendGrain = 'day' | 'week' | 'month';
export function trendGrain(period: Period): TrendGrain {
  const length = periodLength(period);
  if (length <= 35) return 'day';
  if (length <= 184) return 'week';
  return 'month';
}

/** The first day of the bucket that contains `date`. */
export function bucketStart(date: string, grain: TrendGrain): string {
  if (grain === 'day') return date;
  if (grain === 'week') return mondayOf(date);
  return date.slice(0, 8) + '01';
}
