import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database';
import { loadRectifiedBadRatings } from './bad-rating-rectification.repository';
import { EMPTY_COUNTS, type KpiCounts, type KpiPeriod } from './kpi-definitions';
import type { KpiFilter } from './kpi-filter';
import { CASE_MEMBER, filterSql, FOLLOWER_JOINS, FOLLOWER_MEMBER, inPeriod } from './kpi-sql';

// The raw counts behind the headline figures, computed by plain aggregate SQL over the
// synced tables and case_clock. The dashboard reads the rollups instead
// (kpi-rollups.repository.ts); this is the reference they are tested against, the path for
// a cut the rollups do not hold (two member cuts at once), and the benchmark's baseline.

const n = (v: unknown) => Number(v ?? 0);

export async function loadKpiCounts(
  db: Kysely<Database>,
  period: KpiPeriod,
  filter: KpiFilter
): Promise<KpiCounts> {
  // An empty cut (a section outside the user's scope) covers nothing.
  if (filter.sections !== null && filter.sections.length === 0) return { ...EMPTY_COUNTS };
  const received = inPeriod(sql.ref('c.received_at'), period);
  const accepted = inPeriod(sql.ref('c.accepted_at'), period);
  const concluded = sql<boolean>`(c.status = 'concluded' AND ${inPeriod(sql.ref('c.concluded_at'), period)})`;
  const caseFilter = filterSql(filter, CASE_MEMBER);

  const caseRow = await sql<Record<string, string | null>>`
    SELECT
      count(*) FILTER (WHERE ${received}) AS received,
      count(*) FILTER (WHERE ${received} AND c.channel = 'online') AS received_online,
      count(*) FILTER (WHERE ${accepted}) AS accepted,
      count(*) FILTER (WHERE ${concluded}) AS concluded,
      count(*) FILTER (WHERE ${concluded} AND c.decision = 'approved') AS approved,
      count(*) FILTER (WHERE ${concluded} AND c.decision = 'denied') AS denied,
      count(*) FILTER (WHERE ${concluded} AND k.promised_on_time) AS promised_on_time,
      count(*) FILTER (WHERE ${concluded} AND k.statutory_on_time) AS statutory_on_time,
      count(*) FILTER (WHERE k.open) AS open_now,
      count(*) FILTER (WHERE k.open AND k.promised_overdue) AS overdue_open_promised,
      count(*) FILTER (WHERE k.open AND k.statutory_overdue) AS overdue_open_statutory,
      count(*) FILTER (WHERE k.open AND k.colour = 'yellow') AS yellow_now,
      count(*) FILTER (WHERE k.open AND k.colour = 'red') AS red_now,
      count(*) FILTER (WHERE ${concluded} AND k.processing_days IS NOT NULL) AS with_processing,
      coalesce(sum(k.processing_days) FILTER (WHERE ${concluded}), 0) AS processing_days,
      coalesce(sum(k.statutory_days) FILTER (WHERE ${concluded} AND k.processing_days IS NOT NULL), 0)
        AS statutory_days,
      count(*) FILTER (WHERE ${concluded} AND k.processing_days = 0) AS same_day,
      count(*) FILTER (WHERE ${concluded} AND EXISTS (SELECT 1 FROM ratings r WHERE r.case_id = c.id)) AS rated
    FROM cases c
    JOIN matters m ON m.id = c.matter_id
    JOIN service_points sp ON sp.id = c.service_point_id
    LEFT JOIN case_clock k ON k.case_id = c.id
    WHERE ${caseFilter}`.execute(db);

  // A case is rejected (withdrawn) in the period of its first such event.
  const eventRow = await sql<Record<string, string | null>>`
    SELECT
      count(*) FILTER (WHERE o.kind = 'rejected') AS rejected,
      count(*) FILTER (WHERE o.kind = 'withdrawn') AS withdrawn
    FROM (
      SELECT DISTINCT ON (e.case_id, e.kind) e.case_id, e.kind, e.occurred_at
      FROM case_events e
      WHERE e.kind IN ('rejected', 'withdrawn')
      ORDER BY e.case_id, e.kind, e.occurred_at, e.id
    ) o
    JOIN cases c ON c.id = o.case_id
    JOIN matters m ON m.id = c.matter_id
    JOIN service_points sp ON sp.id = c.service_point_id
    WHERE ${inPeriod(sql.ref('o.occurred_at'), period)} AND ${caseFilter}`.execute(db);

  const [matters, rectifiedBad] = await Promise.all([
    loadMatterCounts(db, filter),
    loadRectifiedBadRatings(db, period, filter)
  ]);

  // Ratings and complaints follow their case when they have one, else their window; one
  // with neither in the cut is only in the uncut figures.
  const ratingRow = await sql<Record<string, string | null>>`
    SELECT
      count(*) AS ratings,
      count(*) FILTER (WHERE r.level >= 4) AS good,
      count(*) FILTER (WHERE r.level <= 2) AS bad
    FROM ratings r ${FOLLOWER_JOINS('r')}
    WHERE ${inPeriod(sql.ref('r.rated_at'), period)} AND ${filterSql(filter, FOLLOWER_MEMBER('r'))}`.execute(
    db
  );

  const complaintRow = await sql<Record<string, string | null>>`
    SELECT
      count(*) AS complaints,
      count(*) FILTER (WHERE p.substantiated) AS substantiated,
      count(*) FILTER (WHERE p.closed_at IS NOT NULL) AS closed
    FROM complaints p ${FOLLOWER_JOINS('p')}
    WHERE ${inPeriod(sql.ref('p.received_at'), period)} AND ${filterSql(filter, FOLLOWER_MEMBER('p'))}`.execute(
    db
  );

  const k = caseRow.rows[0];
  const e = eventRow.rows[0];
  const r = ratingRow.rows[0];
  const p = complaintRow.rows[0];
  return {
    received: n(k.received),
    receivedOnline: n(k.received_online),
    accepted: n(k.accepted),
    rejected: n(e.rejected),
    concluded: n(k.concluded),
    approved: n(k.approved),
    denied: n(k.denied),
    withdrawn: n(e.withdrawn),
    promisedOnTime: n(k.promised_on_time),
    statutoryOnTime: n(k.statutory_on_time),
    openNow: n(k.open_now),
    overdueOpenPromised: n(k.overdue_open_promised),
    overdueOpenStatutory: n(k.overdue_open_statutory),
    yellowNow: n(k.yellow_now),
    redNow: n(k.red_now),
    withProcessing: n(k.with_processing),
    processingDays: n(k.processing_days),
    statutoryDays: n(k.statutory_days),
    sameDay: n(k.same_day),
    rated: n(k.rated),
    ...matters,
    ratings: n(r.ratings),
    goodRatings: n(r.good),
    badRatings: n(r.bad),
    badRatingsRectified: rectifiedBad.rectified,
    badRatingsRectifiedOnTime: rectifiedBad.rectifiedOnTime,
    complaints: n(p.complaints),
    complaintsSubstantiated: n(p.substantiated),
    complaintsClosed: n(p.closed)
  };
}

export function pick<T extends object, K extends keyof T>(object: T, keys: K[]): Pick<T, K> {
  const result = {} as Pick<T, K>;
  for (const key of keys) if (object[key] !== undefined) result[key] = object[key];
  return result;
}

/** The matters behind matters_online_share (shared by both paths). */
export async function loadMatterCounts(db: Kysely<Database>, filter: KpiFilter) {
  const matterFilter = filterSql(
    { sections: filter.sections, members: pick(filter.members, ['department', 'matter']) },
    CASE_MEMBER
  );
  const row = await sql<Record<string, string | null>>`
    SELECT count(*) AS matters, count(*) FILTER (WHERE m.online) AS matters_online
    FROM matters m WHERE ${matterFilter}`.execute(db);
  return { matters: n(row.rows[0].matters), mattersOnline: n(row.rows[0].matters_online) };
}
