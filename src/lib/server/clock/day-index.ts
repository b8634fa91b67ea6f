import type { CalendarOverrides } from '../calendar/working-days';

// A compiled working-day calendar: local dates become integer day numbers (days since
// 1970-01-01), and a prefix sum of working days answers "working days in (a, b]" and
// "the n-th working day after a" in O(1). Building it costs a few milliseconds; it is
// cached per CalendarOverrides object, which must be treated as immutable (build a new
// one after an edit; a change in the size of its sets also invalidates the cache).

const MS_PER_DAY = 86_400_000;
const LOCAL_OFFSET_MS = 8 * 3_600_000; // Asia/Shanghai, no daylight saving since 1991
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

/** Day number of the local (Asia/Shanghai) date of an instant. */
export function dayOfInstant(instant: Date): number {
  return Math.floor((instant.getTime() + LOCAL_OFFSET_MS) / MS_PER_DAY);
}

let lastDate: string | null = null;
let lastDay = 0;

/** Day number of a 'YYYY-MM-DD' date; throws on anything else. */
export function dayOfDate(date: string): number {
  if (date === lastDate) return lastDay; // the evaluation date of a whole batch
  const y = digits(date, 0, 4);
  const m = digits(date, 5, 7);
  const d = digits(date, 8, 10);
  if (
    date.length !== 10 ||
    date.charCodeAt(4) !== 45 ||
    date.charCodeAt(7) !== 45 ||
    y < 0 ||
    m < 1 ||
    m > 12 ||
    d < 1 ||
    d > daysInMonth(y, m)
  ) {
    throw new RangeError(`not a date 'YYYY-MM-DD': ${date}`);
  }
  lastDate = date;
  lastDay = Date.UTC(y, m - 1, d) / MS_PER_DAY;
  return lastDay;
}

/** The number written by the ASCII digits in [from, to), or -1. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    n = n * 10 + c;
  }
  return n;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** [year, month 1–12, day 1–31] of a day number (proleptic Gregorian). */
