import type { ColumnType } from 'kysely';
import type { ClockFlag, Colour } from '../clock/types';

// Kysely types of the working-day calendar, the per-matter warning settings and the
// derived clock of each case (migrations 20261125020100_calendar, 20261125020200_case_clock).
// Dates are 'YYYY-MM-DD' strings (the date type parser of db/connect.ts).

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CalendarDayTable {
  date: string;
  /** false for a holiday, true for a make-up working day (调休上班). */
  working: boolean;
  kind: 'holiday' | 'makeup_workday';
  note: string | null;
  updated_at: Timestamp;
}

export interface CalendarYearTable {
  year: number;
  /** Without a confirmed notice the year falls back to Monday–Friday. */
  confirmed: boolean;
  notice: string | null;
  updated_at: Timestamp;
}

export interface MatterSettingsTable {
  matter_id: number;
  /** numeric: a string when read. */
  yellow_ratio: ColumnType<string, number | string | undefined, number | string>;
  yellow_days: ColumnType<number, number | undefined, number>;
  updated_at: Timestamp;
}

export interface CaseClockTable {
  case_id: string;
  region_code: string;
  /** Accepted and not concluded, rejected or withdrawn. */
  open: boolean;
  accepted_on: string | null;
  promised_limit_days: number;
  promised_due_on: string | null;
  promised_on_time: boolean | null;
  promised_overdue: boolean;
  /** The matter's statutory limit, without extensions. */
  statutory_days: number;
  /** Days of the valid extensions. */
  extension_days: number;
  /** statutory_days + extension_days. */
  statutory_limit_days: number;
  statutory_due_on: string | null;
  statutory_on_time: boolean | null;
  /** Open and past the statutory due date, or concluded after it (超法定时限). */
  statutory_overdue: boolean;
  elapsed_days: number | null;
  remaining_days: number | null;
  processing_days: number | null;
  colour: Colour | null;
  paused: boolean;
  flags: ClockFlag[];
  stop_count: number;
  calendar_unconfirmed: boolean;
  unconfirmed_years: number[];
  /** The dates the row depends on: a calendar change outside them cannot change it. */
  span_from: string;
  span_to: string;
  evaluated_on: string;
  computed_at: Timestamp;
}
