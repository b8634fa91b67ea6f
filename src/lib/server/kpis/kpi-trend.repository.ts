import { sql, type Kysely } from 'kysely';
import type { TrendGrain } from '../../kpis/periods';
import type { Database } from '../db/database';
import type { KpiPeriod } from './kpi-definitions';
import { memberEntries, type KpiFilter } from './kpi-filter';

// The trend of a period bucketed by day, week (Monday first, as date_trunc does) or month,
// from kpi_daily. Only for cuts the rollups hold (see rollupsCover).

export interface TrendRow {
  bucket: string;
  received: number;
  concluded: number;
  promisedOnTime: number;
  statutoryOnTime: number;
  withProcessing: number;
  processingDays: number;
  statutoryDays: number;
}

export async function loadTrend(
  db: Kysely<Database>,
  period: KpiPeriod,
  filter: KpiFilter,
  grain: TrendGrain
): Promise<TrendRow[]> {
  const [member] = memberEntries(filter);
  const sections = filter.sections === null ? sql`true` : sql`section_id = ANY(${filter.sections}::int[])`;
  const result = await sql<Record<string, string>>`
    SELECT to_char(date_trunc(${grain}, day), 'YYYY-MM-DD') AS bucket,
      sum(received) AS received, sum(concluded) AS concluded, sum(promised_on_time) AS promised_on_time,
      sum(statutory_on_time) AS statutory_on_time, sum(with_processing) AS with_processing,
      sum(processing_days) AS processing_days, sum(statutory_days) AS statutory_days
    FROM kpi_daily
    WHERE dim = ${member ? member[0] : 'all'} AND key = ${member ? member[1] : ''} AND ${sections}
      AND day BETWEEN ${period.from}::date AND ${period.to}::date
    GROUP BY 1 ORDER BY 1`.execute(db);
  return result.rows.map((r) => ({
    bucket: r.bucket,
    received: Number(r.received),
    concluded: Number(r.concluded),
    promisedOnTime: Number(r.promised_on_time),
    statutoryOnTime: Number(r.statutory_on_time),
    withProcessing: Number(r.with_processing),
    processingDays: Number(r.processing_days),
    statutoryDays: Number(r.statutory_days)
  }));
}