export function civilOfDay(day: number): [number, number, number] {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function dateOfDay(day: number): string {
  const [y, m, d] = civilOfDay(day);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

export function yearOfDay(day: number): number {
  return civilOfDay(day)[0];
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** A maximal run of days off that contains at least one weekday holiday. */
export interface HolidayRun {
  from: number;
  to: number;
}

export class CalendarIndex {
  readonly confirmedYears: ReadonlySet<number>;
  /** Sorted runs of days off around the weekday holidays of the calendar. */
  readonly holidayRuns: readonly HolidayRun[];
  /** Sorted weekend make-up working days. */
  readonly makeUpDays: readonly number[];
  private readonly holidays: Set<number>;
  private readonly makeUps: Set<number>;
  private base = 0;
  private size = 0;
  /** cum[i] = working days in [base, base + i). */
  private cum = new Int32Array(1);
  /** workdays[k] = day number of the (k + 1)-th working day from base. */
  private workdays = new Int32Array(0);
  /** 'YYYY-MM-DD' of base + i, filled on demand. */
  private strings: (string | undefined)[] = [];

  constructor(calendar: CalendarOverrides) {
    this.confirmedYears = calendar.confirmedYears;
    this.holidays = new Set([...calendar.holidays].map(dayOfDate));
    this.makeUps = new Set([...calendar.makeUpWorkdays].map(dayOfDate));
    const years = [...calendar.confirmedYears, ...[...this.holidays, ...this.makeUps].map(yearOfDay)];
    this.build(Math.min(2000, ...years) - 1, Math.max(2040, ...years) + 1);
    this.makeUpDays = [...this.makeUps]
      .filter((d) => this.isWorkingDay(d) && this.isWeekend(d))
      .sort((a, b) => a - b);
    this.holidayRuns = this.findHolidayRuns();
  }

  isWorkingDay(day: number): boolean {
    if (this.makeUps.has(day)) return true;
    if (this.holidays.has(day)) return false;
    return !this.isWeekend(day);
  }

  isWeekend(day: number): boolean {
    const dow = weekdayOfDay(day);
    return dow === 0 || dow === 6;
  }

  /** Working days in [base, day]. */
  private upTo(day: number): number {
    let i = day - this.base + 1;
    if (i < 1 || i > this.size) {
      this.cover(day);
      i = day - this.base + 1;
    }
    return this.cum[i];
  }

  /** Number of working days in (a, b]; 0 when b <= a. */
  workingDaysBetween(a: number, b: number): number {
    return b <= a ? 0 : this.upTo(b) - this.upTo(a);
  }

  /** The n-th working day after a (n >= 1). */
  nthWorkingDayAfter(a: number, n: number): number {
    let k = this.upTo(a) + n - 1;
    while (k >= this.workdays.length) {
      this.cover(this.base + this.size + 366 * Math.ceil(n / 200 + 1));
      k = this.upTo(a) + n - 1;
    }
    return this.workdays[k];
  }

  /** 'YYYY-MM-DD' of a day number, cached. */
  date(day: number): string {
    const i = day - this.base;
    if (i < 0 || i >= this.size) return dateOfDay(day);
    return (this.strings[i] ??= dateOfDay(day));
  }

  isConfirmedYear(year: number): boolean {
    return this.confirmedYears.has(year);
  }

  private cover(day: number): void {
    const year = yearOfDay(day);
    if (year < MIN_YEAR || year > MAX_YEAR) throw new RangeError(`date out of range: ${dateOfDay(day)}`);
    const first = yearOfDay(this.base);
    const last = yearOfDay(this.base + this.size - 1);
    this.build(Math.min(first, year - 1), Math.max(last, year + 5));
  }

  private build(firstYear: number, lastYear: number): void {
    const from = Date.UTC(Math.max(firstYear, MIN_YEAR), 0, 1) / MS_PER_DAY;
    const to = Date.UTC(Math.min(lastYear, MAX_YEAR) + 1, 0, 1) / MS_PER_DAY;
    const size = to - from;
    const cum = new Int32Array(size + 1);
    const workdays: number[] = [];
    for (let i = 0; i < size; i++) {
      const working = this.isWorkingDay(from + i);
      cum[i + 1] = cum[i] + (working ? 1 : 0);
      if (working) workdays.push(from + i);
    }
    this.base = from;
    this.size = size;
    this.strings = new Array<string | undefined>(size);
    this.cum = cum;
    this.workdays = Int32Array.from(workdays);
  }

  private findHolidayRuns(): HolidayRun[] {
    const runs: HolidayRun[] = [];
    const weekdayHolidays = [...this.holidays].filter((d) => !this.isWorkingDay(d) && !this.isWeekend(d));
    for (const day of weekdayHolidays.sort((a, b) => a - b)) {
      if (runs.length > 0 && runs[runs.length - 1].to >= day) continue;
      let from = day;
      let to = day;
      while (!this.isWorkingDay(from - 1)) from--;
      while (!this.isWorkingDay(to + 1)) to++;
      runs.push({ from, to });
    }
    return runs;
  }
}

interface Compiled {
  index: CalendarIndex;
  holidays: number;
  makeUps: number;
  years: number;
}
const cache = new WeakMap<CalendarOverrides, Compiled>();

/** The compiled index of a calendar, built once per calendar object. */
export function calendarIndex(calendar: CalendarOverrides | CalendarIndex): CalendarIndex {
  if (calendar instanceof CalendarIndex) return calendar;
  const hit = cache.get(calendar);
  if (
    hit &&
    hit.holidays === calendar.holidays.size &&
    hit.makeUps === calendar.makeUpWorkdays.size &&
    hit.years === calendar.confirmedYears.size
  ) {
    return hit.index;
  }
  const index = new CalendarIndex(calendar);
  cache.set(calendar, {
    index,
    holidays: calendar.holidays.size,
    makeUps: calendar.makeUpWorkdays.size,
    years: calendar.confirmedYears.size
  });
  return index;
}
