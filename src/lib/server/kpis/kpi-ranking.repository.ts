import { sql, type Kysely } from 'kysely';
import type { CutDimension } from '../../kpis/cuts';
import type { MemberCounts } from '../../kpis/ranking-metrics';
import type { Database } from '../db/database';
import type { KpiPeriod } from './kpi-definitions';
import type { KpiFilter } from './kpi-filter';

// One row per member of a cut dimension (each section, each matter, …) over a period,
// from the rollups, within the caller's sections. Members with nothing in the period and
// nothing open are left out.

/** One member's counts; for sections the key is the section id. */
export interface RankingCounts extends MemberCounts {
  /** The rollup key: the member's id (level, channel: the value). */
  key: string;
}

export async function loadRanking(
  db: Kysely<Database>,
  period: KpiPeriod,
  filter: KpiFilter,
  dimension: CutDimension
): Promise<RankingCounts[]> {
  if (filter.sections !== null && filter.sections.length === 0) return [];
  const bySection = dimension === 'section';
  const dim = bySection ? 'all' : dimension;
  const key = sql.raw(bySection ? 'section_id::text' : 'key');
  const sections = filter.sections === null ? sql`true` : sql`section_id = ANY(${filter.sections}::int[])`;
  const result = await sql<Record<string, string>>`
    WITH period AS (
      SELECT ${key} AS key, sum(received) AS received, sum(concluded) AS concluded,
        sum(promised_on_time) AS promised_on_time, sum(statutory_on_time) AS statutory_on_time,
        sum(with_processing) AS with_processing, sum(processing_days) AS processing_days,
        sum(same_day) AS same_day, sum(ratings) AS ratings, sum(good_ratings) AS good_ratings
      FROM kpi_daily
      WHERE dim = ${dim} AND ${sections} AND day BETWEEN ${period.from}::date AND ${period.to}::date
      GROUP BY 1
    ), now AS (
      SELECT ${key} AS key, sum(open_now) AS open_now, sum(red_now) AS red_now
      FROM kpi_now WHERE dim = ${dim} AND ${sections} GROUP BY 1
    )
    SELECT coalesce(p.key, n.key) AS key, p.received, p.concluded, p.promised_on_time, p.statutory_on_time,
      p.with_processing, p.processing_days, p.same_day, p.ratings, p.good_ratings, n.open_now, n.red_now
    FROM period p FULL JOIN now n ON n.key = p.key
    WHERE coalesce(p.key, n.key) <> '0'`.execute(db);
  const v = (x: string | null | undefined) => Number(x ?? 0);
  return result.rows.map((r) => ({
    key: r.key,
    received: v(r.received),
    concluded: v(r.concluded),
    promisedOnTime: v(r.promised_on_time),
    statutoryOnTime: v(r.statutory_on_time),
    withProcessing: v(r.with_processing),
    processingDays: v(r.processing_days),
    sameDay: v(r.same_day),
    ratings: v(r.ratings),
    goodRatings: v(r.good_ratings),
    openNow: v(r.open_now),
    redNow: v(r.red_now)
  }));
}
