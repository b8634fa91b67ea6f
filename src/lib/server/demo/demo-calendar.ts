import { isWorkingDay, officialCalendar, type CalendarOverrides } from '../calendar/working-days';

// The demo generator's private view of the working-day calendar: local dates as day
// numbers (days since 1970-01-01 in Asia/Shanghai) and working days as ordinals, so that
// "N working days after" is one array lookup. Not the product's clock (a later issue
// writes that); only the generator and the demo tick use it.

export const DAY_MS = 86_400_000;
const ZONE_OFFSET_MS = 8 * 3_600_000;

/** The local day number (Asia/Shanghai) of an instant in epoch milliseconds. */
export function localDayOf(ms: number): number {
  return Math.floor((ms + ZONE_OFFSET_MS) / DAY_MS);
}

/** The instant of local midnight starting a day number. */
export function dayStartMs(day: number): number {
  return day * DAY_MS - ZONE_OFFSET_MS;
}

export function dayNumberOf(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

export function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export class DemoCalendar {
  readonly firstDay: number;
  readonly lastDay: number;
  private readonly working: Uint8Array;
  /** Working days in [firstDay, day): a working day's ordinal, or the next one's for a rest day. */
  private readonly ordinalOfDay: Int32Array;
  private readonly dayOfOrdinal: Int32Array;
  private readonly dates: string[];

  constructor(firstDay: number, lastDay: number, overrides: CalendarOverrides = officialCalendar()) {
    this.firstDay = firstDay;
    this.lastDay = lastDay;
    const length = lastDay - firstDay + 1;
    this.working = new Uint8Array(length);
    this.ordinalOfDay = new Int32Array(length + 1);
    this.dates = new Array<string>(length);
    const ordinals: number[] = [];
    for (let i = 0; i < length; i++) {
      const date = dateOfDayNumber(firstDay + i);
      this.dates[i] = date;
      this.ordinalOfDay[i] = ordinals.length;
      if (isWorkingDay(date, overrides)) {
        this.working[i] = 1;
        ordinals.push(firstDay + i);
      }
    }
    this.ordinalOfDay[length] = ordinals.length;
    this.dayOfOrdinal = Int32Array.from(ordinals);
  }

  private index(day: number): number {
    const i = day - this.firstDay;
    if (i < 0 || i > this.lastDay - this.firstDay) {
      throw new RangeError(`day ${dateOfDayNumber(day)} is outside the demo calendar`);
    }
    return i;
  }

  isWorking(day: number): boolean {
    return this.working[this.index(day)] === 1;
  }

  /** 'YYYY-MM-DD' of a day number (cached). */
  date(day: number): string {
    return this.dates[this.index(day)];
  }

  /** The ordinal of a working day, or of the first working day after a rest day. */
  ordinal(day: number): number {
    return this.ordinalOfDay[this.index(day)];
  }

  /** The day of a working-day ordinal. */
  dayAt(ordinal: number): number {
    if (ordinal < 0 || ordinal >= this.dayOfOrdinal.length) {
      throw new RangeError(`working day #${ordinal} is outside the demo calendar`);
    }
    return this.dayOfOrdinal[ordinal];
  }

  /** The day itself when it is a working day, else the next working day. */
  nextWorkingDayFrom(day: number): number {
    return this.dayAt(this.ordinal(day));
  }

  /** The n-th working day after `day` (n = 0: `day` itself when working, else the next one). */
  addWorkingDays(day: number, n: number): number {
    const base = this.ordinal(day);
    return this.dayAt(this.isWorking(day) || n === 0 ? base + n : base + n - 1);
  }

  /** Working days in (from, to]. */
  workingDaysBetween(from: number, to: number): number {
    return this.ordinal(to + 1) - this.ordinal(from + 1);
  }
}
