import type { ColumnType, Generated } from 'kysely';

// The single Database type of the product's own PostgreSQL database. Each domain adds
// its tables in its own *.table.ts and they are joined here.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type JobRunStatus = 'running' | 'succeeded' | 'failed' | 'skipped';
export type JobTrigger = 'schedule' | 'manual' | 'startup';

export interface JobRunTable {
  id: Generated<string>;
  job_name: string;
  trigger: JobTrigger;
  status: JobRunStatus;
  started_at: Timestamp;
  finished_at: Date | null;
  rows_touched: ColumnType<string, number | undefined, number>;
  message: string | null;
  error: string | null;
  host: string;
  pid: number;
}

export interface AppSettingTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: Timestamp;
}

export interface Database {
  job_runs: JobRunTable;
  app_settings: AppSettingTable;
}
