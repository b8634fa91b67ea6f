import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database';
import { EMPTY_COUNTS, type KpiCounts, type KpiPeriod } from './kpi-definitions';
import { loadRectifiedBadRatings } from './bad-rating-rectification.repository';
import { memberEntries, type KpiFilter } from './kpi-filter';
import { loadMatterCounts } from './kpis.repository';

// The headline counts read from the rollups (kpi_daily, kpi_now): a few rows per day of
// the period instead of the raw cases. Holds the uncut figures and every single cut, with
// or without a section cut; two member cuts at once are not pre-summed (see kpi.service.ts).

const n = (v: unknown) => Number(v ?? 0);

/** True when the rollups hold this cut. */
export function rollupsCover(filter: KpiFilter): boolean {
  return memberEntries(filter).length <= 1;
}

function cell(filter: KpiFilter) {
  const [member] = memberEntries(filter);
  const dim = member ? member[0] : 'all';
  const key = member ? member[1] : '';
  const sections = filter.sections === null ? sql`true` : sql`section_id = ANY(${filter.sections}::int[])`;
  return sql`dim = ${dim} AND key = ${key} AND ${sections}`;
}

export async function loadRollupCounts(
  db: Kysely<Database>,
  period: KpiPeriod,
  filter: KpiFilter
): Promise<KpiCounts> {
  if (!rollupsCover(filter)) throw new Error('the rollups hold one member cut at most');
  if (filter.sections !== null && filter.sections.length === 0) return { ...EMPTY_COUNTS };
  const where = cell(filter);
  const [daily, now, matters, rectifiedBad] = await Promise.all([
    sql<Record<string, string | null>>`
      SELECT sum(received) AS received, sum(received_online) AS received_online, sum(accepted) AS accepted,
        sum(rejected) AS rejected, sum(withdrawn) AS withdrawn, sum(concluded) AS concluded,
        sum(approved) AS approved, sum(denied) AS denied, sum(promised_on_time) AS promised_on_time,
        sum(statutory_on_time) AS statutory_on_time, sum(with_processing) AS with_processing,
        sum(processing_days) AS processing_days, sum(statutory_days) AS statutory_days,
        sum(same_day) AS same_day, sum(rated) AS rated, sum(ratings) AS ratings,
        sum(good_ratings) AS good_ratings, sum(bad_ratings) AS bad_ratings, sum(complaints) AS complaints,
        sum(complaints_substantiated) AS complaints_substantiated, sum(complaints_closed) AS complaints_closed
      FROM kpi_daily
      WHERE ${where} AND day BETWEEN ${period.from}::date AND ${period.to}::date`.execute(db),
    sql<Record<string, string | null>>`
      SELECT sum(open_now) AS open_now, sum(overdue_open_promised) AS overdue_open_promised,
        sum(overdue_open_statutory) AS overdue_open_statutory, sum(yellow_now) AS yellow_now,
        sum(red_now) AS red_now
      FROM kpi_now WHERE ${where}`.execute(db),
    loadMatterCounts(db, filter),
    loadRectifiedBadRatings(db, period, filter)
  ]);
  const d = daily.rows[0];
  const o = now.rows[0];
  return {
    received: n(d.received),
    receivedOnline: n(d.received_online),
    accepted: n(d.accepted),
    rejected: n(d.rejected),
    concluded: n(d.concluded),
    approved: n(d.approved),
    denied: n(d.denied),
    withdrawn: n(d.withdrawn),
    promisedOnTime: n(d.promised_on_time),
    statutoryOnTime: n(d.statutory_on_time),
    openNow: n(o.open_now),
    overdueOpenPromised: n(o.overdue_open_promised),
    overdueOpenStatutory: n(o.overdue_open_statutory),
    yellowNow: n(o.yellow_now),
    redNow: n(o.red_now),
    withProcessing: n(d.with_processing),
    processingDays: n(d.processing_days),
    statutoryDays: n(d.statutory_days),
    sameDay: n(d.same_day),
    rated: n(d.rated),
    ...matters,
    ratings: n(d.ratings),
    goodRatings: n(d.good_ratings),
    badRatings: n(d.bad_ratings),
    badRatingsRectified: rectifiedBad.rectified,
    badRatingsRectifiedOnTime: rectifiedBad.rectifiedOnTime,
    complaints: n(d.complaints),
    complaintsSubstantiated: n(d.complaints_substantiated),
    complaintsClosed: n(d.complaints_closed)
  };
}
