import type { ColumnType } from 'kysely';

// The KPI rollups (migrations/app/20261125030000_kpi_rollups.ts). Written only by the
// rollup refresh; read by the dashboard.

type Count = ColumnType<number, number | undefined, number>;
type BigSum = ColumnType<string, number | string | undefined, number | string>;

/** A cut's dimension as stored: 'all' (key '') or one of the cut dimensions (key = id or value). */
export type RollupDim =
  'all' | 'department' | 'matter' | 'level' | 'service_point' | 'window' | 'staff' | 'channel';

export interface KpiDailyTable {
  day: ColumnType<string, string, string>;
  dim: RollupDim;
  key: string;
  section_id: number;
  received: Count;
  received_online: Count;
  accepted: Count;
  rejected: Count;
  withdrawn: Count;
  concluded: Count;
  approved: Count;
  denied: Count;
  promised_on_time: Count;
  statutory_on_time: Count;
  with_processing: Count;
  same_day: Count;
  rated: Count;
  ratings: Count;
  good_ratings: Count;
  bad_ratings: Count;
  complaints: Count;
  complaints_substantiated: Count;
  complaints_closed: Count;
  processing_days: BigSum;
  statutory_days: BigSum;
}

export interface KpiNowTable {
  dim: RollupDim;
  key: string;
  section_id: number;
  open_now: number;
  overdue_open_promised: number;
  overdue_open_statutory: number;
  yellow_now: number;
  red_now: number;
  paused_now: number;
}

/** Cases (open or not) carrying a clock flag, per section of their matter. */
export interface KpiFlagsTable {
  section_id: number;
  flag: string;
  cases: number;
}

export interface KpiDirtyDayTable {
  day: ColumnType<string, string, string>;
}

export interface KpiRollupStateTable {
  id: number;
  refreshed_at: Date | null;
  days_refreshed: number;
  /** kpi_flags could not be kept by its triggers: the next refresh recounts it. */
  flags_stale: boolean;
}
